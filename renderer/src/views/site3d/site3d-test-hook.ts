import type { SiteModel } from '../../../../electron/common/site-model.js';
import type { LiveSiteSource } from '../../scene/scene-extension.js';
import type { SiteRenderer } from '../../scene/site-renderer.js';
import { emptySiteModel, stressLiveSource, stressSiteModel } from '../../scene/stress-site.js';

/** What the e2e tests and the render benchmark reach through `window.__site3d` (test builds only). */
export interface Site3dTestHook {
  renderer: SiteRenderer;
  /** Swaps in the generated stress site (1 Hz updates) or an empty one; 'demo' restores the real site. */
  load(which: 'stress' | 'empty' | 'demo'): void;
}

export type Site3dShowing = 'demo' | 'stress' | 'empty';

declare global {
  interface Window {
    __site3d?: Site3dTestHook;
  }
}

/**
 * Puts the hook on `window` for this renderer; returns what removes it and stops the stress
 * site's updates. Imported only behind `TEST_HOOKS`, so a production bundle has neither the hook
 * nor the stress site: no page script can swap the live site for a generated one there.
 */
export function installSite3dTestHook(
  site: SiteRenderer,
  live: LiveSiteSource,
  realModel: () => SiteModel,
  showing: (which: Site3dShowing) => void,
): () => void {
  let stopStress: () => void = () => undefined;
  window.__site3d = {
    renderer: site,
    load: (which) => {
      stopStress();
      stopStress = () => undefined;
      showing(which);
      if (which === 'demo') site.setSite(realModel(), live);
      else if (which === 'empty') site.setSite(emptySiteModel(), live);
      else {
        const m = stressSiteModel();
        const stress = stressLiveSource(m);
        stopStress = stress.stop;
        site.setSite(m, stress.live);
      }
    },
  };
  return () => {
    stopStress();
    if (window.__site3d?.renderer === site) delete window.__site3d;
  };
}
