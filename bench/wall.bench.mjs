// The wall's default screen (#/screen/default: 3D in the middle, the map, cranes, hoist, dust and
// noise, camera tiles, headcount, KPIs, alarm list) against the 3D view alone (#/site3d), both at
// 1920×1080 in headless Chromium (SwiftShader WebGL: no GPU here), on the live demo (simulator and
// its incident schedule on). Two pages stay open for the whole run; rounds alternate between them
// (wall, 3D, wall, 3D…), each round forcing continuous 3D rendering on the measured page and
// counting the scene's frames, so both arms see the same machine drift.
//
// Heap: each page's JS heap after forced GC, 10 s after both pages are up ("at load"), again after
// a warm-up (default 5 min: the sparklines' fixed 300-sample buffers fill at 1 Hz, the alarm list
// fills its rows, V8 compiles the hot code) — the baseline the growth target is measured from —
// then every BENCH_WALL_HEAP_EVERY_MIN minutes during the rounds and at the end. Growth is
// reported from the baseline (the target's) and from load (for comparison), with the series.
//
// Options (environment): BENCH_WALL_MINUTES, minutes measured per arm (default 3; 15 per arm is
// the 30 minutes of demo in all), BENCH_WALL_ROUND_S, seconds per round (default 30),
// BENCH_WALL_WARMUP_MIN (default 5), BENCH_WALL_HEAP_EVERY_MIN (default 5). Run alone:
// `node bench/wall.bench.mjs` after `node scripts/build.mjs --test-hooks`, or `npm run bench -- wall`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { median, removeDir, stop, tempDir } from './lib.mjs';

export const title = 'Wall: default screen against the 3D view alone (issue 14)';
export const note =
  'Headless Debian Chromium, SwiftShader WebGL, 1920×1080; the demo with incidents. Two pages open throughout (wall, 3D view); interleaved rounds of BENCH_WALL_ROUND_S (default 30 s) each with continuous 3D rendering on the measured page, BENCH_WALL_MINUTES (default 3) per arm; medians and spread. Heap after forced GC at load, after a BENCH_WALL_WARMUP_MIN (default 5) warm-up (the baseline), every BENCH_WALL_HEAP_EVERY_MIN (default 5) minutes and at the end, per page.';

const PASSWORD = 'bench-wall-password';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startServe(root) {
  const data = tempDir();
  const child = spawn(process.execPath, [join(root, 'dist', 'electron', 'core', 'cli', 'serve.js'), '--port', '0', '--data', data], {
    env: { ...process.env, SITE_COMMAND_ADMIN_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 60_000);
    const on = (d) => {
      output += d.toString();
      const m = /Site Command listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
  });
  return { child, url, cleanup: () => removeDir(data) };
}

async function heapMiB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

/** The measured page's 3D frames per second over one round, continuous rendering on. */
async function round(page, hook, seconds) {
  await page.bringToFront();
  await page.evaluate((h) => window[h].setContinuous(true), hook);
  await sleep(1000);
  const a = await page.evaluate((h) => ({ f: window[h].stats.frames, t: performance.now() }), hook);
  await sleep(seconds * 1000);
  const b = await page.evaluate((h) => ({ f: window[h].stats.frames, t: performance.now() }), hook);
  await page.evaluate((h) => window[h].setContinuous(false), hook);
  return ((b.f - a.f) * 1000) / (b.t - a.t);
}

async function openPage(browser, url, hash) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=site-name]');
  await page.evaluate((h) => (window.location.hash = h), hash);
  return page;
}

export async function run({ root }) {
  const minutes = Number(process.env.BENCH_WALL_MINUTES ?? 3);
  const roundSeconds = Number(process.env.BENCH_WALL_ROUND_S ?? 30);
  const warmupMin = Number(process.env.BENCH_WALL_WARMUP_MIN ?? 5);
  const heapEveryMin = Number(process.env.BENCH_WALL_HEAP_EVERY_MIN ?? 5);
  const rounds = Math.max(1, Math.round((minutes * 60) / roundSeconds));
  const serve = await startServe(root);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
  });
  const log = (line) => process.stderr.write(`wall bench ${new Date().toISOString()}: ${line}\n`);
  try {
    const view3d = await openPage(browser, serve.url, '#/site3d');
    await view3d.waitForFunction(() => (window.__site3d?.renderer.stats.frames ?? 0) > 0, null, { timeout: 240_000 });
    // `window.__site3d.renderer` and `window.__wall3d` both take setContinuous; alias the view's for `round`.
    await view3d.evaluate(() => (window.__site3dR = window.__site3d.renderer));
    const wall = await openPage(browser, serve.url, '#/screen/default');
    await wall.waitForFunction(() => (window.__wall3d?.stats.frames ?? 0) > 0, null, { timeout: 240_000 });
    await sleep(10_000);
    const demoStart = Date.now();
    const heap = async () => ({ wall: await heapMiB(wall), view: await heapMiB(view3d) });
    const heapLoad = await heap();
    log(`heap at load: wall ${heapLoad.wall.toFixed(2)} MiB, 3D view ${heapLoad.view.toFixed(2)} MiB; warming up ${warmupMin} min`);
    await sleep(warmupMin * 60_000);
    const heapStart = await heap();
    const started = Date.now();
    /** Heap after GC through the measured run: minutes since the baseline, MiB per page. */
    const series = [{ min: 0, ...heapStart }];
    log(`heap baseline after the warm-up: wall ${heapStart.wall.toFixed(2)} MiB, 3D view ${heapStart.view.toFixed(2)} MiB`);
    const fps = { wall: [], view: [] };
    for (let i = 0; i < rounds; i++) {
      // Alternate which arm goes first in each pair so neither always follows the other.
      const order = i % 2 === 0 ? ['wall', 'view'] : ['view', 'wall'];
      for (const arm of order) fps[arm].push(arm === 'wall' ? await round(wall, '__wall3d', roundSeconds) : await round(view3d, '__site3dR', roundSeconds));
      log(`round ${i + 1}/${rounds}: wall ${fps.wall.at(-1).toFixed(1)} fps, 3D view ${fps.view.at(-1).toFixed(1)} fps`);
      const sinceMin = (Date.now() - started) / 60_000;
      if (i < rounds - 1 && sinceMin >= series.length * heapEveryMin) {
        series.push({ min: sinceMin, ...(await heap()) });
        log(`heap at ${sinceMin.toFixed(1)} min: wall ${series.at(-1).wall.toFixed(2)} MiB, 3D view ${series.at(-1).view.toFixed(2)} MiB`);
      }
    }
    const heapEnd = await heap();
    const elapsedMin = (Date.now() - started) / 60_000;
    series.push({ min: elapsedMin, ...heapEnd });
    log(`heap at the end (${elapsedMin.toFixed(1)} min): wall ${heapEnd.wall.toFixed(2)} MiB, 3D view ${heapEnd.view.toFixed(2)} MiB`);
    const demoMin = (Date.now() - demoStart) / 60_000;
    const [wallFps, viewFps] = [median(fps.wall), median(fps.view)];
    const spread = (v) => `${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)}`;
    const growth = (arm, from = heapStart) => ((heapEnd[arm] - from[arm]) / from[arm]) * 100;
    const curve = (arm) => series.map((p) => `${p.min.toFixed(0)}′ ${p[arm].toFixed(2)}`).join(', ');
    const panels = await wall.evaluate(() => document.querySelectorAll('.wall-panel').length);
    return [
      { name: `default wall (${panels} panels), 3D frames/s, continuous, median of ${rounds} rounds × ${roundSeconds} s (spread ${spread(fps.wall)})`, value: wallFps, unit: 'fps', baselineName: `3D view alone (spread ${spread(fps.view)})`, baseline: viewFps, target: '≥ 0.7× the 3D view', met: wallFps >= 0.7 * viewFps },
      { name: `wall page JS heap growth over ${elapsedMin.toFixed(1)} min of demo from the warm-up baseline (after GC: ${heapStart.wall.toFixed(2)} → ${heapEnd.wall.toFixed(2)} MiB; MiB at minutes since the baseline: ${curve('wall')})`, value: growth('wall'), unit: '%', baselineName: `3D view page, same run (${curve('view')})`, baseline: growth('view'), target: '< 5 %', met: growth('wall') < 5 },
      { name: `wall page JS heap growth from load, ${demoMin.toFixed(1)} min of demo with the warm-up (after GC: ${heapLoad.wall.toFixed(2)} → ${heapEnd.wall.toFixed(2)} MiB)`, value: growth('wall', heapLoad), unit: '%', baselineName: '3D view page, same span', baseline: growth('view', heapLoad) },
      { name: `3D view page JS heap at the end (after GC; at load ${heapLoad.view.toFixed(2)} MiB)`, value: heapEnd.view, unit: 'MiB', baselineName: 'at the warm-up baseline', baseline: heapStart.view },
    ];
  } finally {
    await browser.close();
    await stop(serve.child);
    serve.cleanup();
  }
}

// `node bench/wall.bench.mjs`: run alone and print the rows (scripts/bench.mjs writes RESULTS.md).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run({ root: join(import.meta.dirname, '..') });
  process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
}
