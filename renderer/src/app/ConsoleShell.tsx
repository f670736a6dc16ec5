import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type SessionInfo } from '../../../electron/common/api.js';
import { AlarmState, alarmSourceOf, reloadAlarms } from '../state/alarm-state.js';
import { SiteState } from '../state/site-state.js';
import { useValue } from '../state/site-state-hooks.js';
import type { ApiClient } from '../transport/api-client.js';
import { CoreStatus } from '../transport/core-status.js';
import { ConfigProblems } from '../views/overview/ConfigProblems.js';
import { Overview } from '../views/overview/Overview.js';
import { AlarmBanner } from '../views/alarms/AlarmBanner.js';
import { AlarmsView } from '../views/alarms/AlarmsView.js';
import { CameraWall } from '../views/cameras/CameraWall.js';
import { GisView } from '../views/gis/GisView.js';
import { PanoramasView } from '../views/panoramas/PanoramasView.js';
import { Site3dView } from '../views/site3d/Site3dView.js';
import { DevicesView } from '../views/devices/DevicesView.js';
import { WorkforceView } from '../views/workforce/WorkforceView.js';
import { StatisticsView } from '../views/statistics/StatisticsView.js';
import { ProgressView } from '../views/progress/ProgressView.js';
import { QualityView } from '../views/quality/QualityView.js';
import { ReportsView } from '../views/reports/ReportsView.js';
import { ScreenView } from '../views/screens/ScreenView.js';
import type { ViewProps } from '../views/view-props.js';
import { handleNavShortcut, NavTabs } from './NavTabs.js';
import { useRoute } from './routes.js';
import { TopBar } from './TopBar.js';

/** Loads the site once, then keeps it live from pushed events (no polling). */
export function ConsoleShell({ client, session, onLogout }: { client: ApiClient; session: SessionInfo; onLogout: () => void }) {
  const { t } = useTranslation();
  const [state] = useState(() => new SiteState());
  const [alarms] = useState(() => new AlarmState());
  const [core] = useState(() => new CoreStatus());
  const [error, setError] = useState<string | null>(null);
  const site = useValue(state.site);
  const route = useRoute();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (handleNavShortcut(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const [summary, devices] = await Promise.all([client.call('getSite'), client.call('listDevices')]);
        if (cancelled) return;
        state.loadSite(summary);
        state.loadDevices(devices);
        setError(null);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'unauthorized') onLogout();
        else setError((e as Error).message);
      }
    };
    void load();
    void reloadAlarms(alarms, alarmSourceOf(client));
    const stop = client.openLive(
      (event) => {
        if (event.type === 'alarm') alarms.apply(event.event);
        state.apply(event);
      },
      (link) => {
        state.link.set(link);
        // After a lost link, reload the snapshot so nothing missed stays stale.
        if (link === 'live') {
          // Health tells a restarted core (new boot id) from a network drop; the top bar says which.
          client.call('health').then(
            (health) => core.note(health),
            () => undefined,
          );
          void load();
          void reloadAlarms(alarms, alarmSourceOf(client));
        }
      },
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, [client, state, alarms, core, onLogout]);

  const viewProps = (timeZone: string): ViewProps => ({ client, state, alarms, session, timeZone, param: route.param });

  // A wall screen (#/screen/NAME) has no chrome: no top bar, nav or banners, only its panels.
  if (route.view === 'screen') {
    return <div className="console console-wall">{site ? <ScreenView {...viewProps(site.timeZone)} /> : <p className="loading">{t('app.loading')}</p>}</div>;
  }

  return (
    <div className="console">
      <TopBar state={state} core={core} session={session} client={client} onLogout={onLogout} />
      <AlarmBanner alarms={alarms} site={state} client={client} timeZone={site?.timeZone ?? 'Asia/Shanghai'} />
      <NavTabs current={route.view} />
      {error && (
        <p className="banner banner-error" role="alert">
          ⚠ {t('error.generic', { message: error })}
        </p>
      )}
      {site && site.configProblems.length > 0 && <ConfigProblems problems={site.configProblems} />}
      {!site && <p className="loading">{t('app.loading')}</p>}
      {site && route.view === 'overview' && <Overview state={state} timeZone={site.timeZone} alarms={alarms} />}
      {site && route.view === 'alarms' && <AlarmsView client={client} state={state} alarms={alarms} session={session} alarmId={route.param} timeZone={site.timeZone} />}
      {site && route.view === 'cameras' && <CameraWall client={client} state={state} />}
      {site && route.view === 'site3d' && <Site3dView client={client} state={state} param={route.param} />}
      {site && route.view === 'gis' && <GisView client={client} state={state} param={route.param} alarms={alarms} />}
      {site && route.view === 'panoramas' && <PanoramasView client={client} state={state} param={route.param} />}
      {site && route.view === 'devices' && <DevicesView client={client} state={state} session={session} param={route.param} timeZone={site.timeZone} />}
      {site && route.view === 'workforce' && <WorkforceView client={client} state={state} session={session} param={route.param} timeZone={site.timeZone} />}
      {site && route.view === 'statistics' && <StatisticsView {...viewProps(site.timeZone)} />}
      {site && route.view === 'progress' && <ProgressView {...viewProps(site.timeZone)} />}
      {site && route.view === 'quality' && <QualityView {...viewProps(site.timeZone)} />}
      {site && route.view === 'reports' && <ReportsView {...viewProps(site.timeZone)} />}
    </div>
  );
}
