import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

const running: ServeProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  removeTempDirs();
});

describe('start-up problems get clear messages, not crashes', () => {
  it('port already in use: says so and exits 2', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    const serve = ServeProcess.spawn(['--port', String(port), '--data', tempDir(), '--no-simulate']);
    const code = await serve.waitForExit();
    blocker.close();
    expect(code).toBe(2);
    expect(serve.output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(serve.output).toContain('--port N');
    expect(serve.output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('unusable data directory: names it and exits 2', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'x');
    const serve = ServeProcess.spawn(['--port', '0', '--data', join(file, 'data')]);
    expect(await serve.waitForExit()).toBe(2);
    expect(serve.output).toContain(`Cannot use data directory ${join(file, 'data')}`);
    expect(serve.output).not.toMatch(/\n\s+at /);
  });

  it('bad command line: prints the usage and exits 2', async () => {
    const serve = ServeProcess.spawn(['--port', 'eighty']);
    expect(await serve.waitForExit()).toBe(2);
    expect(serve.output).toContain('--port: expected a number');
    expect(serve.output).toContain('Usage: npm run serve');
  });

  it('invalid site file: starts anyway and shows the file, field and expectation', async () => {
    const siteDir = writeSiteFile({ id: 'x', name: 'X', devices: [{ id: 'c1', kind: 'crane', name: 'C', expectedIntervalS: -1 }] });
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate']);
    running.push(serve);
    expect(serve.output).toContain(`${join(siteDir, 'site.json')}: devices.0.expectedIntervalS:`);
    const token = await login(serve.url);
    const { body } = await getJson<{ configProblems: { field: string; message: string }[]; name: string }>(`${serve.url}/api/site`, token);
    expect(body.name).toBe('Unconfigured site');
    expect(body.configProblems[0]).toMatchObject({ field: 'devices.0.expectedIntervalS' });
    expect(body.configProblems[0]!.message).toMatch(/>0|greater than 0|too small/i);
  });

  it('broker unreachable: starts, reports the MQTT source as reconnecting with the reason', async () => {
    const closedPort = await freePort();
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--mqtt', `mqtt://127.0.0.1:${closedPort}`]);
    running.push(serve);
    const token = await login(serve.url);
    let source: { state: string; detail?: string } | undefined;
    for (let i = 0; i < 40 && source?.state !== 'reconnecting'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      source = (await getJson<{ sources: { id: string; state: string; detail?: string }[] }>(`${serve.url}/api/site`, token)).body.sources.find((s) => s.id === 'mqtt');
    }
    expect(source).toMatchObject({ state: 'reconnecting', detail: expect.stringMatching(/connection refused/) });
    const health = await getJson<{ status: string; services: Record<string, string> }>(`${serve.url}/api/health`);
    expect(health.body.services.http).toBe('running');
  });

  it('first start without SITE_COMMAND_ADMIN_PASSWORD prints a random admin password once, and it works', async () => {
    const data = tempDir();
    const serve = await ServeProcess.start(['--port', '0', '--data', data, '--no-simulate'], { SITE_COMMAND_ADMIN_PASSWORD: '' });
    const password = /password (\S+)\s+\(shown only this once/.exec(serve.output)?.[1];
    expect(password).toBeDefined();
    expect(await login(serve.url, password)).toMatch(/\S{20,}/);
    await serve.stop();
    const again = await ServeProcess.start(['--port', '0', '--data', data, '--no-simulate'], { SITE_COMMAND_ADMIN_PASSWORD: '' });
    running.push(again);
    expect(again.output).not.toContain('shown only this once');
    // and the password never reaches the log file
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(data, 'logs', 'site-command.log'), 'utf8')).not.toContain(password!);
  });
});
