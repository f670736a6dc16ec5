// Live video: camera-to-screen lag (issue 15). A GStreamer camera stamps each frame with its
// wall-clock time in pixels (test/helpers/rtsp-camera.py --stamp, layout in
// electron/common/frame-stamp.ts); a real core remuxes it; headless Chromium shows it in the
// console's single view (main stream) at 1920×1080, and the console's own StampReader decodes the
// stamp of every presented frame: lag = when the frame is shown − when the camera stamped it.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort, median, percentile, removeDir, spawnUntil, stop, tempDir } from './lib.mjs';

const MINUTES = Number(process.env.BENCH_LAG_MINUTES ?? 30);
const PATHS = (process.env.BENCH_LAG_PATHS ?? 'mse').split(',').map((p) => p.trim()).filter(Boolean);
const WINDOW_MS = 60_000;
const PASSWORD = 'bench-password';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const title = 'Live video: camera-to-screen lag (issue 15)';
export const note =
  `Camera: GStreamer RTSP test camera on loopback, 1920×1080 25 fps x264 (ultrafast, zerolatency, 1 keyframe/s) ~4 Mbit/s, every frame stamped with its wall-clock ms (--stamp). ` +
  `Path: camera → the real core (ffmpeg remux to fMP4, video socket) → headless Debian Chromium 1920×1080 showing the camera in the console's own single view (main stream; the full UI, not a minimal page) opened with ?videoPath=PATH. ` +
  `Probe: the console's StampReader (renderer/src/video/stamp-reader.ts) on every frame the <video> presents (requestVideoFrameCallback): copies only the stamp row's luma out of the frame (WebCodecs VideoFrame.copyTo with a rect; a small canvas where that is unavailable), decodes it, lag = (Date.now() at the frame's expected display time) − stamp; same machine, same clock. ` +
  `Rows: median and p95 per one-minute window for BENCH_LAG_MINUTES (default 30), each against minute 1 (the ratio shows growth); paths in BENCH_LAG_PATHS (default mse) play side by side in their own pages; a path the page does not play is reported as not measured. ` +
  `"buffer" = the player's newest buffered frame − play head, sampled 4×/s. Load: this machine's 2 cores are shared with other work (see the load-average rows).`;

async function startCamera(root) {
  const port = await freePort();
  const args = [join(root, 'test', 'helpers', 'rtsp-camera.py'), '--port', String(port), '--width', '1920', '--height', '1080', '--fps', '25', '--bitrate', '4000', '--stamp'];
  const { child } = await spawnUntil('/usr/bin/python3', args, /READY/);
  return { child, url: `rtsp://127.0.0.1:${port}/cam` };
}

async function startCore(root, cameraUrl) {
  const site = tempDir();
  const data = tempDir();
  writeFileSync(join(site, 'site.json'), JSON.stringify({ id: 'lag-bench', name: 'Lag bench', devices: [], cameras: [{ id: 'cam1', name: 'Stamped camera', mainUrl: cameraUrl }] }));
  const { child, match } = await spawnUntil(
    process.execPath,
    [join(root, 'dist', 'electron', 'core', 'cli', 'serve.js'), '--port', '0', '--data', data, '--site', site, '--no-simulate'],
    /Site Command listening on (http:\/\/\S+)/,
    { SITE_COMMAND_ADMIN_PASSWORD: PASSWORD },
    // Generous: other work shares this machine's cores.
    120_000,
  );
  return { child, url: match[1], cleanup: () => (removeDir(site), removeDir(data)) };
}

/**
 * Opens the single view for one path and starts an every-frame StampReader on its video; null when
 * the page does not play that path (e.g. WebRTC not built yet, or it fell back).
 */
async function openPath(browser, coreUrl, path) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, screen: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(coreUrl);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=site-name]');
  // The session is kept in sessionStorage, so the reload with the query keeps it.
  await page.goto(`${coreUrl}/?videoPath=${encodeURIComponent(path)}#/cameras/camera:cam1`);
  const video = '[data-testid=single-view] video';
  try {
    await page.waitForFunction((sel) => {
      const v = document.querySelector(sel);
      return v && v.currentTime > 0 && v.dataset.videoPath;
    }, video, { timeout: 30_000 });
  } catch {
    await context.close();
    return { path, measured: false, why: 'no picture within 30 s' };
  }
  const playing = await page.$eval(video, (v) => v.dataset.videoPath);
  if (playing !== path) {
    await context.close();
    return { path, measured: false, why: `the page played ${playing}` };
  }
  await page.evaluate((sel) => {
    const v = document.querySelector(sel);
    const reader = new window.__stampReader(v, { minIntervalMs: 0, capacity: 5_000 });
    reader.start();
    const buffer = [];
    setInterval(() => {
      if (v.buffered.length) buffer.push((v.buffered.end(v.buffered.length - 1) - v.currentTime) * 1000);
    }, 250);
    let reads = 0;
    let decoded = 0;
    let quality = v.getVideoPlaybackQuality();
    window.__lagBench = {
      drain() {
        const out = { lags: reader.samples.drain(), reads: reader.reads - reads, decoded: reader.decoded - decoded, buffer: buffer.splice(0), rate: v.playbackRate, arrival: v.dataset.arrivalDelayMs, backlogs: v.dataset.backlogsDropped };
        const q = v.getVideoPlaybackQuality();
        out.framesDecoded = q.totalVideoFrames - quality.totalVideoFrames;
        out.framesDropped = q.droppedVideoFrames - quality.droppedVideoFrames;
        quality = q;
        reads = reader.reads;
        decoded = reader.decoded;
        return out;
      },
    };
  }, video);
  return { path, measured: true, page, context, windows: [] };
}

/**
 * The same-run baseline: the camera's own share of the lag. A bare ffmpeg reads the camera's RTSP
 * stream directly, decodes it (low_delay: no frame-threading delay), crops the stamp row to grey
 * bytes and this process decodes each frame's stamp on arrival: lag = camera encode + RTSP on
 * loopback + one decode, no console in between. Its cost (one 1080p decode) loads the machine like
 * another viewer would.
 */
function startReference(root, cameraUrl, decodeStamp, stampRegion) {
  const r = stampRegion(1920);
  const frameBytes = r.width * r.height;
  const lags = [];
  let frames = 0;
  let pending = Buffer.alloc(0);
  const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-fflags', 'nobuffer', '-flags', 'low_delay', '-i', cameraUrl, '-an', '-vf', `crop=${r.width}:${r.height}:${r.x}:${r.y},format=gray`, '-f', 'rawvideo', 'pipe:1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  child.stdout.on('data', (chunk) => {
    const now = Date.now();
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= frameBytes) {
      const frame = pending.subarray(0, frameBytes);
      pending = pending.subarray(frameBytes);
      frames++;
      const luma = [];
      for (let i = 0; i < 48; i++) luma.push(frame[Math.floor(r.block / 2) * r.width + i * r.block + Math.floor(r.block / 2)]);
      const stamp = decodeStamp(luma, now);
      if (stamp !== null) lags.push(now - stamp);
    }
  });
  return {
    child,
    drain() {
      const out = { lags: lags.splice(0), frames };
      frames = 0;
      return out;
    },
  };
}

const ms = (v) => `${Math.round(v)} ms`;

export async function run({ root }) {
  const rows = [];
  const loadBefore = loadavg();
  const { decodeStamp, stampRegion } = await import(pathToFileURL(join(root, 'dist', 'electron', 'common', 'frame-stamp.js')).href);
  const camera = await startCamera(root);
  let core;
  try {
    core = await startCore(root, camera.url);
  } catch (error) {
    await stop(camera.child);
    throw error;
  }
  const reference = startReference(root, camera.url, decodeStamp, stampRegion);
  const referenceWindows = [];
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
    });
    const sessions = [];
    for (const path of PATHS) sessions.push(await openPath(browser, core.url, path));
    const live = sessions.filter((s) => s.measured);
    const windows = Math.max(1, Math.round(MINUTES));
    for (let w = 0; w < windows; w++) {
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      for (const s of live) s.windows.push(await s.page.evaluate(() => window.__lagBench.drain()));
      referenceWindows.push(reference.drain());
      const summary = (name, win) => `${name} median ${Math.round(median(win.lags))} p95 ${Math.round(percentile(win.lags, 95))} ms`;
      process.stderr.write(
        `video-lag: minute ${w + 1}/${windows} load ${loadavg()[0].toFixed(1)}; ${summary('camera→ffmpeg', referenceWindows.at(-1))}; ${live
          .map((s) => `${summary(s.path, s.windows.at(-1))} (${s.windows.at(-1).reads} frames read, ${s.windows.at(-1).framesDecoded} decoded, ${s.windows.at(-1).framesDropped} dropped by the player, buffer ${Math.round(median(s.windows.at(-1).buffer))} ms, arrival delay ${s.windows.at(-1).arrival} ms, backlogs dropped ${s.windows.at(-1).backlogs})`)
          .join('; ')}\n`,
      );
    }
    referenceWindows.forEach((win, i) => {
      rows.push({ name: `baseline: camera → bare ffmpeg decode, minute ${i + 1} (${win.frames} frames): median lag`, value: median(win.lags), unit: 'ms' });
    });
    const refAll = referenceWindows.flatMap((w) => w.lags);
    const refMedian = median(refAll);
    rows.push({ name: 'baseline: camera → bare ffmpeg decode, whole run: median lag', value: refMedian, unit: 'ms' });
    rows.push({ name: 'baseline: camera → bare ffmpeg decode, whole run: p95 lag', value: percentile(refAll, 95), unit: 'ms' });
    for (const s of sessions) {
      if (!s.measured) {
        rows.push({ name: `${s.path}: not measured (${s.why})`, value: '—' });
        continue;
      }
      const first = s.windows[0];
      const last = s.windows.at(-1);
      const m1 = median(first.lags);
      const p1 = percentile(first.lags, 95);
      s.windows.forEach((win, i) => {
        const share = win.reads ? ((win.decoded / win.reads) * 100).toFixed(1) : '0';
        const label = `${s.path}, minute ${i + 1} (${win.reads} frames read, ${share} % of stamps decoded; ${win.framesDropped} of ${win.framesDecoded} frames dropped by the player; buffer median ${ms(median(win.buffer))})`;
        rows.push({ name: `${label}: median lag`, value: median(win.lags), unit: 'ms', baselineName: 'camera → ffmpeg, same minute', baseline: median(referenceWindows[i].lags) });
        rows.push({ name: `${s.path}, minute ${i + 1}: p95 lag`, value: percentile(win.lags, 95), unit: 'ms', baselineName: 'minute 1', baseline: p1 });
      });
      const mN = median(last.lags);
      const pN = percentile(last.lags, 95);
      const target = s.path === 'webrtc' ? { median: 150, p95: 250 } : { median: 350, p95: 500 };
      rows.push({ name: `${s.path}: median lag after 1 minute`, value: m1, unit: 'ms', target: `≤ ${target.median} ms`, met: m1 <= target.median });
      rows.push({ name: `${s.path}: p95 lag after 1 minute`, value: p1, unit: 'ms', target: `≤ ${target.p95} ms`, met: p1 <= target.p95 });
      rows.push({ name: `${s.path}: median lag after ${windows} minutes (the last window)`, value: mN, unit: 'ms', baselineName: 'minute 1', baseline: m1, target: `≤ ${target.median} ms, no growth (≤ 1.2× minute 1)`, met: mN <= target.median && mN <= 1.2 * m1 });
      rows.push({ name: `${s.path}: p95 lag after ${windows} minutes (the last window)`, value: pN, unit: 'ms', baselineName: 'minute 1', baseline: p1, target: `≤ ${target.p95} ms`, met: pN <= target.p95 });
      const reads = s.windows.reduce((a, w) => a + w.reads, 0);
      const decoded = s.windows.reduce((a, w) => a + w.decoded, 0);
      rows.push({ name: `${s.path}: frames whose stamp decoded (of ${reads} presented frames read)`, value: reads ? (decoded / reads) * 100 : 0, unit: '%', target: '≥ 95 %', met: reads > 0 && decoded / reads >= 0.95 });
      const all = s.windows.flatMap((w) => w.lags);
      rows.push({ name: `${s.path}: whole run median lag, and what the console adds to the camera's own (bare ffmpeg decode, same run)`, value: median(all), unit: 'ms', baselineName: 'camera → ffmpeg', baseline: refMedian });
      const framesDecoded = s.windows.reduce((a, w) => a + w.framesDecoded, 0);
      const framesDropped = s.windows.reduce((a, w) => a + w.framesDropped, 0);
      rows.push({ name: `${s.path}: frames the player dropped as late (decoder starved), whole run (of ${framesDecoded})`, value: framesDecoded ? (framesDropped / framesDecoded) * 100 : 0, unit: '%' });
      rows.push({ name: `${s.path}: queued backlogs dropped by reconnecting (ArrivalDelay), whole run`, value: Number(last.backlogs ?? 0), unit: '' });
      await s.context.close();
    }
  } finally {
    await browser?.close();
    await stop(reference.child);
    await stop(core.child);
    core.cleanup();
    await stop(camera.child);
  }
  const loadAfter = loadavg();
  rows.push({ name: 'machine load average (1 min) before the run (other work shares these cores)', value: loadBefore[0], unit: '' });
  rows.push({ name: 'machine load average (1 min) after the run', value: loadAfter[0], unit: '' });
  return rows;
}
