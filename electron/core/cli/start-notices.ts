import type { CoreListening } from '../supervisor/messages.js';
import { isLoopbackHost, type SiteCommandLine } from './command-line.js';

/** The warning printed when the console is served unencrypted on the LAN (stderr at start). */
export const UNENCRYPTED_LAN_WARNING =
  'WARNING: --no-tls on a LAN address: the console is served over plain HTTP, so passwords and session tokens cross the network readable. Use --tls-cert/--tls-key or drop --no-tls.';

/** What both shells tell the operator about how the console is served: warnings before start, the certificate after. */
export function startNotices(options: Pick<SiteCommandLine, 'host' | 'tls'>): { warnings: string[]; afterStart(info: CoreListening): string[] } {
  const warnings = options.tls.mode === 'off' && !isLoopbackHost(options.host) ? [UNENCRYPTED_LAN_WARNING] : [];
  return {
    warnings,
    afterStart: (info) =>
      info.fingerprint
        ? [
            `TLS certificate SHA-256 fingerprint: ${info.fingerprint}${info.selfSigned ? ' (self-signed; compare it on each wall screen before trusting it)' : ''}`,
          ]
        : [],
  };
}
