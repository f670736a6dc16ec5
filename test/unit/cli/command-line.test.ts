import { describe, expect, it } from 'vitest';
import { parseCommandLine, USAGE } from '../../../electron/core/cli/command-line.js';
import { operatorArgs } from '../../../electron/core/cli/electron-argv.js';
import { readCommandLine } from '../../../electron/core/cli/parse-or-exit.js';
import { startNotices, UNENCRYPTED_LAN_WARNING } from '../../../electron/core/cli/start-notices.js';
import { DEFAULT_RESTART_BACKOFF, RestartBackoff } from '../../../electron/core/supervisor/restart-backoff.js';
import { coreConfigOf } from '../../../electron/core/supervisor/core-config.js';

const ELECTRON = '/opt/site-command/electron';

/** What `serve` does with its argv, and what the desktop shell does with Electron's process.argv. */
const viaServe = (args: string[], env: NodeJS.ProcessEnv = {}) => readCommandLine(args, env);
const viaShell = (args: string[], env: NodeJS.ProcessEnv = {}, extra: string[] = []) =>
  readCommandLine(operatorArgs([ELECTRON, '/opt/site-command', ...extra, ...args], true), env);

describe('one command line for serve and the desktop shell', () => {
  const lines: [string[], NodeJS.ProcessEnv][] = [
    [[], {}],
    [['--port', '8421', '--host', '0.0.0.0', '--hj212-port', '9212', '--hj212-host', '10.0.0.2'], {}],
    [['--data', '/srv/sc', '--no-simulate', '--mqtt', 'mqtt://10.0.0.5:1883', '--kiosk'], {}],
    [['--no-incidents'], {}],
    [['--no-incidents', '--no-simulate'], {}],
    [['--wall-origin', 'https://wall-1.site.lan:8443', '--wall-origin', 'http://10.0.0.7:8420', '--host', '10.0.0.2', '--no-tls'], {}],
    [['--tls-cert', '/etc/sc/cert.pem', '--tls-key', '/etc/sc/key.pem', '--host', '0.0.0.0'], {}],
    [[], { SITE_COMMAND_DATA: '/var/lib/site-command' }],
    // Mistakes: the same sentence and status from both.
    [['--port', 'abc'], {}],
    [['--port', '70000'], {}],
    [['--hj212-port', 'x'], {}],
    [['--tls-cert', 'c.pem'], {}],
    [['--no-tls', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'], {}],
    [['--wall-origin', 'https://wall/path'], {}],
    [['--mqtt', '10.0.0.5'], {}],
    [['--bogus'], {}],
    [['--help'], {}],
  ];
  it.each(lines)('%j %j gives the same options or the same error and status', (args, env) => {
    const serve = viaServe(args, env);
    expect(viaShell(args, env)).toEqual(serve);
    expect(viaShell(args, env, ['--no-sandbox', '--enable-logging', '--ozone-platform=wayland', '--inspect=9229'])).toEqual(serve);
  });

  it('refuses what the old shell parser silently changed: --port abc is an error with status 2, not 8420', () => {
    const outcome = viaShell(['--port', 'abc']);
    expect(outcome).toEqual({ ok: false, exitCode: 2, message: `--port: expected a number 0–65535, got "abc"\n\n${USAGE}\n` });
  });

  it('honours --hj212-port, --hj212-host and SITE_COMMAND_DATA in the shell (the old parser dropped them)', () => {
    const outcome = viaShell(['--hj212-port', '9212', '--hj212-host', '10.0.0.2'], { SITE_COMMAND_DATA: '/data/sc' });
    expect(outcome).toMatchObject({ ok: true, options: { hj212Port: 9212, hj212Host: '10.0.0.2', dataDir: '/data/sc' } });
  });

  it('--help prints the usage and exits 0', () => {
    expect(viaServe(['--help'])).toEqual({ ok: false, exitCode: 0, message: `${USAGE}\n` });
  });

  it("strips the executable, the app path (unpackaged) and Chromium's switches, not the operator's flags", () => {
    expect(operatorArgs([ELECTRON, '.', '--no-sandbox', '--port', '8421', '--remote-debugging-port=9222', '-psn_0_123'], true)).toEqual(['--port', '8421']);
    expect(operatorArgs(['/opt/SiteCommand/site-command', '--kiosk', '--disable-gpu'], false)).toEqual(['--kiosk']);
    // An unknown flag that is not Chromium's stays, so the parser refuses it.
    expect(viaShell(['--prot', '1'])).toMatchObject({ ok: false, exitCode: 2 });
  });

  it('chooses TLS: loopback plain, LAN self-signed, the given files, or --no-tls with a warning', () => {
    expect(parseCommandLine([], {}).tls).toEqual({ mode: 'off' });
    expect(parseCommandLine(['--host', '::1'], {}).tls).toEqual({ mode: 'off' });
    expect(parseCommandLine(['--host', '0.0.0.0'], {}).tls).toEqual({ mode: 'self-signed' });
    expect(parseCommandLine(['--host', '10.0.0.2', '--tls-cert', 'c', '--tls-key', 'k'], {}).tls).toEqual({ mode: 'files', certFile: 'c', keyFile: 'k' });
    const noTls = parseCommandLine(['--host', '10.0.0.2', '--no-tls'], {});
    expect(noTls.tls).toEqual({ mode: 'off' });
    expect(startNotices(noTls).warnings).toEqual([UNENCRYPTED_LAN_WARNING]);
    expect(startNotices(parseCommandLine(['--no-tls'], {})).warnings).toEqual([]);
  });

  it('normalises wall-screen origins as browsers send them', () => {
    expect(parseCommandLine(['--wall-origin', 'HTTPS://Wall-1.Site.lan:8443/'], {}).wallOrigins).toEqual(['https://wall-1.site.lan:8443']);
  });
});

describe('crash-loop backoff', () => {
  it('doubles from 0.5 s to a 30 s cap, and is quick again after a minute up', () => {
    const backoff = new RestartBackoff(DEFAULT_RESTART_BACKOFF);
    const delays = Array.from({ length: 9 }, () => backoff.next(100));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoff.next(60_000)).toBe(500);
    expect(backoff.next(0)).toBe(1000);
  });
});

describe('the core child is configured the same way by serve and the desktop shell', () => {
  it('gives the same core config for the same flags; only the default data folder and the keychain key are the shell’s own', () => {
    const flags = ['--site', '/srv/site', '--port', '8500', '--host', '0.0.0.0', '--mqtt', 'mqtt://10.0.0.5:1883', '--hj212-port', '9000', '--wall-origin', 'https://wall-1.site.lan'];
    const env = { SITE_COMMAND_ADMIN_PASSWORD: 'first-start-pw' };
    const serve = coreConfigOf(parseCommandLine(flags, env), { defaultDataDir: '/var/lib/site-command', env });
    const desktop = coreConfigOf(parseCommandLine(operatorArgs(['/usr/lib/electron', '/opt/site-command', '--no-sandbox', ...flags], true), env), {
      defaultDataDir: '/srv/desktop/Site Command/data',
      env,
      vaultKey: 'a2V5',
    });
    expect({ ...desktop, dataDir: serve.dataDir, vaultKey: undefined }).toEqual({ ...serve, vaultKey: undefined });
    expect(serve).toMatchObject({ siteDir: '/srv/site', port: 8500, mqttUrl: 'mqtt://10.0.0.5:1883', hj212Port: 9000, adminPassword: 'first-start-pw', tls: { mode: 'self-signed' } });
    expect(serve.vaultKey).toBeUndefined();
    expect(desktop.vaultKey).toBe('a2V5');
    // The demo plays its incidents unless --no-incidents says otherwise, in both shells alike.
    expect(serve.incidents).toBe(true);
    expect(coreConfigOf(parseCommandLine(['--no-incidents'], {}), { defaultDataDir: '/x', env: {} }).incidents).toBe(false);
    expect(parseCommandLine(['--no-incidents', '--no-simulate'], {})).toMatchObject({ incidents: false, simulate: false });
    // --data (or SITE_COMMAND_DATA) wins over either shell's default.
    expect(coreConfigOf(parseCommandLine(['--data', '/data/site'], {}), { defaultDataDir: '/x', env: {} }).dataDir).toBe('/data/site');
  });
});
