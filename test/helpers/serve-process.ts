import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SERVE_JS = join(ROOT, 'dist', 'electron', 'core', 'cli', 'serve.js');
export const ADMIN_PASSWORD = 'test-admin-password';

/** `npm run serve` as a child process (the built core), with its output captured. */
export class ServeProcess {
  output = '';
  url = '';
  exitCode: number | null = null;
  private readonly exited: Promise<number | null>;

  constructor(
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        resolve(code);
      }),
    );
  }

  /**
   * The core runs with three test knobs (each off by default in the core; `=0` in the environment or
   * in `env` turns it back off): no report schedule (reportScheduleOffForTests in
   * electron/core/wiring/reports.ts; otherwise each start renders yesterday's daily report, seconds
   * of CPU every test here would wait on) and cheap scrypt for new passwords
   * (fastPasswordHashForTests in electron/core/auth/passwords.ts; every login pays one), and no warm
   * spare core (electron/core/cli/serve.ts; the tests that kill the core child pass `=0`).
   */
  static spawn(args: string[], env: NodeJS.ProcessEnv = {}): ServeProcess {
    const child = spawn(process.execPath, [SERVE_JS, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        SITE_COMMAND_ADMIN_PASSWORD: ADMIN_PASSWORD,
        SITE_COMMAND_TEST_NO_REPORT_SCHEDULE: process.env.SITE_COMMAND_TEST_NO_REPORT_SCHEDULE ?? '1',
        SITE_COMMAND_TEST_FAST_PASSWORD_HASH: process.env.SITE_COMMAND_TEST_FAST_PASSWORD_HASH ?? '1',
        SITE_COMMAND_TEST_NO_WARM_SPARE: process.env.SITE_COMMAND_TEST_NO_WARM_SPARE ?? '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so crash() can kill the supervisor and the core together.
      detached: true,
    });
    return new ServeProcess(child);
  }

  /** Starts and waits for the "listening" line. */
  static async start(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<ServeProcess> {
    const serve = ServeProcess.spawn(args, env);
    await serve.waitFor(/Site Command listening on (https?:\/\/\S+)/, timeoutMs);
    serve.url = /Site Command listening on (https?:\/\/\S+)/.exec(serve.output)![1]!;
    return serve;
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const m = pattern.exec(this.output);
      if (m) return m;
      if (this.exitCode !== null) throw new Error(`serve exited (${this.exitCode}) before ${pattern}:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${pattern}:\n${this.output}`);
  }

  waitForExit(): Promise<number | null> {
    return this.exited;
  }

  /**
   * A crash of the whole program (power cut, OOM killer): SIGKILL to the supervisor and the core
   * child at once. Killing `child` alone kills only the supervisor, and the core then stops
   * cleanly (it notices its supervisor is gone); killing the core alone is a restart.
   */
  async crash(): Promise<number | null> {
    if (this.exitCode === null && this.child.pid) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    return this.exited;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Logs in as admin over HTTP and returns the bearer token. */
export async function login(url: string, password = ADMIN_PASSWORD): Promise<string> {
  return loginAs(url, 'admin', password);
}

/** Logs in as `username` over HTTP and returns the bearer token. */
export async function loginAs(url: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function getJson<T>(url: string, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as T };
}

export async function postJson<T>(url: string, token: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

/** The ticketed URL (absolute) the core gives a logged-in user for one `/api/media/…` path. */
export async function mediaTicketUrl(url: string, token: string, path: string): Promise<string> {
  const { status, body } = await postJson<{ url: string }>(`${url}/api/media-tickets`, token, { path });
  if (status !== 200) throw new Error(`no media ticket for ${path}: ${status} ${JSON.stringify(body)}`);
  return `${url}${body.url}`;
}
