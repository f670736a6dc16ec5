import type { ApiErrorBody, ApiMethod, LiveEvent } from '../../../electron/common/api.js';

/** What the Electron preload exposes as `window.siteCommand`; mirrors electron/preload/bridge.ts. */
export interface SiteCommandBridge {
  /** The core's loopback HTTP origin (video socket, media files), or null without HTTP. */
  readonly coreOrigin: string | null;
  invoke(method: ApiMethod, params: unknown, token: string | null): Promise<{ ok: true; result: unknown } | { ok: false; error: ApiErrorBody }>;
  startLive(token: string | null): Promise<boolean>;
  onLive(listener: (events: LiveEvent[]) => void): () => void;
}

declare global {
  interface Window {
    siteCommand?: SiteCommandBridge;
  }
}
