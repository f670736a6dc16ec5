import { parseArgs } from 'node:util';

export interface ShellOptions {
  kiosk: boolean;
  siteDir?: string;
  dataDir?: string;
  mqttUrl?: string;
  simulate: boolean;
  /** Port of the HTTP/WebSocket API that LAN wall screens join; 0 turns it off. */
  port: number;
  host: string;
}

/** Parses the Electron shell's flags (`npm start -- --kiosk …`); unknown flags are ignored (Chromium adds its own). */
export function parseShellArgs(argv: string[]): ShellOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      kiosk: { type: 'boolean' },
      site: { type: 'string' },
      data: { type: 'string' },
      mqtt: { type: 'string' },
      'no-simulate': { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
    },
    strict: false,
    allowPositionals: true,
  });
  const port = typeof values.port === 'string' ? Number(values.port) : 8420;
  return {
    kiosk: values.kiosk === true,
    simulate: values['no-simulate'] !== true,
    port: Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 8420,
    host: typeof values.host === 'string' ? values.host : '127.0.0.1',
    ...(typeof values.site === 'string' ? { siteDir: values.site } : {}),
    ...(typeof values.data === 'string' ? { dataDir: values.data } : {}),
    ...(typeof values.mqtt === 'string' ? { mqttUrl: values.mqtt } : {}),
  };
}
