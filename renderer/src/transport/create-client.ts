import type { ApiClient } from './api-client.js';
import { createWebClient } from './web-client.js';

/**
 * The one client: browsers and the desktop window alike load the console from the core's HTTP(S)
 * address and talk to it there (the desktop app runs the core out of process, see electron/main).
 */
export function createClient(): ApiClient {
  return createWebClient();
}
