import type { ApiMethod, ApiParams, ApiResult, LiveEvent } from '../../../electron/common/api.js';

/** State of the live channel as the operator sees it in the top bar. */
export type LiveLinkState = 'connecting' | 'live' | 'lost';

/**
 * The renderer's view of the site core. Two implementations: the web client (HTTP + WebSocket)
 * and the Electron client (IPC through the preload bridge). Views never know which one they have.
 */
export interface ApiClient {
  readonly transport: 'web' | 'ipc';
  call<M extends ApiMethod>(method: M, ...params: undefined extends ApiParams<M> ? [ApiParams<M>?] : [ApiParams<M>]): Promise<ApiResult<M>>;
  setToken(token: string | null): void;
  /** Starts pushing live events (after login); returns a function that stops them. */
  openLive(onEvent: (event: LiveEvent) => void, onState: (state: LiveLinkState) => void): () => void;
}
