import { API_ROUTES, ApiError, fillRoutePath, type ApiErrorBody, type ApiMethod, type LiveEvent } from '../../../electron/common/api.js';
import type { ApiClient, LiveLinkState } from './api-client.js';
import { reconnectDelayMs } from './reconnect-delay.js';

/** HTTP + WebSocket implementation of the contract, for browsers (web console, LAN wall screens). */
export function createWebClient(origin = window.location.origin): ApiClient {
  let token: string | null = null;

  async function call(method: ApiMethod, params?: Record<string, unknown>): Promise<unknown> {
    const route = API_ROUTES[method];
    const { path, rest } = fillRoutePath(route.path, params);
    const url = new URL(path, origin);
    const init: RequestInit = { method: route.verb, headers: {} as Record<string, string> };
    const headers = init.headers as Record<string, string>;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (route.verb === 'POST') {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(rest);
    } else {
      for (const [key, value] of Object.entries(rest)) if (value !== undefined) url.searchParams.set(key, String(value));
    }
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch {
      throw new ApiError('internal', 'the site core cannot be reached');
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      const error = body as Partial<ApiErrorBody> | null;
      throw new ApiError(error?.code ?? 'internal', error?.error ?? `HTTP ${response.status}`, error?.field);
    }
    return body;
  }

  function openLive(onEvent: (event: LiveEvent) => void, onState: (state: LiveLinkState) => void): () => void {
    let socket: WebSocket | null = null;
    let closed = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | null = null;

    const connect = () => {
      onState('connecting');
      const wsUrl = new URL('/api/live', origin);
      wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(wsUrl);
      socket = ws;
      ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
      ws.onmessage = (message) => {
        const event = JSON.parse(String(message.data)) as LiveEvent;
        if (event.type === 'ready') {
          attempt = 0;
          onState('live');
        }
        onEvent(event);
      };
      ws.onclose = () => {
        if (closed) return;
        onState('lost');
        // A restarting core comes back without a page reload (reconnect-delay.ts).
        const delay = reconnectDelayMs(attempt++);
        retry = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      socket?.close();
    };
  }

  return {
    transport: 'web',
    call: call as ApiClient['call'],
    setToken: (value) => {
      token = value;
    },
    openLive,
  };
}
