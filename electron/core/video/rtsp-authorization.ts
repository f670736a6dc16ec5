import { createHash, randomBytes } from 'node:crypto';

/**
 * RTSP authentication as a client answers it (RTSP 1.0, RFC 2326 §D.2, borrows HTTP's schemes):
 * Basic (RFC 7617) and Digest (RFC 2617, RFC 7616: MD5 or SHA-256, with or without qop=auth).
 * Pure functions, so the proxy that uses them stays small and these are tested on their own.
 */

/** One challenge from a `WWW-Authenticate` header. */
export interface AuthChallenge {
  scheme: 'basic' | 'digest';
  params: Record<string, string>;
}

export interface RtspCredentials {
  username: string;
  password: string;
}

/**
 * Challenges in `WWW-Authenticate` header values (a camera may send several headers, one per
 * scheme, or one header with several). Unknown schemes are skipped.
 */
export function parseChallenges(values: readonly string[]): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  for (const value of values) {
    // Split before each `Scheme ` that starts a new challenge (not inside quotes).
    const parts = value.split(/,?\s*(?=\b(?:Basic|Digest)\s)/i).map((p) => p.trim()).filter(Boolean);
    for (const part of parts) {
      const m = /^(\w+)\s*(.*)$/s.exec(part);
      if (!m) continue;
      const scheme = m[1]!.toLowerCase();
      if (scheme !== 'basic' && scheme !== 'digest') continue;
      out.push({ scheme, params: parseParams(m[2] ?? '') });
    }
  }
  return out;
}

function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return params;
}

/** Digest algorithms we can compute, strongest first (RFC 7616 §3.7 lets a client pick the one it prefers). */
const ALGORITHMS: Record<string, 'md5' | 'sha256'> = { 'sha-256': 'sha256', md5: 'md5' };

/** The challenge to answer: Digest over Basic (Basic sends the password), SHA-256 over MD5. */
export function pickChallenge(challenges: readonly AuthChallenge[]): AuthChallenge | null {
  const digests = challenges.filter((c) => c.scheme === 'digest' && ALGORITHMS[(c.params.algorithm ?? 'md5').toLowerCase()] && c.params.nonce !== undefined);
  digests.sort((a, b) => rank(b) - rank(a));
  return digests[0] ?? challenges.find((c) => c.scheme === 'basic') ?? null;
}

function rank(c: AuthChallenge): number {
  return (c.params.algorithm ?? 'md5').toLowerCase() === 'sha-256' ? 2 : 1;
}

/**
 * Answers a chosen challenge for one request. Keeps the nonce count per challenge (RFC 7616
 * §3.4: nc counts the requests sent with that nonce), so one instance serves a whole session.
 */
export class RtspAuthorizer {
  private nonceCount = 0;

  constructor(
    private readonly challenge: AuthChallenge,
    private readonly credentials: RtspCredentials,
    private readonly cnonce: () => string = () => randomBytes(8).toString('hex'),
  ) {}

  /** The `Authorization` header value for `method` on `uri` (the request-URI as sent). */
  header(method: string, uri: string): string {
    const { username, password } = this.credentials;
    if (this.challenge.scheme === 'basic') return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    const p = this.challenge.params;
    const algorithmName = p.algorithm ?? 'MD5';
    const algorithm = ALGORITHMS[algorithmName.toLowerCase()] ?? 'md5';
    const hash = (s: string) => createHash(algorithm).update(s, 'utf8').digest('hex');
    const realm = p.realm ?? '';
    const nonce = p.nonce ?? '';
    const ha1 = hash(`${username}:${realm}:${password}`);
    const ha2 = hash(`${method}:${uri}`);
    const qops = (p.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
    const fields: Array<[string, string, boolean]> = [
      ['username', username, true],
      ['realm', realm, true],
      ['nonce', nonce, true],
      ['uri', uri, true],
    ];
    let response: string;
    if (qops.includes('auth')) {
      const nc = (++this.nonceCount).toString(16).padStart(8, '0');
      const cnonce = this.cnonce();
      response = hash(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
      fields.push(['qop', 'auth', false], ['nc', nc, false], ['cnonce', cnonce, true]);
    } else {
      // RFC 2069 compatibility form, what most cameras send (no qop in the challenge).
      response = hash(`${ha1}:${nonce}:${ha2}`);
    }
    fields.push(['response', response, true]);
    if (p.algorithm) fields.push(['algorithm', algorithmName, false]);
    if (p.opaque !== undefined) fields.push(['opaque', p.opaque, true]);
    return `Digest ${fields.map(([k, v, quoted]) => (quoted ? `${k}="${v.replace(/(["\\])/g, '\\$1')}"` : `${k}=${v}`)).join(', ')}`;
  }
}
