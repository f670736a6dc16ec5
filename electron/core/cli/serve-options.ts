import { parseArgs } from 'node:util';
import { defaultDataDir, demoSiteDir } from '../app-paths.js';

export interface ServeOptions {
  siteDir: string;
  dataDir: string;
  port: number;
  host: string;
  mqttUrl?: string;
  simulate: boolean;
  hj212Port?: number;
  hj212Host?: string;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--site DIR] [--data DIR] [--port N] [--host H] [--mqtt URL] [--no-simulate]

  --site DIR      site folder holding site.json (default: the demo site)
  --data DIR      database and logs (default: $SITE_COMMAND_DATA or ~/.local/share/site-command)
  --port N        HTTP port (default 8420; 0 picks a free one)
  --host H        address to listen on (default 127.0.0.1; 0.0.0.0 lets LAN wall screens join)
  --mqtt URL      use this broker (mqtt://host:1883) instead of the embedded one
  --no-simulate   with the embedded broker, do not run the demo simulator
  --hj212-port N  listen for HJ 212-2017 dust/noise monitors on TCP port N
  --hj212-host H  address the HJ 212 listener binds (default 0.0.0.0: monitors are on the LAN)`;

export class UsageError extends Error {}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
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
        'hj212-port': { type: 'string' },
        'hj212-host': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const port = values.port === undefined ? 8420 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a number 0–65535, got "${values.port}"`);
  if (values.mqtt !== undefined && !/^(mqtts?|wss?|tcp):\/\//.test(values.mqtt)) {
    throw new UsageError(`--mqtt: expected a URL such as mqtt://10.0.0.5:1883, got "${values.mqtt}"`);
  }
  let hj212Port: number | undefined;
  if (values['hj212-port'] !== undefined) {
    hj212Port = Number(values['hj212-port']);
    if (!Number.isInteger(hj212Port) || hj212Port < 0 || hj212Port > 65535) {
      throw new UsageError(`--hj212-port: expected a number 0–65535, got "${values['hj212-port']}"`);
    }
  }
  return {
    ...(hj212Port !== undefined ? { hj212Port } : {}),
    ...(values['hj212-host'] ? { hj212Host: values['hj212-host'] } : {}),
    siteDir: values.site ?? demoSiteDir(),
    dataDir: values.data ?? defaultDataDir(env),
    port,
    host: values.host ?? '127.0.0.1',
    simulate: !values['no-simulate'],
    ...(values.mqtt ? { mqttUrl: values.mqtt } : {}),
  };
}
