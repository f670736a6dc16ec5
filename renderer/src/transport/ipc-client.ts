import { ApiError, type ApiMethod, type LiveEvent } from '../../../electron/common/api.js';
import type { ApiClient, LiveLinkState } from './api-client.js';
import type { SiteCommandBridge } from './bridge.js';

/** Electron implementation of the contract: calls go through the preload's typed bridge. */
export function createIpcClient(bridge: SiteCommandBridge): ApiClient {
  let token: string | null = null;

  async function call(method: ApiMethod, params?: unknown): Promise<unknown> {
    const reply = await bridge.invoke(method, params, token);
    if (reply.ok) return reply.result;
    throw new ApiError(reply.error.code, reply.error.error, reply.error.field);
  }

  function openLive(onEvent: (event: LiveEvent) => void, onState: (state: LiveLinkState) => void): () => void {
    onState('connecting');
    const stop = bridge.onLive((events) => events.forEach(onEvent));
    void bridge.startLive(token).then((ok) => onState(ok ? 'live' : 'lost'));
    return stop;
  }

  return {
    transport: 'ipc',
    call: call as ApiClient['call'],
    setToken: (value) => {
      token = value;
    },
    openLive,
  };
}
