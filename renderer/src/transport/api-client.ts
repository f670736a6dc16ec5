import type { ApiMethod, ApiParams, ApiResult, LiveEvent } from '../../../electron/common/api.js';

/** State of the live channel as the operator sees it in the top bar. */
export type LiveLinkState = 'connecting' | 'live' | 'lost';

/**
 * The renderer's view of the site core over HTTP + WebSocket, in browsers and in the desktop
 * window alike. Views depend on this interface, so tests can hand them a fake.
 */
export interface ApiClient {
  readonly transport: 'web';
  call<M extends ApiMethod>(method: M, ...params: undefined extends ApiParams<M> ? [ApiParams<M>?] : [ApiParams<M>]): Promise<ApiResult<M>>;
  setToken(token: string | null): void;
  /** Starts pushing live events (after login); returns a function that stops them. */
  openLive(onEvent: (event: LiveEvent) => void, onState: (state: LiveLinkState) => void): () => void;
}
