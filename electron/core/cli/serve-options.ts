import { parseArgs } from 'node:util';
import { defaultDataDir, demoSiteDir } from '../app-paths.js';

export interface ServeOptions {
  siteDir: string;
  dataDir: string;
  port: number;
  host: string;
  mqttUrl?: string;
  simulate: boolean;
}

export const SERVE_USAGE = `Usage: npm run serve -- [--site DIR] [--data DIR] [--port N] [--host H] [--mqtt URL] [--no-simulate]

  --site DIR      site folder holding site.json (default: the demo site)
  --data DIR      database and logs (default: $SITE_COMMAND_DATA or ~/.local/share/site-command)
  --port N        HTTP port (default 8420; 0 picks a free one)
  --host H        address to listen on (default 127.0.0.1; 0.0.0.0 lets LAN wall screens join)
  --mqtt URL      use this broker (mqtt://host:1883) instead of the embedded one
  --no-simulate   with the embedded broker, do not run the demo simulator`;

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
  return {
    siteDir: values.site ?? demoSiteDir(),
    dataDir: values.data ?? defaultDataDir(env),
    port,
    host: values.host ?? '127.0.0.1',
    simulate: !values['no-simulate'],
    ...(values.mqtt ? { mqttUrl: values.mqtt } : {}),
  };
}
