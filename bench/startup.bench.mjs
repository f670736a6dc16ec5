// Cold start of `serve` to the first /api/health OK, and memory after a minute of the live demo.
// Baseline: a bare Node HTTP server (the floor for any Node service on this machine).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { firstOk, median, removeDir, rssMiB, stop, tempDir, treeRssMiB } from './lib.mjs';

export const title = 'Start-up and memory (issue 2)';
export const note =
  'Cold start: spawn → first `GET /api/health` 200, fresh data folder each time (migrations, admin user with scrypt, embedded broker, simulator). Median of 5. Memory: resident set of the serve process and its children (supervisor, core, warm spare core; ffmpeg not counted) after the demo has run for 60 s (BENCH_DEMO_SECONDS overrides).';

const BARE = "require('http').createServer((q,s)=>s.end('ok')).listen(Number(process.argv[1]),'127.0.0.1')";

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function timeStart(makeArgs) {
  const port = await freePort();
  const { args, cleanup } = makeArgs(port);
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: 'ignore', env: { ...process.env, SITE_COMMAND_ADMIN_PASSWORD: 'bench-password' } });
  const ms = await firstOk(`http://127.0.0.1:${port}${args[0] === '-e' ? '/' : '/api/health'}`, started);
  return { ms, child, cleanup };
}

export async function run({ root }) {
  const serveJs = join(root, 'dist', 'electron', 'core', 'cli', 'serve.js');
  const bare = (port) => ({ args: ['-e', BARE, String(port)], cleanup: () => undefined });
  const core = (port) => {
    const data = tempDir();
    return { args: [serveJs, '--port', String(port), '--data', data], cleanup: () => removeDir(data) };
  };
  const bareTimes = [];
  const coreTimes = [];
  for (let i = 0; i < 5; i++) {
    for (const [make, times] of [[bare, bareTimes], [core, coreTimes]]) {
      const { ms, child, cleanup } = await timeStart(make);
      times.push(ms);
      await stop(child);
      cleanup();
    }
  }

  const seconds = Number(process.env.BENCH_DEMO_SECONDS ?? 60);
  const bareRun = await timeStart(bare);
  const coreRun = await timeStart(core);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  // serve is a supervisor: count it, the core child and its warm spare (not ffmpeg, as before).
  const coreRss = treeRssMiB(coreRun.child.pid);
  const bareRss = rssMiB(bareRun.child.pid);
  await stop(coreRun.child);
  await stop(bareRun.child);
  coreRun.cleanup();

  return [
    { name: 'cold start to first /api/health OK (median of 5)', value: median(coreTimes), unit: 'ms', baselineName: 'bare Node HTTP server', baseline: median(bareTimes), target: '< 3000 ms', met: median(coreTimes) < 3000 },
    { name: `resident memory after ${seconds} s of live demo`, value: coreRss, unit: 'MiB', baselineName: 'bare Node HTTP server', baseline: bareRss, target: '< 250 MiB', met: coreRss < 250 },
  ];
}
