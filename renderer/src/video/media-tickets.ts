import { useEffect, useState } from 'react';
import type { ApiClient } from '../transport/api-client.js';
import { createClient } from '../transport/create-client.js';
import { coreOrigin, currentToken } from './session-token.js';

/** Ask again this long before a ticket expires, so an <img> never starts with a stale one. */
const REFRESH_BEFORE_MS = 60_000;

/** A panorama capture's tiles share one ticket (the core scopes it to the capture). */
const PANORAMA_PREFIX = /^(\/api\/media\/panoramas\/pc-[0-9a-f]{16}\/)/;

const tickets = new Map<string, { ticket: string; expiresAt: number }>();
const pending = new Map<string, Promise<string>>();
/** Its own client (IPC in the desktop window, HTTP in a browser), so no view has to pass one down. */
let client: ApiClient | null = null;

function scopeOf(path: string): string {
  return PANORAMA_PREFIX.exec(path)?.[1] ?? path;
}

/**
 * A URL for an <img>/<video>/<a> pointing at `/api/media/…`. Browsers cannot add headers there,
 * and the session token must never travel in a URL, so the core issues a short-lived ticket for
 * this one file (or this panorama capture) and the URL carries that; tickets are cached and asked
 * for again shortly before they expire.
 */
export async function mediaTicketUrl(path: string): Promise<string> {
  const scope = scopeOf(path);
  const cached = tickets.get(scope);
  const ticket = cached && cached.expiresAt - Date.now() > REFRESH_BEFORE_MS ? cached.ticket : await fetchTicket(scope, path);
  const url = new URL(path, coreOrigin() ?? window.location.href);
  url.searchParams.set('ticket', ticket);
  return url.toString();
}

function fetchTicket(scope: string, path: string): Promise<string> {
  const inFlight = pending.get(scope);
  if (inFlight) return inFlight;
  const request = (async () => {
    client ??= createClient();
    client.setToken(currentToken());
    const reply = await client.call('mediaTicket', { path });
    const ticket = new URL(reply.url, 'http://core').searchParams.get('ticket') ?? '';
    tickets.set(scope, { ticket, expiresAt: reply.expiresAt });
    return ticket;
  })().finally(() => pending.delete(scope));
  pending.set(scope, request);
  return request;
}

/** `mediaTicketUrl` for a component: null until the ticket is there (and while `path` is null). */
export function useMediaUrl(path: string | null): string | null {
  // The URL is kept with the path it was made for, so a new path shows nothing until its own URL is there.
  const [made, setMade] = useState<{ path: string; url: string } | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    mediaTicketUrl(path).then(
      (url) => live && setMade({ path, url }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [path]);
  return path !== null && made?.path === path ? made.url : null;
}
