import { fork } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../electron/common/api.js';
import { CoreSupervisor } from '../../electron/core/supervisor/core-supervisor.js';
import { getJson, login, postJson, ROOT, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/** These tests kill the core child and measure the supervisor's restart: with its warm spare, as installed. */
const WITH_SPARE = { SITE_COMMAND_TEST_NO_WARM_SPARE: '0' };

const running: ServeProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  removeTempDirs();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls health until a core with another boot id answers; returns it and the time it took. */
async function nextBoot(url: string, previousBootId: string, timeoutMs = 10_000): Promise<{ health: HealthReport; ms: number }> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    try {
      const { status, body } = await getJson<HealthReport>(`${url}/api/health`);
      if (status === 200 && body.bootId && body.bootId !== previousBootId) return { health: body, ms: Date.now() - t0 };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the core did not come back');
}

describe('serve supervises the core', () => {
  it('a SIGKILLed core is back within 3 s on the same port, with the session and committed rows', async () => {
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate'], WITH_SPARE);
    running.push(serve);
    const token = await login(serve.url);
    expect((await postJson(`${serve.url}/api/users`, token, { username: 'shift-b', password: 'shift-b-password', role: 'operator' })).status).toBe(200);
    const before = (await getJson<HealthReport>(`${serve.url}/api/health`)).body;
    expect(before.pid).not.toBe(serve.child.pid);
    expect(before.bootId).toMatch(/^[0-9a-f-]{36}$/);
    // A core that has run a while: its supervisor has its warm spare loaded by then (3 s after start, then loading).
    await new Promise((r) => setTimeout(r, 8000));

    process.kill(before.pid!, 'SIGKILL');
    const { health, ms } = await nextBoot(serve.url, before.bootId!);
    expect(ms).toBeLessThan(3000);
    expect(health.status).toBe('ok');
    expect(health.pid).not.toBe(before.pid);
    expect(alive(before.pid!)).toBe(false);
    // The session lives in SQLite: the operator stays logged in. The user created before the kill is there.
    const users = await getJson<{ username: string }[]>(`${serve.url}/api/users`, token);
    expect(users.status).toBe(200);
    expect(users.body.map((u) => u.username)).toContain('shift-b');
    // The supervisor said what happened, and the "listening" line came once.
    expect(serve.output).toMatch(/core killed by SIGKILL; restarting in 0\.5 s/);
    expect(serve.output.match(/Site Command listening on/g)).toHaveLength(1);
    expect(serve.exitCode).toBeNull();
  });

  it('SIGTERM stops the supervisor and the core, gracefully', async () => {
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate'], WITH_SPARE);
    const { pid } = (await getJson<HealthReport>(`${serve.url}/api/health`)).body;
    expect(alive(pid!)).toBe(true);
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(alive(pid!)).toBe(false);
  });

  it('a core that stops without being asked is restarted too', async () => {
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate'], WITH_SPARE);
    running.push(serve);
    const before = (await getJson<HealthReport>(`${serve.url}/api/health`)).body;
    process.kill(before.pid!, 'SIGTERM');
    // Its graceful stop (ffmpeg, broker, database) comes first, so no 3 s bound here.
    await nextBoot(serve.url, before.bootId!, 30_000);
    expect(serve.output).toMatch(/core exited with status \d+; restarting/);
  });
});

describe('the core child', () => {
  it('ends itself on an unexpected exception, saying what and where, so its supervisor restarts a clean one', async () => {
    const child = fork(join(ROOT, 'test', 'fixtures', 'faulting-core.mjs'), [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const dataDir = tempDir();
    child.send({ type: 'start', config: { siteDir: tempDir(), dataDir, host: '127.0.0.1', port: 0, simulate: false, incidents: false, staticRoot: tempDir(), tls: { mode: 'off' }, wallOrigins: [] } });
    expect(await exited).toBe(70);
    expect(stderr).toMatch(/unexpected uncaughtException: Error: fixture fault in a timer\n\s+at /);
  });
});

describe('crash-loop backoff', () => {
  it('a core that dies at start is restarted with growing delays while the supervisor stays up', async () => {
    const restarts: number[] = [];
    const supervisor = new CoreSupervisor({
      entry: join(ROOT, 'test', 'fixtures', 'dying-core.mjs'),
      config: { siteDir: tempDir(), dataDir: tempDir(), host: '127.0.0.1', port: 0, simulate: false, incidents: false, staticRoot: tempDir(), tls: { mode: 'off' }, wallOrigins: [] },
      onAnnounce: () => undefined,
      onRestart: (_reason, delayMs) => restarts.push(delayMs),
    });
    let settled = false;
    supervisor.start().then(
      () => (settled = true),
      () => (settled = true),
    );
    const t0 = Date.now();
    while (restarts.length < 4 && Date.now() - t0 < 15_000) await new Promise((r) => setTimeout(r, 50));
    await supervisor.stop();
    expect(restarts.slice(0, 4)).toEqual([500, 1000, 2000, 4000]);
    // Still trying (not given up, not crashed): the first start never resolved nor failed.
    expect(settled).toBe(false);
  });
});
