import type { ServerResponse } from 'node:http';

/**
 * The headers every page of the site console and of the authority console carries: no sniffing,
 * no referrer, no framing (clickjacking), and a Content-Security-Policy that lets only this origin's
 * scripts run, so an injected string can never become code.
 */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  // Everything the console needs comes from this origin; blob: for video (MSE) and workers later.
  res.setHeader(
    'Content-Security-Policy',
    // 'wasm-unsafe-eval' lets CesiumJS compile its WebAssembly decoders; it does not allow JavaScript eval.
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' data: ws: wss:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:",
  );
}
