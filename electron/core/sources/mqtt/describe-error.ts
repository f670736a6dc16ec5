/** Turns a socket or broker error into words an operator can act on. */
export function describeConnectionError(error: unknown): string {
  const e = error as { code?: unknown; message?: string } | null;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the broker running on that port?)';
    case 'ETIMEDOUT':
      return 'timed out';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ECONNRESET':
      return 'connection reset by the broker';
    case 4:
    case 134:
      return 'bad user name or password';
    case 5:
    case 135:
      return 'not authorized';
    default:
      return e?.message ?? String(error);
  }
}

/** The URL as it may be shown: user name and password removed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
