import { publicUrl } from '../../public-url.js';
import { socketErrorWords } from '../../socket-error-words.js';

/** Turns a socket or broker error into words an operator can act on. */
export function describeConnectionError(error: unknown): string {
  const e = error as { code?: unknown; message?: string } | null;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the broker running on that port?)';
    case 'ECONNRESET':
      return 'connection reset by the broker';
    case 4:
    case 134:
      return 'bad user name or password';
    case 5:
    case 135:
      return 'not authorized';
    default:
      return socketErrorWords(e?.code) ?? e?.message ?? String(error);
  }
}

/** The broker URL as it may be shown: credentials removed, no trailing slash (`mqtt://host:1883`). */
export function redactUrl(url: string): string {
  return publicUrl(url, { trimTrailingSlash: true });
}
