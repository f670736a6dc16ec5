import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { navigate } from '../../app/routes.js';
import { SiteRenderer } from '../../scene/site-renderer.js';
import { type SiteState } from '../../state/site-state.js';
import { useValue } from '../../state/site-state-hooks.js';
import { useSiteModel } from '../../state/use-site-model.js';
import type { ApiClient } from '../../transport/api-client.js';
import { consoleLiveSource } from './site-live.js';
import './site3d.css';
import './strings.js';
import { DeviceViewLinks } from '../../app/ViewLinks.js';
import { TEST_HOOKS } from '../../app/test-hooks.js';
import { installSite3dTestHook, type Site3dShowing } from './site3d-test-hook.js';
import { ProgressDelayLayer } from '../progress/ProgressDelayLayer.js';

/**
 * The 3D site view (level 1–2 displays): the site model with live cranes, hoist, monitors,
 * cameras, workers and alarms. `param` (`#/site3d/DEVICE_ID`) selects a device and flies to it.
 */
export function Site3dView({ client, state, param }: { client: ApiClient; state: SiteState; param: string | null }) {
  const { t, i18n } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  const { model, error: modelError } = useSiteModel(client, state);
  const [webglError, setWebglError] = useState<string | null>(null);
  const error = webglError ?? modelError;
  const [renderer, setRenderer] = useState<SiteRenderer | null>(null);
  const workers = useValue(state.workersOnSite);
  // The renderer is built once, from the first model; later models (an admin's edit) go to
  // `updateModel` below, so the camera and the selection stay where the operator left them.
  // The effect and the test hook read the newest model outside render: a ref kept current after each commit.
  const latestModel = useRef(model);
  useEffect(() => {
    latestModel.current = model;
  }, [model]);
  /** What the test hook last loaded: a model edit replaces only the real site, never the stress site. */
  const showing = useRef<Site3dShowing>('demo');
  const hasModel = model !== null;

  useEffect(() => {
    const first = latestModel.current;
    if (!first || !stage.current) return;
    const host = stage.current;
    const source = consoleLiveSource(client, state);
    let site: SiteRenderer;
    try {
      site = new SiteRenderer(host, first, source.live, {
        t: (key, options) => i18n.t(`site3d.${key}`, options ?? {}),
        onPick: (pick) =>
          pick.kind === 'camera'
            ? navigate('cameras', `camera:${pick.id}`)
            : pick.kind === 'panorama'
              ? navigate('panoramas', pick.id)
              : navigate('site3d', pick.id),
      });
    } catch (e) {
      source.stop();
      // WebGL missing (no GPU driver, or blocked) is the likely cause; say so with the detail.
      // The failure comes from the stage's DOM node, which exists only now, after the commit: it
      // cannot be worked out while rendering, so this is the effect reporting an outside system.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
      setWebglError(`${t('site3d.noWebgl')} ${(e as Error).message}`);
      return;
    }
    showing.current = 'demo';
    // Test builds only (see app/test-hooks.ts): in the shipped console the condition is the
    // literal `false` and the hook, with the stress site, is not in the bundle at all.
    const removeTestHook = TEST_HOOKS ? installSite3dTestHook(site, source.live, () => latestModel.current ?? first, (which) => (showing.current = which)) : () => undefined;
    // The stage fills the window below the shell's bars (the shell is not a flex column).
    const fit = () => {
      host.style.height = `${Math.max(360, window.innerHeight - host.getBoundingClientRect().top)}px`;
    };
    fit();
    window.addEventListener('resize', fit);
    const relabel = () => site.relabel();
    i18n.on('languageChanged', relabel);
    setRenderer(site);
    return () => {
      i18n.off('languageChanged', relabel);
      window.removeEventListener('resize', fit);
      removeTestHook();
      site.dispose();
      source.stop();
      setRenderer(null);
    };
  }, [hasModel, client, state, i18n, t]);

  // A changed model (the core's `siteModelChanged`): redraw in place.
  useEffect(() => {
    if (renderer && model && showing.current === 'demo') renderer.updateModel(model);
  }, [renderer, model]);

  // `#/site3d/ID`: select and fly; no id clears the selection.
  useEffect(() => {
    if (!renderer) return;
    renderer.select(param, true);
  }, [renderer, param]);

  const selectedName = param && model ? nameOf(model, param) : null;

  return (
    <main className="site3d" data-testid="site3d">
      <div className="site3d-toolbar" role="toolbar" aria-label={t('site3d.views')}>
        <button type="button" onClick={() => renderer?.preset('overview')} data-testid="site3d-view-overview">
          {t('site3d.view.overview')}
        </button>
        <button type="button" onClick={() => renderer?.preset('top')} data-testid="site3d-view-top">
          {t('site3d.view.top')}
        </button>
        {model?.cranes.map((crane) => (
          <button type="button" key={crane.id} onClick={() => navigate('site3d', crane.id)} data-testid={`site3d-view-${crane.id}`}>
            {crane.name}
          </button>
        ))}
        {selectedName && (
          <span data-testid="site3d-selected">
            {t('site3d.selected', { name: selectedName })} <DeviceViewLinks deviceId={param!} show={['device', 'alarms']} />{' '}
            <button type="button" onClick={() => navigate('site3d')}>
              {t('site3d.clearSelection')}
            </button>
          </span>
        )}
        <ProgressDelayLayer client={client} renderer={renderer} />
        <span className="site3d-hint">{t('site3d.hint')}</span>
        {renderer && <span className="site3d-hint" data-testid="site3d-grid">{t('site3d.grid', { step: renderer.gridStepM })}</span>}
        <span className="site3d-status" data-testid="site3d-workers">
          {t('site3d.workers', { count: workers })}
        </span>
      </div>
      {error && (
        <p className="banner banner-error site3d-message" role="alert">
          ⚠ {error.startsWith(t('site3d.noWebgl')) ? error : t('site3d.error', { message: error })}
        </p>
      )}
      {!model && !error && <p className="site3d-message">{t('site3d.loading')}</p>}
      <div className="site3d-stage" ref={stage} data-testid="site3d-stage" />
    </main>
  );
}

function nameOf(model: SiteModel, id: string): string {
  return (
    model.devices.find((d) => d.id === id)?.name ??
    model.cranes.find((c) => c.id === id)?.name ??
    model.zones.find((z) => z.id === id)?.name ??
    model.buildings.find((b) => b.id === id)?.name ??
    model.cameras.find((c) => c.id === id)?.name ??
    id
  );
}
