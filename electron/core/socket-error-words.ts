/**
 * A socket error code (`ECONNREFUSED`, `ENOTFOUND`…) in words an operator can act on; undefined
 * for codes without a plainer way to say them. Callers add what their context knows (which
 * server refused, whose end reset the connection).
 */
export function socketErrorWords(code: unknown): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ETIMEDOUT':
      return 'timed out';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return undefined;
  }
}
