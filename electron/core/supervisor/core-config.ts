import { rendererDistDir } from '../app-paths.js';
import type { SiteCommandLine } from '../cli/command-line.js';
import type { CoreChildConfig } from './messages.js';

/**
 * The core child's configuration from the one command line, for `serve` and the desktop shell alike
 * (so both start the same core the same way). Each shell supplies only what is its own: the data
 * folder when none was given (serve: ~/.local/share/site-command; desktop: its user-data folder),
 * and, in the desktop app, the keychain's vault key.
 */
export function coreConfigOf(
  options: SiteCommandLine,
  shell: { defaultDataDir: string; env: NodeJS.ProcessEnv; vaultKey?: string },
): CoreChildConfig {
  const adminPassword = shell.env.SITE_COMMAND_ADMIN_PASSWORD;
  return {
    siteDir: options.siteDir,
    dataDir: options.dataDir ?? shell.defaultDataDir,
    host: options.host,
    port: options.port,
    simulate: options.simulate,
    incidents: options.incidents,
    staticRoot: rendererDistDir(),
    tls: options.tls,
    wallOrigins: options.wallOrigins,
    ...(options.mqttUrl ? { mqttUrl: options.mqttUrl } : {}),
    ...(options.hj212Port !== undefined ? { hj212Port: options.hj212Port } : {}),
    ...(options.hj212Host ? { hj212Host: options.hj212Host } : {}),
    ...(adminPassword ? { adminPassword } : {}),
    ...(shell.vaultKey ? { vaultKey: shell.vaultKey } : {}),
  };
}
