import { request } from 'node:https';
import { Readable } from 'node:stream';
import { connect, type TLSSocket } from 'node:tls';

/**
 * `fetch` for another site's core that serves HTTPS with a self-signed certificate: instead of a
 * certificate authority, the site file pins the certificate's SHA-256 fingerprint (`certSha256`,
 * as `openssl x509 -noout -fingerprint -sha256` and the other core's start-up line print it).
 * The TLS handshake finishes first and the fingerprint is compared before one byte of the request
 * (which carries the password) is written; any other certificate is refused (RFC 7469 explains
 * pinning for HTTP; this pins the end certificate itself, as SSH pins host keys).
 */
export class CertificatePinError extends Error {
  constructor(expected: string, got: string | undefined) {
    super(`the server's certificate (SHA-256 ${got ?? 'none'}) is not the one pinned in the site file (${expected}); refused`);
    this.name = 'CertificatePinError';
  }
}

/** `AB:CD:…`, `abcd…` or with spaces → `ABCD…` (64 hex digits), or null when it is not a SHA-256 fingerprint. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex : null;
}

export interface PinnedInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export async function pinnedFetch(url: string, certSha256: string, init: PinnedInit = {}): Promise<Response> {
  const target = new URL(url);
  if (target.protocol !== 'https:') throw new Error('a pinned certificate needs an https:// URL');
  const expected = normalizeFingerprint(certSha256);
  if (!expected) throw new Error(`certSha256 "${certSha256}" is not a SHA-256 fingerprint (64 hex digits)`);
  init.signal?.throwIfAborted();
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || 443);
  const socket = await new Promise<TLSSocket>((resolve, reject) => {
    // Chain checks off: a self-signed certificate has no chain; the pin below is the check.
    const s = connect({ host, port, servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: false });
    const abort = () => s.destroy(init.signal?.reason instanceof Error ? init.signal.reason : new Error('aborted'));
    init.signal?.addEventListener('abort', abort, { once: true });
    s.once('error', (error) => {
      init.signal?.removeEventListener('abort', abort);
      reject(error);
    });
    s.once('secureConnect', () => {
      init.signal?.removeEventListener('abort', abort);
      const got = s.getPeerCertificate()?.fingerprint256;
      const gotHex = got ? normalizeFingerprint(got) : null;
      if (gotHex !== expected) {
        s.destroy();
        reject(new CertificatePinError(certSha256, got));
        return;
      }
      resolve(s);
    });
  });
  return new Promise<Response>((resolve, reject) => {
    const req = request(
      {
        host,
        port,
        method: init.method ?? 'GET',
        path: `${target.pathname}${target.search}`,
        headers: { ...init.headers, ...(init.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(init.body)) } : {}) },
        // No agent: with one, Node would open its own (verifying) connection and ignore this one.
        createConnection: () => socket,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (res) => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        const status = res.statusCode ?? 502;
        const body = status === 204 || status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, headers }));
      },
    );
    req.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
    req.end(init.body);
  });
}
