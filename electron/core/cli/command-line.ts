import { parseArgs } from 'node:util';
import { demoSiteDir } from '../app-paths.js';

/**
 * How the core serves the console. Loopback stays plain HTTP (nothing leaves the PC); a LAN
 * address gets TLS, from the installer's files or a self-signed certificate made on first start,
 * unless `--no-tls` says otherwise (then the console warns that it is not encrypted).
 */
export type TlsChoice = { mode: 'files'; certFile: string; keyFile: string } | { mode: 'self-signed' } | { mode: 'off' };

/**
 * The command line of both `npm run serve` and the desktop shell (`npm start`): one parser, so
 * the two take the same flags, refuse the same mistakes with the same sentence and exit status.
 */
export interface SiteCommandLine {
  siteDir: string;
  /** `--data` or `$SITE_COMMAND_DATA`; absent: each shell's own default folder. */
  dataDir?: string;
  /** HTTP(S) port; 0 picks a free one (kept across core restarts). */
  port: number;
  host: string;
  mqttUrl?: string;
  simulate: boolean;
  /** The demo simulator plays its incident schedule (sim/incidents); `--no-incidents` keeps the demo site calm. */
  incidents: boolean;
  hj212Port?: number;
  hj212Host?: string;
  /** Full-screen kiosk window. The desktop shell's only; `serve` accepts it and ignores it (a browser has F11). */
  kiosk: boolean;
  tls: TlsChoice;
  /** Origins of LAN wall screens allowed to open the console's sockets (`--wall-origin`, repeatable). */
  wallOrigins: string[];
}

export const USAGE = `Usage: npm run serve -- [flags]   (npm start -- [flags] takes the same ones)

  --site DIR          site folder holding site.json (default: the demo site)
  --data DIR          database and logs (default: $SITE_COMMAND_DATA, else ~/.local/share/site-command;
                      the desktop app: its user-data folder)
  --port N            HTTP(S) port (default 8420; 0 picks a free one)
  --host H            address to listen on (default 127.0.0.1; 0.0.0.0 lets LAN wall screens join)
  --mqtt URL          use this broker (mqtt://host:1883) instead of the embedded one
  --no-simulate       with the embedded broker, do not run the demo simulator
  --no-incidents      the demo simulator plays no incidents (no scheduled alarms; readings stay normal)
  --hj212-port N      listen for HJ 212-2017 dust/noise monitors on TCP port N
  --hj212-host H      address the HJ 212 listener binds (default 0.0.0.0: monitors are on the LAN)
  --tls-cert FILE     serve HTTPS/WSS with this PEM certificate (needs --tls-key)
  --tls-key FILE      the certificate's PEM private key
  --no-tls            on a LAN address, serve plain HTTP (not encrypted; the console warns)
  --wall-origin URL   a wall screen's origin (https://wall-1.site.lan:8443) allowed to connect; repeatable
  --kiosk             desktop app: full-screen window without the system chrome (serve ignores it)`;

/** A command-line mistake; its message is one sentence the operator can act on ('' for --help). */
export class UsageError extends Error {
  /** 2 for a mistake (as getopt tools do), 0 for --help. */
  get exitCode(): number {
    return this.message ? 2 : 0;
  }
}

/** Parses the flags after the program (and, for Electron, after its own switches: see electron-argv.ts). */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv = process.env): SiteCommandLine {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        site: { type: 'string' },
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        mqtt: { type: 'string' },
        'no-simulate': { type: 'boolean' },
        'no-incidents': { type: 'boolean' },
        'hj212-port': { type: 'string' },
        'hj212-host': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'no-tls': { type: 'boolean' },
        'wall-origin': { type: 'string', multiple: true },
        kiosk: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const port = portValue('--port', values.port) ?? 8420;
  const hj212Port = portValue('--hj212-port', values['hj212-port']);
  if (values.mqtt !== undefined && !/^(mqtts?|wss?|tcp):\/\/./.test(values.mqtt)) {
    throw new UsageError(`--mqtt: expected a URL such as mqtt://10.0.0.5:1883, got "${values.mqtt}"`);
  }
  const host = values.host ?? '127.0.0.1';
  if (host === '') throw new UsageError('--host: expected an address such as 127.0.0.1 or 0.0.0.0, got ""');
  const dataDir = values.data ?? (env.SITE_COMMAND_DATA || undefined);
  return {
    siteDir: values.site ?? demoSiteDir(),
    ...(dataDir ? { dataDir } : {}),
    port,
    host,
    ...(values.mqtt ? { mqttUrl: values.mqtt } : {}),
    simulate: !values['no-simulate'],
    incidents: !values['no-incidents'],
    ...(hj212Port !== undefined ? { hj212Port } : {}),
    ...(values['hj212-host'] ? { hj212Host: values['hj212-host'] } : {}),
    kiosk: values.kiosk === true,
    tls: tlsChoice(host, values['tls-cert'], values['tls-key'], values['no-tls'] === true),
    wallOrigins: (values['wall-origin'] ?? []).map(wallOrigin),
  };
}

function portValue(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${flag}: expected a number 0–65535, got "${text}"`);
  return port;
}

function tlsChoice(host: string, certFile: string | undefined, keyFile: string | undefined, noTls: boolean): TlsChoice {
  if (noTls && (certFile || keyFile)) throw new UsageError('--no-tls cannot be combined with --tls-cert/--tls-key: choose one.');
  if (certFile && !keyFile) throw new UsageError('--tls-cert needs --tls-key FILE (the certificate\'s private key).');
  if (keyFile && !certFile) throw new UsageError('--tls-key needs --tls-cert FILE (the certificate it belongs to).');
  if (certFile && keyFile) return { mode: 'files', certFile, keyFile };
  if (noTls || isLoopbackHost(host)) return { mode: 'off' };
  return { mode: 'self-signed' };
}

/** An origin as browsers send it in the Origin header: scheme, host and port, nothing else. */
function wallOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--wall-origin: expected an origin such as https://wall-1.site.lan:8443, got "${text}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new UsageError(`--wall-origin: expected an origin such as https://wall-1.site.lan:8443 (no path), got "${text}"`);
  }
  return url.origin;
}

/** Loopback addresses: traffic that never leaves the PC, so plain HTTP is not a risk there. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
