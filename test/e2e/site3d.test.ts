import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, logIn } from '../helpers/browser.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The 3D site view against the built core, with a real mosquitto so the test drives crane-1's
// telemetry itself (no simulator). WebGL runs in SwiftShader (no GPU here).
//
// Opening the view costs seconds on a two-core machine (a fresh page loads and parses the bundle,
// then the scene is built and its shaders compiled in SwiftShader), and the open view keeps a core
// busy drawing (~6 frames/s at this size while anything animates), so the tests share one page
// and go back to the view's starting state (reset3d) instead of opening a new one each.

/** What the page exposes ((globalThis as unknown as W).__site3d), typed for the callbacks run in the page (no DOM lib here). */
interface W {
  __site3d?: {
    renderer: {
      stats: { frames: number; updates: number; labelFrames: number };
      workerMarkers: number;
      coveredLabels: number;
      labelsSettled: boolean;
      selectedId: string | null;
      autoRotating: boolean;
      camera: { position: { toArray(): number[] } };
      screenPoint(p: { e: number; n: number; u: number }): { x: number; y: number } | null;
      cameraPyramidPoint(id: string): { e: number; n: number; u: number } | null;
    };
    load(which: 'empty' | 'demo' | 'stress'): void;
  };
  location: { hash: string };
  requestAnimationFrame(cb: () => void): number;
}

let broker: MosquittoBroker;
let serve: ServeProcess;
let browser: Browser;
let device: MqttClient;
/** The English page the tests share, and the script errors it has thrown since it opened. */
let page: Page;
const pageErrors: string[] = [];

const CRANE_TOPIC = 'site/demo/crane/crane-1/telemetry';
const crane = (over: Record<string, number>) => ({ loadT: 2.4, ratedLoadT: 6, momentPct: 40, radiusM: 35, heightM: 30, slewDeg: 0, windMs: 3.2, tiltDeg: 0.1, ...over });

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--mqtt', broker.url]);
  device = await mqtt.connectAsync(broker.url, { clientId: 'site3d-test-crane' });
  browser = await launchBrowser({ webgl: true });
  page = await open3d('en-US', '#/site3d', pageErrors);
});
afterAll(async () => {
  await device?.endAsync();
  await browser?.close();
  await serve?.stop();
  await broker?.stop();
  removeTempDirs();
});

async function publishCrane(values: Record<string, number>): Promise<void> {
  await device.publishAsync(CRANE_TOPIC, JSON.stringify({ ts: new Date().toISOString(), ...crane(values) }), { qos: 1 });
}

async function open3d(locale = 'en-US', hash = '#/site3d', errors?: string[]): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  if (errors) page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, serve.url, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=site-name]');
  await page.evaluate((h) => ((globalThis as unknown as W).location.hash = h), hash);
  await page.waitForFunction(() => ((globalThis as unknown as W).__site3d?.renderer.stats.frames ?? 0) > 0);
  return page;
}

/** The 3D view's state while nothing moves it: no flight under way, labels laid out. */
const settled = (page: Page) => page.evaluate(() => (globalThis as unknown as W).__site3d?.renderer.labelsSettled ?? false);

/**
 * Back to where a freshly opened 3D view starts: the view shown (mounted again if a click left
 * it), nothing selected, the camera flown to the overview (the toolbar's button) and still.
 */
async function reset3d(page: Page): Promise<void> {
  // A minute without input starts the wall screens' slow turn, which would move every point a
  // test clicks: then a fresh view (another view first, so this one is mounted again).
  if (await page.evaluate(() => (globalThis as unknown as W).__site3d?.renderer.autoRotating ?? false)) {
    await page.evaluate(() => ((globalThis as unknown as W).location.hash = '#/alarms'));
    await page.waitForFunction(() => !(globalThis as unknown as W).__site3d);
  }
  await page.evaluate(() => ((globalThis as unknown as W).location.hash = '#/site3d'));
  await page.waitForFunction(() => ((globalThis as unknown as W).__site3d?.renderer.stats.frames ?? 0) > 0);
  await page.waitForFunction(() => (globalThis as unknown as W).__site3d!.renderer.selectedId === null);
  await page.click('[data-testid=site3d-view-overview]');
  await page.waitForFunction(() => (globalThis as unknown as W).__site3d!.renderer.labelsSettled, undefined, { timeout: 10_000 });
}

/** Pixels (RGB, 3 bytes each) that differ clearly between two captures of one region. */
function changedPixels(before: Buffer, after: Buffer): number {
  let changed = 0;
  for (let i = 0; i < before.length; i += 3) {
    if (Math.abs(before[i]! - after[i]!) + Math.abs(before[i + 1]! - after[i + 1]!) + Math.abs(before[i + 2]! - after[i + 2]!) > 60) changed++;
  }
  return changed;
}

async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** RGB pixels of a page region (CSS px). */
async function region(page: Page, clip: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  const png = await page.screenshot({ clip });
  return sharp(png).removeAlpha().raw().toBuffer();
}

/** Screen point of an ENU point through the page's 3D camera. */
function screenOf(page: Page, p: { e: number; n: number; u: number }) {
  return page.evaluate((q) => (globalThis as unknown as W).__site3d!.renderer.screenPoint(q), p);
}

/** Waits until the scene has drawn crane-1's latest reading (its label shows this moment). */
async function waitForMoment(page: Page, momentPct: number): Promise<void> {
  await expect
    .poll(() => page.locator('.s3d-label-crane').first().innerText(), { timeout: 10_000, interval: 100 })
    .toContain(`${momentPct.toFixed(1)} %`);
  // Let the frame that drew it land.
  await page.evaluate(() => new Promise<void>((r) => (globalThis as unknown as W).requestAnimationFrame(() => (globalThis as unknown as W).requestAnimationFrame(r))));
}

describe('3D site view', () => {
  it('draws the site: the canvas is not blank and the labels are there', async () => {
    // The shared page's errors since it opened (loading and first frames included).
    const errors = pageErrors;
    const box = (await page.locator('.s3d-canvas').boundingBox())!;
    const pixels = await region(page, { x: box.x, y: box.y, width: box.width, height: box.height });
    // Count distinct colours over a sample grid: a blank (clear-colour only) canvas has one.
    const colours = new Set<number>();
    const w = Math.floor(box.width);
    const h = Math.floor(box.height);
    for (let y = 0; y < h; y += 7) {
      for (let x = 0; x < w; x += 7) {
        const i = (y * w + x) * 3;
        colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
      }
    }
    expect(colours.size).toBeGreaterThan(20);
    expect(await page.locator('.s3d-label-crane').count()).toBe(2);
    expect(await page.locator('.s3d-label-building').count()).toBe(2);
    // Every label is translated text, never a raw key ('site3d.…').
    const texts = await page.locator('.s3d-label').allInnerTexts();
    expect(texts.filter((text) => /\bsite3d\./.test(text))).toEqual([]);
    // The demo plot is small enough for the fine grid, and the toolbar says its step.
    expect(await page.getByTestId('site3d-grid').innerText()).toBe('Grid 10 m');
    await shot(page, 'site3d-overview');
    expect(errors).toEqual([]);
  });

  it("moves crane-1's jib when a new slewDeg is published", async () => {
    await publishCrane({ slewDeg: 0, momentPct: 41.1 });
    await waitForMoment(page, 41.1);
    // The region both jib positions fall in: mast top, tips at 0° (north) and 90° (east).
    const top = { e: -22, n: 12, u: 62 };
    const corners = await Promise.all([top, { e: -22, n: 72, u: 62 }, { e: 38, n: 12, u: 62 }, { e: 38, n: 72, u: 62 }].map((p) => screenOf(page, p)));
    const xs = corners.map((c: { x: number } | null) => c!.x);
    const ys = corners.map((c: { y: number } | null) => c!.y);
    const clip = { x: Math.max(0, Math.min(...xs) - 10), y: Math.max(0, Math.min(...ys) - 10), width: Math.max(...xs) - Math.min(...xs) + 20, height: Math.max(...ys) - Math.min(...ys) + 20 };
    const before = await region(page, clip);
    await shot(page, 'site3d-jib-slew-0');
    await publishCrane({ slewDeg: 90, momentPct: 41.1 });
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.stats.updates), { timeout: 10_000 }).toBeGreaterThan(0);
    // A jib is ~1.5 m thick and 60 m long: hundreds of pixels leave one place and appear in another.
    // Polled until a frame drawn after the reading shows it (the label text does not change here).
    await expect.poll(async () => changedPixels(before, await region(page, clip)), { timeout: 10_000, interval: 250 }).toBeGreaterThan(300);
    await shot(page, 'site3d-jib-slew-90');
  });

  it('colours the hook by the moment band and says it in words', async () => {
    await publishCrane({ slewDeg: 30, momentPct: 104.2 });
    await waitForMoment(page, 104.2);
    const label = page.locator('.s3d-label-crane').first();
    expect(await label.innerText()).toContain('over rated');
    expect(await label.getAttribute('class')).toContain('s3d-alarm-high');
    await publishCrane({ slewDeg: 30, momentPct: 55.5 });
    await waitForMoment(page, 55.5);
    // The band is gone from the hook's words; the alarms it raised stay on the crane, in their
    // colour with shape and word, until acknowledged (site3d-alarm-colour.test.ts follows them to reset).
    expect(await label.innerText()).not.toContain('over rated');
    expect(await label.getAttribute('class')).toContain('s3d-alarm-open');
    expect(await label.innerText()).toMatch(/■ HIGH · unacknowledged/);
  });

  it('marks the panorama capture points and opens one when clicked', async () => {
    await reset3d(page);
    expect(await page.locator('.s3d-label-panorama').count()).toBe(3);
    // P1 of the demo site stands at (0, −22); click the middle of its post.
    const screen = await screenOf(page, { e: 0, n: -22, u: 0.8 });
    await page.mouse.click(screen!.x, screen!.y);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).location.hash)).toBe('#/panoramas/P1');
  });

  it('selects what is clicked in the merged batches: a dust monitor head, a crane mast', async () => {
    await reset3d(page);
    // crane-1's mast at (−22, 12), a third of the way up its tower.
    const mast = await screenOf(page, { e: -22, n: 12, u: 20 });
    await page.mouse.click(mast!.x, mast!.y);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).location.hash)).toBe('#/site3d/crane-1');
    // dust-1 stands at (95, 0): its head is 4.45 m up (post 4 m + half the 0.9 m head). Back at
    // the overview first: the flight to crane-1 may have taken dust-1 out of view.
    await reset3d(page);
    const head = await screenOf(page, { e: 95, n: 0, u: 4.45 });
    await page.mouse.click(head!.x, head!.y);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).location.hash)).toBe('#/site3d/dust-1');
  });

  it('keeps a busy site readable: no two shown labels overlap, workers all drawn, labels still while only pulses move', async () => {
    await reset3d(page);
    await page.evaluate(() => (globalThis as unknown as W).__site3d!.load('stress'));
    // Building the stress site takes seconds of SwiftShader on a loaded machine: poll, never a fixed wait.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.workerMarkers), { timeout: 30_000 }).toBe(2000);
    // Read the boxes when the label layer is laid out for what is shown (polled, never a fixed
    // sleep), in the same task as the check, so no frame can move a label between the two.
    type Read = { settled: boolean; covered: number; boxes: number[][] };
    const read = () =>
      page.evaluate<Read>(`(() => {
        const r = window.__site3d.renderer;
        const boxes = [...document.querySelectorAll('.s3d-label:not(.s3d-label-covered)')]
          .filter((e) => e.style.display !== 'none')
          .map((e) => e.getBoundingClientRect())
          .map((b) => [b.left, b.top, b.right, b.bottom]);
        return { settled: r.labelsSettled, covered: r.coveredLabels, boxes };
      })()`);
    let layout: Read = { settled: false, covered: 0, boxes: [] };
    // Twenty cranes' labels pile up at the overview: some give way, and the rest do not overlap.
    await expect.poll(async () => (layout = await read()).settled && layout.covered > 0, { timeout: 20_000 }).toBe(true);
    const { boxes } = layout;
    expect(boxes.length).toBeGreaterThan(3);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!, `labels ${i} and ${j} overlap`).toBe(false);
      }
    }
    // Unacknowledged alarms pulse every frame; the label layer is laid out only when data changes (1 Hz here).
    const before = await page.evaluate(() => ({ ...(globalThis as unknown as W).__site3d!.renderer.stats }));
    // At least 3 s and 20 frames (a loaded machine draws the stress site at a few frames a second).
    const stats = () => page.evaluate(() => ({ ...(globalThis as unknown as W).__site3d!.renderer.stats }));
    await page.waitForTimeout(3000);
    await expect.poll(async () => (await stats()).frames - before.frames, { timeout: 30_000 }).toBeGreaterThan(20);
    const after = await stats();
    const frames = after.frames - before.frames;
    const labelFrames = after.labelFrames - before.labelFrames;
    const updates = after.updates - before.updates;
    // Frames drawn for the pulse alone (no data change) leave the label layer as it was: it is laid
    // out only in frames that brought new data (at most a frame more each to settle). Counted
    // against the data frames, not the frame rate, which a loaded machine drags down to ~1 Hz
    // (where nearly every frame brings data and the two counts meet).
    expect(frames).toBeGreaterThan(20);
    expect(labelFrames).toBeLessThanOrEqual(updates + 2);
    await shot(page, 'site3d-stress');
    // The demo site again for the tests after this one (the overview camera with it).
    await page.evaluate(() => (globalThis as unknown as W).__site3d!.load('demo'));
  });

  it("opens a camera's video when its view cone is clicked", async () => {
    await reset3d(page);
    const point = await page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.cameraPyramidPoint('cam-east-gate'));
    const screen = await screenOf(page, point!);
    await page.mouse.click(screen!.x, screen!.y);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).location.hash)).toBe('#/cameras/camera%3Acam-east-gate');
    // The wall opens that camera alone, on its main stream.
    await page.waitForSelector('[data-testid=single-view]');
    // Back to the 3D view, so the camera's video stops.
    await reset3d(page);
  });

  it('#/site3d/crane-1 selects crane-1 and flies to it', async () => {
    // The console in Chinese, switched as an operator does (the top bar's language menu).
    await reset3d(page);
    await page.selectOption('.language-switch select', 'zh-CN');
    await publishCrane({ slewDeg: 45, momentPct: 92.5 });
    await waitForMoment(page, 92.5);
    const far = await page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.camera.position.toArray());
    await page.evaluate(() => ((globalThis as unknown as W).location.hash = '#/site3d/crane-1'));
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.selectedId)).toBe('crane-1');
    // The flight (0.9 s) is over when the view is still again.
    await expect.poll(() => settled(page), { timeout: 10_000 }).toBe(true);
    const near = await page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.camera.position.toArray());
    // Flew: the camera is now close to crane-1's mast (x = e = −22, z = −n = −12).
    const dist = (p: number[]) => Math.hypot(p[0]! + 22, p[2]! + 12);
    expect(dist(near)).toBeLessThan(dist(far));
    expect(dist(near)).toBeLessThan(150);
    expect(await page.locator('[data-testid=site3d-selected]').innerText()).toContain('1# 塔吊');
    const label = page.locator('.s3d-label-crane').first();
    expect(await label.getAttribute('class')).toContain('s3d-selected');
    expect(await label.innerText()).toContain('预警');
    await shot(page, 'site3d-crane-1-selected');
    await page.context().close();
  });
});
