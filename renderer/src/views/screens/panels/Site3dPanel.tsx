import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../../app/routes.js';
import { SiteRenderer } from '../../../scene/site-renderer.js';
import { useSiteModel } from '../../../state/use-site-model.js';
import { consoleLiveSource } from '../../site3d/site-live.js';
import '../../site3d/site3d.css';
import '../../site3d/strings.js';
import type { PanelProps } from './panel-props.js';
import { TEST_HOOKS } from '../../../app/test-hooks.js';

declare global {
  interface Window {
    /** Test builds only: the wall's 3D renderer, for the wall benchmark (bench/wall.bench.mjs). */
    __wall3d?: SiteRenderer;
  }
}

/**
 * The 3D site in a box: the same scene as `#/site3d` (cranes, hoist, monitors, cameras, alarms on
 * their objects); a pick opens that object's full view, one click from the wall to its detail.
 */
export function Site3dPanel({ client, state, options }: PanelProps) {
  const { t, i18n } = useTranslation();
  const stage = useRef<HTMLDivElement>(null);
  const { model, error } = useSiteModel(client, state);
  const [failure, setFailure] = useState<string | null>(null);
  const latest = useRef(model);
  const [renderer, setRenderer] = useState<SiteRenderer | null>(null);
  useEffect(() => {
    latest.current = model;
  }, [model]);
  const hasModel = model !== null;
  const view = options.view ?? 'overview';

  useEffect(() => {
    const first = latest.current;
    if (!first || !stage.current) return;
    const source = consoleLiveSource(client, state);
    let site: SiteRenderer;
    try {
      site = new SiteRenderer(stage.current, first, source.live, {
        t: (key, o) => i18n.t(`site3d.${key}`, o ?? {}),
        onPick: (pick) => (pick.kind === 'camera' ? navigate('cameras', `camera:${pick.id}`) : pick.kind === 'panorama' ? navigate('panoramas', pick.id) : navigate('site3d', pick.id)),
      });
    } catch (e) {
      source.stop();
      // WebGL is missing: known only once the stage exists (an outside system, reported from the effect).
      // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
      setFailure(`${t('site3d.noWebgl')} ${(e as Error).message}`);
      return;
    }
    setRenderer(site);
    if (TEST_HOOKS) window.__wall3d = site;
    return () => {
      if (TEST_HOOKS && window.__wall3d === site) delete window.__wall3d;
      site.dispose();
      source.stop();
      setRenderer(null);
    };
  }, [hasModel, client, state, i18n, t]);

  useEffect(() => {
    if (renderer && model) renderer.updateModel(model);
  }, [renderer, model]);
  useEffect(() => {
    renderer?.preset(view, false);
  }, [renderer, view]);

  const problem = failure ?? error;
  return (
    <div className="wall-site3d" data-testid="wall-site3d">
      {problem && <p className="wall-panel-message">⚠ {problem}</p>}
      <div className="wall-site3d-stage" ref={stage} />
    </div>
  );
}
