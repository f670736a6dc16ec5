import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a media ticket works: long enough to load a clip or a panorama's tiles, short enough that a leaked URL soon stops working. */
export const MEDIA_TICKET_TTL_MS = 10 * 60_000;

/**
 * Short-lived capabilities for `<img>`/`<video>` URLs, which cannot carry an Authorization header.
 * The session token never goes into a URL (URLs land in browser history, proxy and server logs;
 * OWASP Session Management Cheat Sheet, "Session ID exposure"); instead a URL carries a ticket:
 * HMAC-SHA256 over one path (or one path prefix ending in `/`, e.g. a panorama capture's tile set)
 * and an expiry, keyed with a random key kept in the data folder (media-ticket-key.ts).
 */
export class MediaTickets {
  private readonly key: Buffer;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = MEDIA_TICKET_TTL_MS,
    key?: Buffer,
  ) {
    this.key = key ?? randomBytes(32);
  }

  /** A ticket for `scope`: a path, or a prefix ending in `/` that covers every path under it. */
  issue(scope: string): { ticket: string; expiresAt: number } {
    const expiresAt = this.now() + this.ttlMs;
    const body = Buffer.from(JSON.stringify({ s: scope, e: expiresAt })).toString('base64url');
    return { ticket: `${body}.${this.sign(body)}`, expiresAt };
  }

  /** Whether `ticket` is genuine, unexpired and covers `path` (a URL's pathname, as received). */
  allows(ticket: string | null, path: string): boolean {
    if (!ticket || ticket.length > 1024) return false;
    const dot = ticket.indexOf('.');
    if (dot <= 0) return false;
    const body = ticket.slice(0, dot);
    const mac = Buffer.from(ticket.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return false;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return false;
    }
    const { s, e } = (claims ?? {}) as { s?: unknown; e?: unknown };
    if (typeof s !== 'string' || typeof e !== 'number' || e <= this.now()) return false;
    return s.endsWith('/') ? path.startsWith(s) && path.length > s.length : path === s;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
