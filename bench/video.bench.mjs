// Live video cost and scale (issues 4 and 15): what the console costs per 1080p25 stream, and
// whether 16, 32 (and 48) cameras reach as many viewers with every frame.
//
// The camera is our pre-encoded RTSP file camera (test/helpers/rtsp-file-camera.mjs): one 1080p25
// H.264 clip encoded once, served looped on one clock, so a client costs it only socket writes and
// every site camera has its OWN URL (/s32/cam7 …) as on a real site. The GStreamer camera used
// before encodes live and its shared pipeline stalls at about 30 sessions, so 32 could never be
// shown against it: that bench measured the camera, not the console.
//
// Cost figures come from interleaved rounds: each round measures every figure in its own window,
// the order reversed every other round, and the figure is the median of the rounds with its
// min–max spread. The whole series runs twice (fresh processes) and both ratios are shown.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { freePort, median, removeDir, samplesIn, spawnUntil, stop, tempDir, until } from './lib.mjs';

export const title = 'Live video: CPU per stream and scale (issue 4) (issue 15)';

const ROUNDS = Number(process.env.BENCH_VIDEO_ROUNDS ?? 5);
const WINDOW_S = Number(process.env.BENCH_VIDEO_WINDOW ?? 10);
const SCALE_S = Number(process.env.BENCH_VIDEO_SCALE_SECONDS ?? 15);
const SCALES = (process.env.BENCH_VIDEO_SCALES ?? '1,8,16,32').split(',').map(Number);
/** Tried only when every row of SCALES got every frame. */
const EXTRA_SCALES = (process.env.BENCH_VIDEO_EXTRA_SCALES ?? '48').split(',').filter(Boolean).map(Number);
const FPS = 25;
const TICKS = 100; // USER_HZ on Linux
const PAGE_KIB = 4;

export const note =
  `One pre-encoded RTSP file camera (test/helpers/rtsp-file-camera.mjs) on loopback: a 4 s 1920×1080 25 fps H.264 clip of ffmpeg's testsrc2 (libx264 veryfast, ~4 Mbit/s, closed GOP, one IDR a second, no B-frames), encoded once before the bench and served looped in real time on one clock to every client over RTP interleaved on RTSP/TCP; a client costs the camera only socket writes, so every site camera has its own URL (/s32/cam1 … /s32/cam32), N cameras = N RTSP sessions and N ffmpeg remuxes in the core. It replaces the GStreamer camera, whose live encode and shared pipeline stalled at about 30 sessions. The camera's own CPU is shown as context, not counted. ` +
  `CPU = user+system ticks from /proc of the measured processes (for a core: the core process and its ffmpeg children; the supervisor's warm spare is off) over the window, in % of one core. ` +
  `Cost figures: ${ROUNDS} interleaved rounds × ${WINDOW_S} s per figure, order reversed every other round; value = median, with min–max; the bare remux, the core with 1 viewer and the idle core run throughout (no RTSP join inside a window), the MPEG-1 transcode only in its own window. The series runs twice (A and B, fresh processes) to show how far a rerun moves the ratio. ` +
  `Scale: a fresh core with N cameras (each its own camera URL) and one WebSocket viewer each; measured ${SCALE_S} s once every viewer has media (5 s after); frames counted from the trun boxes each viewer receives; RSS and PSS = core + ffmpegs, read at the end of the window; ${EXTRA_SCALES.join(', ')} tried only if every smaller row got every frame. ` +
  `Context per row: the camera's CPU, its clock's late restarts and dropped clients, and the whole machine's busy CPU over the window (from /proc/stat, all processes, other helpers' included), so a shortfall can be told apart: camera, core, or a machine loaded by others.`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The process and all its descendants. */
function tree(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = stat(entry);
    if (!fields) continue;
    const ppid = Number(fields[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const out = [];
  const queue = [rootPid];
  while (queue.length) {
    const p = queue.pop();
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/** What a group of processes is: a function returning its pids now. */
const descendantsOf = (pid) => () => tree(pid).filter((p) => p !== pid); // a core: the child core and its ffmpegs, not the supervisor
const treeOf = (pid) => () => tree(pid);

function ticksOf(pids) {
  const m = new Map();
  for (const p of pids) {
    const f = stat(p);
    if (f) m.set(p, Number(f[11]) + Number(f[12]));
  }
  return m;
}

/** % of one core used by a group over `seconds` (ticks of processes that exit meanwhile are lost). */
async function cpuPercent(group, seconds) {
  const before = ticksOf(group());
  await sleep(seconds * 1000);
  let used = 0;
  for (const [p, t] of ticksOf(group())) used += t - (before.get(p) ?? 0);
  return (used / TICKS / seconds) * 100;
}

/** Resident memory of a group, MiB: RSS (shared libraries counted in every process) and PSS (shared pages split between their users). */
function memoryMiBOf(pids) {
  let rssKiB = 0;
  let pssKiB = 0;
  for (const p of pids) {
    try {
      rssKiB += Number(readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]) * PAGE_KIB;
      pssKiB += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return { rss: rssKiB / 1024, pss: pssKiB / 1024 };
}

/** The pre-encoded file camera as a child process; `stats()` asks it (SIGUSR2) for its counters. */
async function startCamera(root) {
  const port = await freePort();
  const { child } = await spawnUntil(
    process.execPath,
    [join(root, 'test', 'helpers', 'rtsp-file-camera.mjs'), '--port', String(port), '--width', '1920', '--height', '1080', '--fps', String(FPS), '--bitrate', '4000', '--seconds', '4'],
    /READY/,
    {},
    180_000, // the first run encodes the clip (seconds of 1080p on a busy machine); later runs read the cached one
  );
  const waiting = [];
  let partial = '';
  child.stdout.on('data', (d) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop();
    for (const line of lines) if (line.startsWith('STATS ')) waiting.shift()?.(JSON.parse(line.slice(6)));
  });
  child.stderr.resume();
  const stats = () =>
    new Promise((resolve) => {
      const answer = (s) => (clearTimeout(timer), resolve(s));
      // A camera that does not answer: its figures read NaN.
      const timer = setTimeout(() => (waiting.splice(waiting.indexOf(answer), 1), resolve({})), 5_000);
      waiting.push(answer);
      process.kill(child.pid, 'SIGUSR2');
    });
  return { child, url: (path) => `rtsp://127.0.0.1:${port}${path}`, stats };
}

/** The core's own remux command line (ffmpeg-args.ts remuxArgs, 100 ms fragments). */
const bareRemuxArgs = (url) => [
  '-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-timeout', '5000000',
  '-probesize', '32768', '-analyzeduration', '200000', '-i', url,
  '-map', '0:v:0', '-an', '-c:v', 'copy', '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', '100000', '-flush_packets', '1', 'pipe:1',
];
/** What node-rtsp-stream does: decode and re-encode to MPEG-1 for JSMpeg. */
const mpeg1Args = (url) => ['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url, '-f', 'mpegts', '-codec:v', 'mpeg1video', '-b:v', '1000k', '-r', '25', '-bf', '0', 'pipe:1'];

/** A standalone ffmpeg whose output is read (and its frames counted) like the core reads it. */
function startFfmpeg(args) {
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const stats = { bytes: 0 };
  child.stdout.on('data', (d) => (stats.bytes += d.length));
  return { child, stats };
}

/** A core whose camera i (1-based) reads `urlOf(i)`. */
async function startCore(root, urlOf, cameras) {
  const site = tempDir();
  const data = tempDir();
  writeFileSync(
    join(site, 'site.json'),
    JSON.stringify({ id: 'bench', name: 'Video bench', devices: [], cameras: Array.from({ length: cameras }, (_, i) => ({ id: `cam${i + 1}`, name: `Cam ${i + 1}`, mainUrl: urlOf(i + 1) })) }),
  );
  const { child, match } = await spawnUntil(
    process.execPath,
    [join(root, 'dist', 'electron', 'core', 'cli', 'serve.js'), '--port', '0', '--data', data, '--site', site, '--no-simulate'],
    /Site Command listening on (http:\/\/\S+)/,
    { SITE_COMMAND_ADMIN_PASSWORD: 'bench-password', SITE_COMMAND_TEST_NO_WARM_SPARE: '1' },
    90_000, // a core took over 30 s to start beside other helpers' test runs
  );
  child.stdout.resume();
  child.stderr.resume();
  const base = match[1];
  const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password' }) });
  const { token } = await r.json();
  return { child, url: base, token, cleanup: () => (removeDir(site), removeDir(data)) };
}

/** One player-like client: counts frames, and when the first media arrived. */
function viewer(core, cameraId) {
  const stats = { frames: 0, openedAt: performance.now(), firstMediaMs: null, initSeen: false, offline: 0 };
  const ws = new WebSocket(`${core.url.replace('http', 'ws')}/api/video?camera=${cameraId}&quality=main`);
  ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: core.token })));
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      if (JSON.parse(data.toString()).state === 'offline') stats.offline++;
      return;
    }
    if (!stats.initSeen) {
      stats.initSeen = true;
      return;
    }
    stats.frames += samplesIn(data);
    if (stats.firstMediaMs === null) stats.firstMediaMs = performance.now() - stats.openedAt;
  });
  return { stats, close: () => ws.close() };
}

const spread = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });
const fmt = (v) => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const range = (s) => `median of ${s.n}, min–max ${fmt(s.min)}–${fmt(s.max)}`;

/** One series of interleaved cost rounds against the file camera (each process its own path). */
async function costSeries(root, camera, name) {
  const bare = startFfmpeg(bareRemuxArgs(camera.url(`/${name}/bare`)));
  const path = await startCore(root, () => camera.url(`/${name}/path`), 1);
  const idle = await startCore(root, () => camera.url(`/${name}/idle`), 1);
  const one = viewer(path, 'cam1');
  try {
    await until('the bare remux and the core viewer to get video', () => bare.stats.bytes > 0 && one.stats.frames > 0, 60_000);
    await sleep(5_000); // past the cores' start-up work
    const windows = {
      bare: () => cpuPercent(treeOf(bare.child.pid), WINDOW_S),
      path: () => cpuPercent(descendantsOf(path.child.pid), WINDOW_S),
      idle: () => cpuPercent(descendantsOf(idle.child.pid), WINDOW_S),
      mpeg1: async () => {
        const t = startFfmpeg(mpeg1Args(camera.url(`/${name}/mpeg1`)));
        try {
          await until('MPEG-1 output', () => t.stats.bytes > 0, 30_000);
          await sleep(1_000);
          return await cpuPercent(treeOf(t.child.pid), WINDOW_S);
        } finally {
          await stop(t.child);
        }
      },
    };
    const order = Object.keys(windows);
    const got = Object.fromEntries(order.map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const k of round % 2 ? [...order].reverse() : order) got[k].push(await windows[k]());
    }
    const net = got.path.map((p, i) => Math.max(0, p - got.idle[i]));
    return { ...Object.fromEntries(order.map((k) => [k, { ...spread(got[k]), n: ROUNDS }])), net: { ...spread(net), n: ROUNDS }, firstMediaMs: one.stats.firstMediaMs };
  } finally {
    one.close();
    await stop(bare.child);
    await Promise.all([stop(path.child), stop(idle.child)]);
    path.cleanup();
    idle.cleanup();
  }
}

function commOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Busy and total jiffies of the whole machine, all cores (/proc/stat). */
function machineTicks() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const v = fields.map(Number);
  const idle = v[3] + (v[4] ?? 0); // idle + iowait
  return { busy: v.reduce((a, b) => a + b, 0) - idle };
}

/** N cameras, each its own URL on the file camera, N viewers; frames per viewer and what it costs. */
async function scaleRow(root, camera, n) {
  const core = await startCore(root, (i) => camera.url(`/s${n}/cam${i}`), n);
  const viewers = Array.from({ length: n }, (_, i) => viewer(core, `cam${i + 1}`));
  const opened = performance.now();
  try {
    let allLiveMs = NaN;
    try {
      await until(`${n} viewers to get video`, () => viewers.every((v) => v.stats.frames > 0), 150_000);
      allLiveMs = performance.now() - opened;
    } catch {
      // reported as fewer live viewers
    }
    await sleep(5_000); // past the start bursts
    const before = viewers.map((v) => v.stats.frames);
    const offlineBefore = viewers.reduce((s, v) => s + v.stats.offline, 0);
    const group = descendantsOf(core.child.pid);
    const camBefore = ticksOf([camera.child.pid]).get(camera.child.pid) ?? 0;
    const camStatsBefore = await camera.stats();
    const machineBefore = machineTicks();
    const coreProcess = group().filter((p) => commOf(p) !== 'ffmpeg');
    const [cpu, coreCpu] = await Promise.all([cpuPercent(group, SCALE_S), cpuPercent(() => coreProcess, SCALE_S)]);
    const machine = ((machineTicks().busy - machineBefore.busy) / TICKS / SCALE_S) * 100;
    const camStats = await camera.stats();
    const camCpu = (((ticksOf([camera.child.pid]).get(camera.child.pid) ?? 0) - camBefore) / TICKS / SCALE_S) * 100;
    const { rss, pss } = memoryMiBOf(group());
    const ffmpegs = group().filter((p) => commOf(p) === 'ffmpeg').length;
    const rates = viewers.map((v, i) => (v.stats.frames - before[i]) / SCALE_S);
    const offlineDuring = viewers.reduce((s, v) => s + v.stats.offline, 0) - offlineBefore;
    return {
      n,
      allLiveMs,
      slowest: Math.min(...rates),
      median: median(rates),
      everyFrame: rates.filter((r) => r >= FPS - 1).length,
      cpu,
      coreCpu,
      camCpu,
      machine,
      camLate: camStats.lateTicks - camStatsBefore.lateTicks,
      camDropped: camStats.dropped - camStatsBefore.dropped,
      camPlaying: camStats.playing,
      rss,
      pss,
      ffmpegs,
      live: viewers.filter((v) => v.stats.frames > 0).length,
      offlineDuring,
    };
  } finally {
    viewers.forEach((v) => v.close());
    await stop(core.child);
    core.cleanup();
  }
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

export async function run({ root }) {
  const loadBefore = loadavg();
  const camera = await startCamera(root);
  const rows = [];
  try {
    const series = [];
    for (const name of ['A', 'B']) series.push({ name, ...(await costSeries(root, camera, name)) });

    for (const s of series) {
      const tag = `(series ${s.name})`;
      rows.push({ name: `bare ffmpeg -c copy to fMP4, the core's command line (the floor) ${tag}: ${range(s.bare)}`, value: s.bare.median, unit: '% core' });
      rows.push({ name: `idle core, no stream (its periodic work) ${tag}: ${range(s.idle)}`, value: s.idle.median, unit: '% core' });
      rows.push({ name: `core remux path: core + ffmpeg + 1 WebSocket viewer ${tag}: ${range(s.path)}`, value: s.path.median, unit: '% core' });
      rows.push({
        name: `core remux path net of the idle core (per round) ${tag}: ${range(s.net)}`,
        value: s.net.median,
        unit: '% core',
        baselineName: 'bare remux',
        baseline: s.bare.median,
        target: '≤ 1.3× bare',
        met: s.net.median <= 1.3 * s.bare.median,
      });
      rows.push({
        name: `MPEG-1 transcode, what node-rtsp-stream does ${tag}: ${range(s.mpeg1)}`,
        value: s.mpeg1.median,
        unit: '% core',
        baselineName: 'core remux path',
        baseline: s.path.median,
        target: '≥ 10× the remux path',
        met: s.mpeg1.median >= 10 * s.path.median,
      });
    }
    const [a, b] = series;
    const ratio = (s) => s.net.median / s.bare.median;
    const tRatio = (s) => s.mpeg1.median / s.path.median;
    rows.push({ name: 'rerun check: remux path net / bare, series B against series A', value: ratio(b), unit: '×', baselineName: 'series A', baseline: ratio(a), target: 'within ±20 %', met: Math.abs(ratio(b) / ratio(a) - 1) <= 0.2 });
    rows.push({ name: 'rerun check: MPEG-1 / remux path, series B against series A', value: tRatio(b), unit: '×', baselineName: 'series A', baseline: tRatio(a), target: 'within ±20 %', met: Math.abs(tRatio(b) / tRatio(a) - 1) <= 0.2 });
    rows.push({ name: 'first fragment after opening a stream (series A)', value: a.firstMediaMs ?? NaN, unit: 'ms', target: '< 1500 ms', met: (a.firstMediaMs ?? Infinity) < 1500 });

    let sustained = 0; // the largest row that, with every row before it, got every frame
    let allOk = true;
    const tried = [];
    for (const n of [...SCALES, ...EXTRA_SCALES]) {
      if (tried.length >= SCALES.length && !allOk) break; // the extra rows only when every row so far got every frame
      tried.push(n);
      const r = await scaleRow(root, camera, n);
      allOk &&= r.live === n && r.slowest >= FPS - 1;
      if (allOk) sustained = n;
      process.stderr.write(`video bench: ${JSON.stringify(r)}\n`);
      rows.push({ name: `${n} × 1080p25 to ${n} viewers: all live after`, value: r.allLiveMs / 1000, unit: `s (${r.live} of ${n} live)` });
      rows.push({ name: `${n} × 1080p25: frames/s to the slowest viewer`, value: r.slowest, unit: 'frames/s', baselineName: 'camera fps', baseline: FPS, target: '≥ 24 (every frame)', met: r.slowest >= FPS - 1 });
      rows.push({ name: `${n} × 1080p25: frames/s to the median viewer (${r.everyFrame} of ${n} viewers at ≥ 24)`, value: r.median, unit: 'frames/s', baselineName: 'camera fps', baseline: FPS });
      rows.push({ name: `${n} × 1080p25: CPU of core + ${r.ffmpegs} ffmpegs (the core process alone: ${fmt(r.coreCpu)} % core)`, value: r.cpu, unit: '% core', target: n >= 16 ? '< 100 % (one core)' : undefined, met: n >= 16 ? r.cpu < 100 : undefined });
      rows.push({ name: `${n} × 1080p25: RSS of core + ffmpegs`, value: r.rss, unit: 'MiB' });
      rows.push({ name: `${n} × 1080p25: PSS of core + ffmpegs (shared libraries counted once)`, value: r.pss, unit: 'MiB' });
      rows.push({ name: `${n} × 1080p25: the file camera's own CPU, ${r.camPlaying} sessions playing, ${r.camLate} late clock restarts, ${r.camDropped} clients dropped (context, not counted)`, value: r.camCpu, unit: '% core' });
      rows.push({ name: `${n} × 1080p25: whole machine busy over the window (all processes, other helpers' included; ${cpus().length * 100} % = all ${cpus().length} cores)`, value: r.machine, unit: '% core' });
      if (r.offlineDuring) rows.push({ name: `${n} × 1080p25: status reports of 'offline' while measured (one a second per stream)`, value: r.offlineDuring, unit: 'reports' });
    }
    rows.push({ name: `cameras sustained with every frame (of ${tried.join(', ')} tried)`, value: sustained, unit: 'cameras', target: '32', met: sustained >= 32 });
  } finally {
    await stop(camera.child);
  }
  rows.push({ name: `load average (1, 5, 15 min) before → after; other helpers ran in parallel`, value: `${loadBefore} → ${loadavg()}`, unit: '' });
  return rows;
}
