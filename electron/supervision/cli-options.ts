import { SITE_ID_PATTERN } from '../common/supervision.js';

/** What `npm run supervise -- …` was asked to do. */
export type SuperviseCommand =
  | { command: 'run'; natsUrls: string[]; pgUrl: string; host: string; port: number; mqttUrls: string[] }
  | { command: 'register-sites'; pgUrl: string; file: string }
  | { command: 'nats-auth'; file: string; serviceUser: string };

export const SUPERVISE_USAGE = `Usage:
  npm run supervise -- --nats URL[,URL…] --pg URL [--port N] [--host H] [--mqtt URL[,URL…]]
  npm run supervise -- register-sites --pg URL --file sites.json
  npm run supervise -- nats-auth --file sites.json [--service-user NAME]
The service's NATS credentials come from SC_NATS_USER and SC_NATS_PASSWORD (never the command line).`;

/** Parses the command line; throws an Error with a sentence an operator can act on. */
export function parseSuperviseArgs(argv: string[]): SuperviseCommand {
  const args = [...argv];
  const command = args[0] && !args[0].startsWith('--') ? args.shift()! : 'run';
  const flags = new Map<string, string>();
  while (args.length > 0) {
    const flag = args.shift()!;
    if (!flag.startsWith('--')) throw new Error(`Unexpected argument "${flag}".`);
    const [name, inline] = flag.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? args.shift();
    if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value.`);
    flags.set(name, value);
  }
  const need = (name: string): string => {
    const value = flags.get(name);
    if (!value) throw new Error(`--${name} is required.`);
    return value;
  };
  const known = (names: string[]) => {
    for (const name of flags.keys()) if (!names.includes(name)) throw new Error(`Unknown option --${name}.`);
  };
  const urls = (value: string, schemes: string[]) =>
    value.split(',').map((u) => {
      const url = u.trim();
      if (!schemes.some((s) => url.startsWith(`${s}://`))) throw new Error(`"${url}" is not a ${schemes.join('/')} URL.`);
      return url;
    });
  switch (command) {
    case 'run': {
      known(['nats', 'pg', 'port', 'host', 'mqtt']);
      const port = Number(flags.get('port') ?? '8090');
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number (0 picks a free one).');
      return {
        command,
        natsUrls: urls(need('nats'), ['nats', 'tls']),
        pgUrl: urls(need('pg'), ['postgres', 'postgresql'])[0]!,
        host: flags.get('host') ?? '127.0.0.1',
        port,
        mqttUrls: flags.has('mqtt') ? urls(flags.get('mqtt')!, ['mqtt', 'mqtts']) : [],
      };
    }
    case 'register-sites':
      known(['pg', 'file']);
      return { command, pgUrl: urls(need('pg'), ['postgres', 'postgresql'])[0]!, file: need('file') };
    case 'nats-auth': {
      known(['file', 'service-user']);
      const serviceUser = flags.get('service-user') ?? 'supervision';
      if (SITE_ID_PATTERN.test(serviceUser) && serviceUser !== 'supervision') throw new Error('--service-user must not look like a site id.');
      return { command, file: need('file'), serviceUser };
    }
    default:
      throw new Error(`Unknown command "${command}".`);
  }
}
