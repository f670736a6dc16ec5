// What the site core itself costs per live MSE stream, old build against new (issue 15), and where
// that time goes. Not part of `npm run bench` (it compares two builds); run by hand:
//
//   node bench/video-core-ab.mjs --old ROOT_A --new ROOT_B [--cameras 8] [--rounds 5] [--window 20]
//   node bench/video-core-ab.mjs --profile ROOT --out DIR [--cameras 8] [--seconds 30]
//
// ROOT is a checkout with a built `dist/` (`npx tsc -p tsconfig.json` is enough: no UI is loaded).
// One GStreamer RTSP camera (1920×1080, 25 fps, 4 Mbit/s), ONE shared encode: every site camera
// of every core has its URL. A/B mode runs both cores at once, each with N cameras and N
// WebSocket viewers, plus an idle core (N cameras, no viewer) and one bare `ffmpeg -c copy` with
// the core's command line; every round measures all of them over the SAME window (user+system
// ticks from /proc), so machine load moves old and new alike, and the per-round ratio new/old is
// taken before the median. Profile mode runs one core under `--cpu-prof` and prints the functions
// with the most self time in the steady state (start-up samples left out).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { freePort, median, removeDir, rssMiB, samplesIn, spawnUntil, stop, tempDir, until } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: opts } = parseArgs({
  options: {
    old: { type: 'string' },
    new: { type: 'string' },
    profile: { type: 'string' },
    out: { type: 'string', default: join(tempDir('sc-core-prof-')) },
    cameras: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '5' },
    window: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
    'node-flags': { type: 'string', default: '' },
  },
});
const N = Number(opts.cameras);
const TICKS = 100; // USER_HZ
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
const comm = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};
function childrenOf() {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = stat(entry);
    if (!f) continue;
    const ppid = Number(f[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  return children;
}
function descendants(pid) {
  const children = childrenOf();
  const out = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length) {
    const p = queue.pop();
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}
const ticks = (pid) => {
  const f = stat(pid);
  return f ? Number(f[11]) + Number(f[12]) : 0;
};

/** The core child (the supervisor's node child) and its ffmpegs. */
function coreProcesses(supervisorPid) {
  const all = descendants(supervisorPid);
  const core = all.find((p) => comm(p) === 'node' && Number(stat(p)?.[1]) === supervisorPid);
  return { core, ffmpegs: all.filter((p) => comm(p) === 'ffmpeg') };
}

async function startCamera() {
  const port = await freePort();
  const { child } = await spawnUntil(
    '/usr/bin/python3',
    [join(here, '..', 'test', 'helpers', 'rtsp-camera.py'), '--port', String(port), '--width', '1920', '--height', '1080', '--fps', '25', '--bitrate', '4000'],
    /READY/,
  );
  return { child, url: `rtsp://127.0.0.1:${port}/cam` };
}

async function startCore(root, url, cameras, nodeFlags = []) {
  const site = tempDir();
  const data = tempDir();
  writeFileSync(
    join(site, 'site.json'),
    JSON.stringify({ id: 'bench', name: 'Core cost', devices: [], cameras: Array.from({ length: cameras }, (_, i) => ({ id: `cam${i + 1}`, name: `Cam ${i + 1}`, mainUrl: url })) }),
  );
  const { child, match } = await spawnUntil(
    process.execPath,
    [...nodeFlags, join(root, 'dist', 'electron', 'core', 'cli', 'serve.js'), '--port', '0', '--data', data, '--site', site, '--no-simulate'],
    /Site Command listening on (http:\/\/\S+)/,
    { SITE_COMMAND_ADMIN_PASSWORD: 'bench-password', SITE_COMMAND_TEST_NO_WARM_SPARE: '1' },
    120_000,
  );
  if (process.env.CORE_AB_CORE_LOG) {
    child.stdout.pipe(process.stderr);
    child.stderr.pipe(process.stderr);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  const base = match[1];
  const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password' }) });
  const { token } = await r.json();
  return { child, url: base, token, cleanup: () => (removeDir(site), removeDir(data)) };
}

function viewer(core, cameraId) {
  const stats = { frames: 0, messages: 0, initSeen: false };
  const ws = new WebSocket(`${core.url.replace('http', 'ws')}/api/video?camera=${cameraId}&quality=main`);
  ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: core.token })));
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    if (!stats.initSeen) {
      stats.initSeen = true;
      return;
    }
    stats.messages++;
    stats.frames += samplesIn(data);
  });
  return { stats, close: () => ws.close() };
}

/** The core's remux command line (ffmpeg-args.ts remuxArgs), read the way the core reads it; counts pipe reads. */
function bareRemux(url) {
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-timeout', '5000000',
    '-probesize', '32768', '-analyzeduration', '200000', '-i', url,
    '-map', '0:v:0', '-an', '-c:v', 'copy', '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', '100000', '-flush_packets', '1', 'pipe:1',
  ];
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const stats = { bytes: 0, reads: 0 };
  child.stdout.on('data', (d) => {
    stats.bytes += d.length;
    stats.reads++;
  });
  return { child, stats };
}

const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
const show = (s, digits = 2) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function abRun() {
  const rounds = Number(opts.rounds);
  const windowS = Number(opts.window);
  const loadBefore = loadavg();
  const camera = await startCamera();
  const cores = [];
  const viewers = { old: [], new: [] };
  let bare;
  try {
    for (const name of ['old', 'new']) {
      log(`starting the ${name} core (${opts[name]})`);
      const core = await startCore(opts[name], camera.url, N);
      cores.push({ name, ...core });
      viewers[name] = Array.from({ length: N }, (_, i) => viewer(core, `cam${i + 1}`));
      await until(`${name} viewers`, () => viewers[name].every((v) => v.stats.frames > 0), 180_000, 200);
      log(`${name}: ${N} viewers have video`);
    }
    log('starting the idle core and the bare remux');
    const idle = await startCore(opts.new, camera.url, N);
    cores.push({ name: 'idle', ...idle });
    bare = bareRemux(camera.url);
    await until('bare remux output', () => bare.stats.bytes > 0, 60_000, 200);
    await sleep(20_000); // past the start-up work of the last core
    const rows = [];
    for (let round = 0; round < rounds; round++) {
      const procs = Object.fromEntries(cores.map((c) => [c.name, coreProcesses(c.child.pid)]));
      const groups = {
        oldCore: [procs.old.core],
        newCore: [procs.new.core],
        idleCore: [procs.idle.core],
        oldFfmpegs: procs.old.ffmpegs,
        newFfmpegs: procs.new.ffmpegs,
        bare: [bare.child.pid],
      };
      const before = Object.fromEntries(Object.entries(groups).map(([k, pids]) => [k, pids.map(ticks)]));
      const framesBefore = { old: viewers.old.map((v) => v.stats.frames), new: viewers.new.map((v) => v.stats.frames) };
      const messagesBefore = { old: viewers.old.reduce((n, v) => n + v.stats.messages, 0), new: viewers.new.reduce((n, v) => n + v.stats.messages, 0) };
      const bareBefore = { ...bare.stats };
      const started = performance.now();
      await sleep(windowS * 1000);
      const seconds = (performance.now() - started) / 1000;
      const pct = (k) => (groups[k].reduce((n, p, i) => n + ticks(p) - before[k][i], 0) / TICKS / seconds) * 100;
      const row = Object.fromEntries(Object.keys(groups).map((k) => [k, pct(k)]));
      for (const side of ['old', 'new']) {
        const rates = viewers[side].map((v, i) => (v.stats.frames - framesBefore[side][i]) / seconds);
        row[`${side}SlowestFps`] = Math.min(...rates);
        row[`${side}MessagesPerS`] = (viewers[side].reduce((n, v) => n + v.stats.messages, 0) - messagesBefore[side]) / seconds / N;
        row[`${side}FfmpegCount`] = groups[`${side}Ffmpegs`].length;
      }
      row.oldCoreRssMiB = rssMiB(procs.old.core);
      row.newCoreRssMiB = rssMiB(procs.new.core);
      row.bareReadsPerS = (bare.stats.reads - bareBefore.reads) / seconds;
      row.bareBytesPerRead = (bare.stats.bytes - bareBefore.bytes) / Math.max(1, bare.stats.reads - bareBefore.reads);
      row.ratio = row.newCore / row.oldCore;
      row.oldNetPerStream = (row.oldCore - row.idleCore) / N;
      row.newNetPerStream = (row.newCore - row.idleCore) / N;
      rows.push(row);
      log(`round ${round + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Math.round(v * 100) / 100])))}`);
    }
    const keys = Object.keys(rows[0]);
    const summary = Object.fromEntries(keys.map((k) => [k, spread(rows.map((r) => r[k]))]));
    const perStreamPath = (side) => spread(rows.map((r) => (r[`${side}Core`] - r.idleCore + r[`${side}Ffmpegs`]) / N));
    summary.oldPathPerStream = perStreamPath('old');
    summary.newPathPerStream = perStreamPath('new');
    summary.oldPathOverBare = spread(rows.map((r) => (r.oldCore - r.idleCore + r.oldFfmpegs) / N / r.bare));
    summary.newPathOverBare = spread(rows.map((r) => (r.newCore - r.idleCore + r.newFfmpegs) / N / r.bare));
    const result = { cameras: N, rounds, windowS, loadBefore, loadAfter: loadavg(), date: new Date().toISOString(), rows, summary };
    process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    for (const [k, s] of Object.entries(summary)) log(`${k}: median ${show(s)}`);
  } finally {
    for (const side of ['old', 'new']) viewers[side].forEach((v) => v.close());
    if (bare) await stop(bare.child);
    for (const c of cores) {
      await stop(c.child);
      c.cleanup();
    }
    await stop(camera.child);
  }
}

/**
 * Self time per function over [fromUs, toUs] of a .cpuprofile. Its timestamps are V8's
 * monotonic clock in µs, the same CLOCK_MONOTONIC as `process.hrtime` here.
 */
function selfTimes(profile, fromUs, toUs) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const times = new Map();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < fromUs || t > toUs) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${lineNumber + 1}`;
    times.set(key, (times.get(key) ?? 0) + delta);
    total += delta;
  }
  return { total, top: [...times.entries()].sort((a, b) => b[1] - a[1]) };
}

async function profileRun() {
  const dir = opts.out;
  mkdirSync(dir, { recursive: true });
  const camera = await startCamera();
  let core;
  let list = [];
  try {
    core = await startCore(opts.profile, camera.url, N, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...opts['node-flags'].split(' ').filter(Boolean)]);
    list = Array.from({ length: N }, (_, i) => viewer(core, `cam${i + 1}`));
    await until('viewers', () => list.every((v) => v.stats.frames > 0), 180_000, 200);
    await sleep(5_000);
    const { core: corePid } = coreProcesses(core.child.pid);
    const t0 = ticks(corePid);
    const started = performance.now();
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    await sleep(Number(opts.seconds) * 1000);
    const toUs = Number(process.hrtime.bigint() / 1000n);
    const steadyMs = performance.now() - started;
    log(`core ${corePid}: ${(((ticks(corePid) - t0) / TICKS / (steadyMs / 1000)) * 100).toFixed(1)} % of a core under the profiler`);
    list.forEach((v) => v.close());
    await stop(core.child);
    core.cleanup();
    core = undefined;
    const file = readdirSync(dir).find((f) => f.includes(`.${corePid}.`) && f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile of the core (${corePid}) in ${dir}`);
    const { total, top } = selfTimes(JSON.parse(readFileSync(join(dir, file), 'utf8')), fromUs, toUs);
    const busy = total - top.filter(([key]) => key.startsWith('(idle)')).reduce((n, [, us]) => n + us, 0);
    process.stdout.write(`profile ${join(dir, file)}: ${(busy / 1000).toFixed(0)} ms busy of ${(total / 1000).toFixed(0)} ms sampled in the ${(steadyMs / 1000).toFixed(0)} s window; % of busy\n`);
    for (const [key, us] of top.filter(([k]) => !k.startsWith('(idle)')).slice(0, 45)) process.stdout.write(`${((us / busy) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}\n`);
    const byFile = new Map();
    for (const [key, us] of top) {
      if (key.startsWith('(idle)')) continue;
      const fileKey = key.slice(key.indexOf(' ') + 1).replace(/:\d+$/, '') || key;
      byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
    }
    process.stdout.write('by file:\n');
    for (const [key, us] of [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stdout.write(`${((us / busy) * 100).toFixed(1).padStart(5)} %  ${key}\n`);
  } finally {
    list.forEach((v) => v.close());
    if (core) {
      await stop(core.child);
      core.cleanup();
    }
    await stop(camera.child);
  }
}

if (opts.profile) await profileRun();
else if (opts.old && opts.new) await abRun();
else {
  process.stderr.write('usage: --old ROOT --new ROOT | --profile ROOT [--out DIR]\n');
  process.exit(2);
}
