import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enuToBearingPitch } from '../../electron/common/panorama/equirect.js';
import { projectToScreen } from '../../electron/common/panorama/view-math.js';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The demo site seeds five synthetic panoramas (resources/demo-site/panoramas) on first start.
// P1's marks are known: red at (1.5, 3.5) m and blue at (−2.5, 4.5) m from the camera's foot, camera 1.6 m up.
const CAMERA_HEIGHT = 1.6;
const RED = { e: 1.5, n: 3.5 };
const BLUE = { e: -2.5, n: 4.5 };
const TRUE_DISTANCE = Math.hypot(RED.e - BLUE.e, RED.n - BLUE.n);

let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate']);
  const token = await login(serve.url);
  // Wait for the seed to be ingested (5 files, a few hundred ms each).
  for (let i = 0; i < 100; i++) {
    const { body } = await getJson<unknown[]>(`${serve.url}/api/panorama-captures`, token);
    if (body.length === 5) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await launchBrowser({ webgl: true }); // the panorama viewer draws with three.js (WebGL)
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

async function viewOf(page: Page, testId: string) {
  const el = page.locator(`[data-testid=${testId}]`);
  const [bearingDeg, pitchDeg, fovDeg] = (await el.getAttribute('data-view'))!.split(',').map(Number) as [number, number, number];
  const box = (await el.boundingBox())!;
  return { view: { bearingDeg, pitchDeg, fovDeg }, box };
}

describe('panoramas view', () => {
  it('opens a point, shows a first view quickly, and measures a known floor distance by clicking two marks', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid=site-name]');
    await page.goto(`${serve.url}/#/panoramas/P1`);
    const viewer = page.locator('[data-testid=pano-viewer-left]');
    await expect.poll(() => viewer.getAttribute('data-first-view-ms'), { timeout: 10_000 }).toMatch(/^\d+$/);
    const firstViewMs = Number(await viewer.getAttribute('data-first-view-ms'));
    console.log(`[panorama] first view of a 2048×1024 capture: ${firstViewMs} ms`);
    expect(firstViewMs).toBeLessThan(1000);
    expect(await page.locator('[data-testid=pano-timeline] li').count()).toBe(2);

    // Turn to face north (drag right) so both marks are on screen; then read the exact view back.
    const { box } = await viewOf(page, 'pano-viewer-left');
    const start = await viewOf(page, 'pano-viewer-left');
    const dx = (start.view.bearingDeg * box.height) / start.view.fovDeg;
    await page.mouse.move(box.x + box.width / 2 - dx / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + dx / 2, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    const { view } = await viewOf(page, 'pano-viewer-left');
    expect(Math.abs(view.bearingDeg > 180 ? view.bearingDeg - 360 : view.bearingDeg)).toBeLessThan(3);

    // Facing north, the hotspot to P2 (8 m east, 52 m north of P1 in the demo site) stands just
    // right of centre, where the view maths puts its bearing, 8 degrees below the horizon.
    const towardP2 = enuToBearingPitch({ e: 8, n: 52, u: 0 });
    const expected = projectToScreen(towardP2.bearingDeg, -8, view, box.width, box.height)!;
    expect(expected).not.toBeNull();
    const hotspot = page.locator('[data-testid=pano-viewer-left] [data-testid=hotspot-P2]');
    await expect.poll(() => hotspot.count()).toBe(1);
    const spot = (await hotspot.boundingBox())!;
    expect(Math.abs(spot.x + spot.width / 2 - (box.x + expected.x))).toBeLessThan(spot.width / 2 + 4);
    expect(spot.x + spot.width / 2).toBeGreaterThan(box.x + box.width / 2);

    await page.click('[data-testid=tool-distance]');
    for (const mark of [RED, BLUE]) {
      const d = enuToBearingPitch({ e: mark.e, n: mark.n, u: -CAMERA_HEIGHT });
      const at = projectToScreen(d.bearingDeg, d.pitchDeg, view, box.width, box.height)!;
      expect(at).not.toBeNull();
      await page.mouse.click(box.x + at.x, box.y + at.y);
    }
    const result = page.locator('[data-testid=measure-result]');
    await expect.poll(() => result.innerText()).toMatch(/Distance: [\d.]+ m ± [\d.]+ m/);
    const [value, uncertainty] = /([\d.]+) m ± ([\d.]+) m/.exec(await result.innerText())!.slice(1).map(Number) as [number, number];
    console.log(`[panorama] e2e distance: true ${TRUE_DISTANCE.toFixed(3)} m, measured ${value} ± ${uncertainty} m`);
    expect(Math.abs(value - TRUE_DISTANCE) / TRUE_DISTANCE).toBeLessThan(0.02);
    await expect.poll(() => page.locator('[data-testid=pano-measurements] li').count()).toBe(1);
    await screenshot(page, 'panoramas-measure');

    // Pin a safety issue on the earlier capture; it shows on the later capture of the same point too.
    await page.click('[data-testid=pano-timeline] li:first-child button');
    await expect.poll(() => viewer.getAttribute('data-first-view-ms'), { timeout: 10_000 }).toMatch(/^\d+$/);
    await page.click('[data-testid=tool-issue]');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.fill('.pano-issue-form input >> nth=0', 'Edge protection missing');
    await page.fill('.pano-issue-form input >> nth=1', 'wang.fang');
    await page.click('.pano-issue-form button[type=submit]');
    await expect.poll(() => page.locator('[data-testid=pano-issues] li').innerText()).toContain('Edge protection missing → wang.fang');
    await page.click('[data-testid=pano-timeline] li:last-child button');
    await expect.poll(() => page.locator('[data-testid=pano-viewer-left] .pano-pin').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('compares two dates side by side with one view, and swipes between them', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid=site-name]');
    await page.goto(`${serve.url}/#/panoramas/P2`);
    await page.click('[data-testid=mode-compare]');
    const left = page.locator('[data-testid=pano-viewer-left]');
    const right = page.locator('[data-testid=pano-viewer-right]');
    await expect.poll(() => right.getAttribute('data-first-view-ms'), { timeout: 10_000 }).toMatch(/^\d+$/);
    expect(await left.getAttribute('data-capture')).not.toBe(await right.getAttribute('data-capture'));
    // Zoom and turn on the left: the right follows.
    const box = (await left.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => left.getAttribute('data-view')).not.toBe('0.0000,-30.0000,75.0000');
    expect(await right.getAttribute('data-view')).toBe(await left.getAttribute('data-view'));
    await screenshot(page, 'panoramas-compare');
    await page.click('[data-testid=mode-swipe]');
    await page.waitForSelector('[data-testid=swipe-slider]');
    // Swipe overlays the two dates in one box that stays inside the window.
    const [a, b] = [(await left.boundingBox())!, (await right.boundingBox())!];
    expect(Math.abs(a.x - b.x) + Math.abs(a.width - b.width) + Math.abs(a.height - b.height)).toBeLessThan(2);
    expect(a.y + a.height).toBeLessThanOrEqual(1000);
    await page.locator('[data-testid=swipe-slider]').fill('30');
    await screenshot(page, 'panoramas-swipe');
    await context.close();
  });
});
