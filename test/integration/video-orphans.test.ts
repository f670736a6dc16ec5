import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpawnGuard } from '../../electron/core/video/guarded-spawn.js';
import { StreamSupervisor } from '../../electron/core/video/stream-supervisor.js';
import { RtspCamera, ffmpegsFor, freePort, processesWith, waitFor } from '../helpers/rtsp-camera.js';

const SUPERVISOR = fileURLToPath(new URL('../../electron/core/video/stream-supervisor.ts', import.meta.url));

/**
 * A stand-in for the core: a separate Node process that starts one stream and prints LIVE (or
 * STARTED for an unreachable camera), then waits to be killed. Bundled with esbuild because
 * Node 20 cannot run TypeScript itself.
 */
async function buildFakeCore(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-video-core-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { StreamSupervisor } from ${JSON.stringify(SUPERVISOR)};
const [url, guard] = process.argv.slice(2);
const supervisor = new StreamSupervisor({ url, spawnGuard: guard });
supervisor.subscribe(() => {});
console.log('STARTED ' + supervisor.ffmpegPid);
const timer = setInterval(() => { if (supervisor.status().state === 'live') { console.log('LIVE'); clearInterval(timer); } }, 50);
setInterval(() => {}, 1000);
`,
  );
  const outfile = join(dir, 'fake-core.mjs');
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
  return outfile;
}

async function runFakeCore(script: string, url: string, guard: SpawnGuard, waitFor: 'LIVE' | 'STARTED') {
  const core = spawn(process.execPath, [script, url, guard], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake core did not print ${waitFor}`)), 8_000);
    let out = '';
    core.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(waitFor)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return core;
}

describe('no ffmpeg outlives the core', () => {
  let camera: RtspCamera;
  let fakeCore: string;
  beforeAll(async () => {
    [camera, fakeCore] = await Promise.all([RtspCamera.start(), buildFakeCore()]);
  });
  afterAll(async () => {
    await camera.stop();
  });

  for (const guard of ['pdeathsig', 'watchdog'] as const) {
    it(`kills a live stream's ffmpeg when the core is SIGKILLed (${guard})`, async () => {
      const url = `${camera.url()}?test=orphan-${guard}-${process.pid}-${Date.now()}`;
      const core = await runFakeCore(fakeCore, url, guard, 'LIVE');
      expect(ffmpegsFor(url)).toHaveLength(1);
      core.kill('SIGKILL');
      const killedAt = Date.now();
      await waitFor('ffmpeg gone', () => processesWith(url).length === 0, 4_000);
      console.info(`${guard}: ffmpeg and wrapper gone ${Date.now() - killedAt} ms after SIGKILL of the core`);
    });
  }

  it('kills an ffmpeg still connecting to a silent camera when the core is SIGKILLed', async () => {
    // A listener that accepts and never answers: ffmpeg would sit in its socket timeout, writing nothing.
    const { createServer } = await import('node:net');
    const port = await freePort();
    const silent = createServer(() => {}).listen(port, '127.0.0.1');
    try {
      const url = `rtsp://127.0.0.1:${port}/cam?test=silent-${process.pid}-${Date.now()}`;
      const core = await runFakeCore(fakeCore, url, 'pdeathsig', 'STARTED');
      await waitFor('ffmpeg running', () => ffmpegsFor(url).length === 1, 3_000);
      core.kill('SIGKILL');
      await waitFor('ffmpeg gone', () => processesWith(url).length === 0, 2_000);
    } finally {
      silent.close();
    }
  });

  it('control: without a guard that same ffmpeg is orphaned (so the checks above can fail)', async () => {
    const { createServer } = await import('node:net');
    const port = await freePort();
    const silent = createServer(() => {}).listen(port, '127.0.0.1');
    const url = `rtsp://127.0.0.1:${port}/cam?test=unguarded-${process.pid}-${Date.now()}`;
    try {
      const core = await runFakeCore(fakeCore, url, 'none', 'STARTED');
      await waitFor('ffmpeg running', () => ffmpegsFor(url).length === 1, 3_000);
      core.kill('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(ffmpegsFor(url)).toHaveLength(1);
    } finally {
      for (const pid of ffmpegsFor(url)) process.kill(pid, 'SIGKILL');
      silent.close();
    }
  });

  it('leaves no ffmpeg after a normal stop', async () => {
    for (const guard of ['pdeathsig', 'watchdog'] as const) {
      const url = `${camera.url()}?test=stop-${guard}-${process.pid}-${Date.now()}`;
      const supervisor = new StreamSupervisor({ url, spawnGuard: guard });
      supervisor.subscribe(() => {});
      await waitFor('live', () => supervisor.status().state === 'live', 5_000);
      expect(ffmpegsFor(url)).toHaveLength(1);
      await supervisor.stop();
      expect(processesWith(url)).toEqual([]);
      expect(supervisor.status().state).toBe('idle');
    }
  });
});
