import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteEntry, SitesReply } from '../../../../electron/common/api.js';
import { navigate } from '../../app/routes.js';
import type { GisScene } from '../../gis/gis-scene.js';
import { flattenSites } from '../../gis/sites-tree.js';
import type { AlarmState } from '../../state/alarm-state.js';
import { deviceAlarmMark } from '../../state/device-alarm.js';
import { type SiteState } from '../../state/site-state.js';
import { useValue } from '../../state/site-state-hooks.js';
import { useSiteModel } from '../../state/use-site-model.js';
import type { ApiClient } from '../../transport/api-client.js';
import { SitesPanel } from './SitesPanel.js';
import './gis.css';
import { useGisStrings } from './strings.js';

/** The federation's status is cached ~10 s by the core; asking every 5 s shows a change within 15 s at worst. */
const SITES_POLL_MS = 5000;

/** Optional LAN XYZ tile server, off unless set on this console (`localStorage`); see gis/offline-globe.ts. */
const LAN_TILES_KEY = 'siteCommand.gis.lanTileUrl';

/**
 * `#/gis` and `#/gis/PROJECT_ID`: the offline globe with this site drawn in place and the
 * authority → enterprise → project tree beside it. The selected project lives in the hash, so it
 * survives switching views; selecting one flies the camera there. Cesium is loaded on first use
 * (its own chunk), so the other views never pay for it.
 */
export function GisView({ client, state, param, alarms }: { client: ApiClient; state: SiteState; param: string | null; alarms?: AlarmState }) {
  useGisStrings();
  const { t } = useTranslation();
  const site = useValue(state.site);
  const mapRef = useRef<HTMLDivElement>(null);
  const [scene, setScene] = useState<GisScene | null>(null);
  const [sites, setSites] = useState<SitesReply | null>(null);
  const { model, error: modelError } = useSiteModel(client, state);
  const [mapProblem, setProblem] = useState<string | null>(null);
  const problem = mapProblem ?? modelError;
  const framed = useRef(false);

  // The scene: created once per mount, destroyed with the view (every primitive and the WebGL context).
  useEffect(() => {
    let disposed = false;
    let created: GisScene | null = null;
    void import('../../gis/gis-scene.js')
      .then(({ GisScene }) => {
        if (disposed || !mapRef.current) return;
        created = new GisScene(mapRef.current, { onPickProject: (id) => navigate('gis', id) }, { lanTileUrl: localStorage.getItem(LAN_TILES_KEY) });
        setScene(created);
      })
      .catch((e: Error) => setProblem(t('gis.mapFailed', { message: e.message })));
    return () => {
      disposed = true;
      created?.destroy();
      framed.current = false;
    };
  }, [t]);

  // Project statuses: polled (the core answers from its cache, never waiting on a remote core).
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      client
        .call('listSites')
        .then((reply) => !cancelled && setSites(reply))
        .catch((e: Error) => !cancelled && setProblem(e.message));
    void load();
    const timer = setInterval(load, SITES_POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client]);

  // This site in place, then kept live: cranes slew, devices that go offline turn magenta. A new
  // model (an admin moved a device) is drawn again in place; the camera stays where it is.
  useEffect(() => {
    if (!scene || !model) return;
    scene.setSiteModel(model);
    const ids = model.devices.map((d) => d.id);
    const push = (id: string) => {
      const device = state.devices.get(id);
      if (device) scene.updateDevice(device);
    };
    ids.forEach(push);
    const stops = ids.map((id) => state.devices.subscribeKey(id, () => push(id)));
    return () => stops.forEach((stop) => stop());
  }, [scene, model, state]);

  // Each device's open alarm on its point, kept current from the console's alarm state.
  useEffect(() => {
    if (!scene || !model || !alarms) return;
    const words = { critical: t('alarm.priority.critical'), high: t('alarm.priority.high'), medium: t('alarm.priority.medium'), low: t('alarm.priority.low') };
    const paint = () => {
      const all = alarms.all();
      for (const d of model.devices) scene.updateDeviceAlarm(d.id, deviceAlarmMark(all, d.id)?.priority ?? null, words);
    };
    paint();
    return alarms.subscribeAll(paint);
  }, [scene, model, alarms, t]);

  const labelOf = useCallback((entry: SiteEntry) => entry.name, []);

  // Markers, and the first framing: the project named in the hash, or all of them.
  useEffect(() => {
    if (!scene || !sites) return;
    scene.setSites(flattenSites(sites), labelOf);
    if (framed.current) return;
    framed.current = true;
    if (!param || !scene.flyTo(param, 0)) scene.showAll();
  }, [scene, sites, labelOf, param]);

  // A new selection (panel, marker or hash) flies there.
  const lastParam = useRef(param);
  useEffect(() => {
    if (!scene || !sites || lastParam.current === param) return;
    lastParam.current = param;
    if (param) scene.flyTo(param);
    else scene.showAll();
  }, [scene, sites, param]);

  return (
    <main className="gis-view" data-testid="gis-view">
      <div className="gis-map" ref={mapRef} data-testid="gis-map">
        {!scene && !problem && <p className="gis-map-message">{t('gis.loading')}</p>}
        {problem && (
          <p className="gis-map-message" role="alert">
            ⚠ {problem}
          </p>
        )}
        {model && !model.origin && <p className="gis-map-message">{t('gis.noOrigin')}</p>}
      </div>
      <SitesPanel sites={sites} selected={param} timeZone={site?.timeZone ?? 'UTC'} onShowAll={() => navigate('gis')} client={client} />
    </main>
  );
}
