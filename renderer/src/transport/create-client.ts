import type { ApiClient } from './api-client.js';
import { createIpcClient } from './ipc-client.js';
import { createWebClient } from './web-client.js';

/** Electron's preload puts the bridge on window; a browser has none and talks HTTP. */
export function createClient(): ApiClient {
  return window.siteCommand ? createIpcClient(window.siteCommand) : createWebClient();
}
