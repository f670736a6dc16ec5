import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

/**
 * The build's compressed copy (scripts/precompress.mjs) the client accepts, Brotli first; only
 * one at least as new as the file, so a copy left from an older build is never served.
 */
function compressedCopy(file: string, acceptEncoding: string | undefined): { path: string; encoding: 'br' | 'gzip' } | null {
  const accepted = acceptedEncodings(acceptEncoding);
  const mtime = statSync(file).mtimeMs;
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (!accepted.has(encoding)) continue;
    const path = file + suffix;
    if (existsSync(path) && statSync(path).mtimeMs >= mtime) return { path, encoding };
  }
  return null;
}

/** The codings an Accept-Encoding header allows (RFC 9110 §12.5.3): listed without `q=0`. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((p) => p.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    if (q && !(Number(q.slice(2)) > 0)) continue;
    accepted.add(name);
  }
  return accepted;
}

/**
 * Serves the built renderer. Paths are resolved inside the root and anything that escapes it
 * (`..`, encoded slashes) is refused; unknown non-file paths get index.html (client routing).
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, req?: IncomingMessage): void {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return plain(res, 400, 'bad path');
  }
  if (decoded.includes('\0')) return plain(res, 400, 'bad path');
  const target = resolve(join(base, normalize(decoded)));
  if (target !== base && !target.startsWith(base + sep)) return plain(res, 403, 'forbidden');
  let file = target;
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(decoded)) return plain(res, 404, 'not found');
    file = join(base, 'index.html');
    if (!existsSync(file)) {
      return plain(res, 503, 'The console UI is not built. Run `npm run build` (npm start and npm run serve do it for you).');
    }
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // Hashed asset names can be cached for good; index.html must always be fresh.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  const compressed = compressedCopy(file, req?.headers['accept-encoding']);
  if (compressed) {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache, 'Content-Encoding': compressed.encoding, Vary: 'Accept-Encoding' });
  } else {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache, Vary: 'Accept-Encoding' });
  }
  if (req?.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(compressed?.path ?? file).pipe(res);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
