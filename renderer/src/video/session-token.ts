import { loadSession } from '../app/session.js';

/**
 * The session token for the video socket and the media-ticket request (never put in a URL; see media-tickets.ts). App.tsx saves the session before it
 * renders the console, so reading it back here keeps the video client independent of the API client.
 */
export function currentToken(): string | null {
  return loadSession()?.token ?? null;
}

/**
 * Where the site core's HTTP/WebSocket server is, or null when this page was not loaded from it
 * (a renderer opened from a file; the desktop window loads it from the core, as browsers do).
 */
export function coreOrigin(): string | null {
  const { protocol, origin } = window.location;
  return protocol === 'http:' || protocol === 'https:' ? origin : null;
}
