// Live video cost and scale (issue 4): CPU per 1080p25 stream for the core's remux path vs a bare
// `ffmpeg -c copy` (the floor) vs the MPEG-1 transcode node-rtsp-stream does, all on the same
// camera in the same run; then how many streams the core sustains with no lost fragments.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { removeDir, spawnUntil, stop, tempDir } from './lib.mjs';

export const title = 'Live video: CPU per stream and scale (issue 4)';
export const note =
  'A GStreamer RTSP camera (1920×1080, 25 fps, ~4 Mbit/s, moving SMPTE pattern) on loopback; its own encoding is not counted. CPU = user+system time of the measured processes (the core and its ffmpeg children) over BENCH_VIDEO_SECONDS (default 15 s), in % of one core. Scale: N viewers each on a different stream URL of the same camera (so N ffmpeg remuxes), counting fragments delivered to each WebSocket client.';

const SECONDS = Number(process.env.BENCH_VIDEO_SECONDS ?? 15);
const TICKS = 100; // USER_HZ on Linux

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function childrenOf(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid === pid) out.push(Number(entry), ...childrenOf(Number(entry)));
    } catch {
      // gone
    }
  }
  return out;
}

/** % of one core used by a process tree over `seconds`. */
async function cpuPercent(rootPid, seconds) {
  const tree = () => [rootPid, ...childrenOf(rootPid)];
  const before = new Map(tree().map((p) => [p, cpuTicks(p)]));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  let used = 0;
  for (const p of tree()) used += cpuTicks(p) - (before.get(p) ?? 0);
  return (used / TICKS / seconds) * 100;
}

async function startCamera(root) {
  const port = await freePort();
  const { child } = await spawnUntil(
    '/usr/bin/python3',
    [join(root, 'test', 'helpers', 'rtsp-camera.py'), '--port', String(port), '--width', '1920', '--height', '1080', '--fps', '25', '--bitrate', '4000'],
    /READY/,
  );
  return { child, url: `rtsp://127.0.0.1:${port}/cam` };
}

async function measureFfmpeg(args, seconds) {
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'ignore'] });
  await new Promise((r) => setTimeout(r, 3000)); // past probing
  const cpu = await cpuPercent(child.pid, seconds);
  await stop(child);
  return cpu;
}

async function startCore(root, urls) {
  const site = tempDir();
  const data = tempDir();
  writeFileSync(
    join(site, 'site.json'),
    JSON.stringify({ id: 'bench', name: 'Video bench', devices: [], cameras: urls.map((u, i) => ({ id: `cam${i + 1}`, name: `Cam ${i + 1}`, mainUrl: u })) }),
  );
  const { child, match } = await spawnUntil(
    process.execPath,
    [join(root, 'dist', 'electron', 'core', 'cli', 'serve.js'), '--port', '0', '--data', data, '--site', site, '--no-simulate'],
    /Site Command listening on (http:\/\/\S+)/,
    { SITE_COMMAND_ADMIN_PASSWORD: 'bench-password' },
  );
  const url = match[1];
  const r = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password' }) });
  const { token } = await r.json();
  return { child, url, token, cleanup: () => (removeDir(site), removeDir(data)) };
}

/** Frames in one moof+mdat: the sample count of its `trun` box(es). */
function samplesIn(buffer) {
  let frames = 0;
  for (let at = buffer.indexOf('trun'); at >= 4; at = buffer.indexOf('trun', at + 4)) frames += buffer.readUInt32BE(at + 8);
  return frames;
}

/** One player-like client: counts fragments, frames and bytes, and when the first media arrived. */
function viewer(core, cameraId) {
  const stats = { fragments: 0, frames: 0, bytes: 0, openedAt: performance.now(), firstMediaMs: null, initSeen: false };
  const ws = new WebSocket(`${core.url.replace('http', 'ws')}/api/video?camera=${cameraId}&quality=main`);
  ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: core.token })));
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    if (!stats.initSeen) {
      stats.initSeen = true;
      return;
    }
    stats.fragments++;
    stats.frames += samplesIn(data);
    stats.bytes += data.length;
    if (stats.firstMediaMs === null) stats.firstMediaMs = performance.now() - stats.openedAt;
  });
  return { stats, close: () => ws.close() };
}

export async function run({ root }) {
  const camera = await startCamera(root);
  const rows = [];
  try {
    const bare = await measureFfmpeg(
      ['-rtsp_transport', 'tcp', '-i', camera.url, '-an', '-c:v', 'copy', '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', '100000', 'pipe:1'],
      SECONDS,
    );
    const mpeg1 = await measureFfmpeg(['-rtsp_transport', 'tcp', '-i', camera.url, '-f', 'mpegts', '-codec:v', 'mpeg1video', '-b:v', '1000k', '-r', '25', '-bf', '0', 'pipe:1'], SECONDS);

    const core = await startCore(root, [camera.url]);
    // The core's own timers (alarm ticks, offline sweeps) cost something with no video at all.
    const idleCore = await cpuPercent(core.child.pid, SECONDS);
    const one = viewer(core, 'cam1');
    await new Promise((r) => setTimeout(r, 3000));
    const corePath = await cpuPercent(core.child.pid, SECONDS);
    one.close();
    await stop(core.child);
    core.cleanup();

    rows.push({ name: 'bare ffmpeg -c copy to fMP4 (the floor)', value: bare, unit: '% core' });
    const netPath = Math.max(0, corePath - idleCore);
    rows.push({ name: 'idle core (no stream; its periodic work)', value: idleCore, unit: '% core' });
    rows.push({ name: 'core remux path (ffmpeg + core + 1 WebSocket viewer), whole process', value: corePath, unit: '% core', baselineName: 'bare remux', baseline: bare });
    rows.push({ name: 'core remux path, net of the idle core', value: netPath, unit: '% core', baselineName: 'bare remux', baseline: bare, target: '≤ 1.3× bare', met: netPath <= 1.3 * bare });
    rows.push({ name: 'MPEG-1 transcode (what node-rtsp-stream does)', value: mpeg1, unit: '% core', baselineName: 'core remux path', baseline: corePath, target: '≥ 10× the remux path', met: mpeg1 >= 10 * corePath });
    rows.push({ name: 'first fragment after opening a stream', value: one.stats.firstMediaMs ?? NaN, unit: 'ms', target: '< 1500 ms', met: (one.stats.firstMediaMs ?? Infinity) < 1500 });

    // Scale: N distinct stream URLs (a query string keeps the camera's path) → N ffmpeg remuxes.
    let sustained = 0;
    for (const n of [1, 4, 8, 16]) {
      const urls = Array.from({ length: n }, (_, i) => `${camera.url}?stream=${i + 1}`);
      const scaled = await startCore(root, urls);
      const viewers = urls.map((_, i) => viewer(scaled, `cam${i + 1}`));
      await new Promise((r) => setTimeout(r, 4000));
      const before = viewers.map((v) => v.stats.frames);
      const cpu = await cpuPercent(scaled.child.pid, SECONDS);
      const rates = viewers.map((v, i) => (v.stats.frames - before[i]) / SECONDS);
      const minRate = Math.min(...rates);
      viewers.forEach((v) => v.close());
      await stop(scaled.child);
      scaled.cleanup();
      const ok = minRate >= 24; // 25 fps camera: every frame delivered
      if (ok) sustained = n;
      rows.push({ name: `${n} × 1080p25 streams through the core: slowest stream's frames/s delivered`, value: minRate, unit: 'frames/s', baselineName: 'camera fps', baseline: 25, target: '≥ 24 (no lost frames)', met: ok });
      rows.push({ name: `${n} × 1080p25 streams: CPU of core + ffmpegs`, value: cpu, unit: '% core' });
    }
    rows.push({ name: 'streams sustained with no lost frames (of 1, 4, 8, 16 tried)', value: sustained, unit: 'streams' });
  } finally {
    await stop(camera.child);
  }
  return rows;
}
