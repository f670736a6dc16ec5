import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, siteDayOf } from '../../electron/common/progress.js';
import { ARTIFACTS, launchBrowser, logIn } from '../helpers/browser.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// A floor completion entered in #/progress: tower B is 5 days late (its floor 5 was due five days
// ago), the manager records floor 5 done today, the delay and the curve follow, and in the 3D view
// with the progress layer on, B's block turns from the delayed violet to the on-time green (read
// from the pixels of its screen region). Dates are relative to today so the test never goes stale.

interface W {
  __site3d?: { renderer: { screenPoint(p: { e: number; n: number; u: number }): { x: number; y: number } | null } };
  location: { hash: string };
}

const today = siteDayOf(Date.now(), 'Asia/Shanghai');
const B_FOOTPRINT = [
  { e: 30, n: -20 },
  { e: 62, n: -20 },
  { e: 62, n: 6 },
  { e: 30, n: 6 },
];

let serve: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const site = writeSiteFile({
    id: 'progress-e2e',
    name: 'Progress e2e',
    timeZone: 'Asia/Shanghai',
    model: {
      buildings: [
        { id: 'A', name: 'A栋', footprint: B_FOOTPRINT.map((p) => ({ e: p.e - 50, n: p.n + 40 })), plannedFloors: 20, completedFloors: 10 },
        { id: 'B', name: 'B栋', footprint: B_FOOTPRINT, plannedFloors: 18, completedFloors: 4 },
      ],
    },
    progress: {
      projectStart: addDays(today, -200),
      buildings: [
        // A: floors 1–10 done on their days, floor 11 due in a week: on time.
        { building: 'A', floorCycle: { first: addDays(today, -63), days: 7 }, floors: Array.from({ length: 10 }, (_, i) => ({ floor: i + 1, completed: addDays(today, -63 + i * 7) })), milestones: [] },
        // B: floors 1–4 done, floor 5 due five days ago: 5 days late.
        { building: 'B', floorCycle: { first: addDays(today, -45), days: 10 }, floors: Array.from({ length: 4 }, (_, i) => ({ floor: i + 1, completed: addDays(today, -45 + i * 10) })), milestones: [] },
      ],
    },
  });
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', site, '--no-simulate']);
  browser = await launchBrowser({ webgl: true });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  await logIn(page, serve.url, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=site-name]');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

async function shot(name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Pixels in B's screen region (its first 5 floors) that read violet (delayed) and green (on time). */
async function bColours(): Promise<{ violet: number; green: number }> {
  const corners = await Promise.all(
    B_FOOTPRINT.flatMap((p) => [1, 14].map((u) => page.evaluate((q) => (globalThis as unknown as W).__site3d!.renderer.screenPoint(q), { ...p, u }))),
  );
  const xs = corners.map((c) => c!.x);
  const ys = corners.map((c) => c!.y);
  const clip = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  const rgb = await sharp(await page.screenshot({ clip })).removeAlpha().raw().toBuffer();
  let violet = 0;
  let green = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
    if (b > g + 25 && r > g + 10) violet++;
    else if (g > r + 15 && g > b + 5) green++;
  }
  return { violet, green };
}

const go = (hash: string) => page.evaluate((h) => ((globalThis as unknown as W).location.hash = h), hash);

describe('progress: a floor completion entered in the UI', () => {
  it('updates the delay and the curve, and recolours tower B in 3D', async () => {
    await go('#/site3d');
    await page.waitForFunction(() => (globalThis as unknown as W).__site3d !== undefined);
    await page.getByTestId('site3d-layer-progress').check();
    await expect.poll(async () => (await bColours()).violet, { timeout: 15_000 }).toBeGreaterThan(300);
    const before = await bColours();
    await expect(page.getByTestId('progress-legend').innerText()).resolves.toContain('严重滞后');
    await shot('progress-3d-delayed-1920');

    await go('#/progress/B');
    const delay = page.getByTestId('progress-detail-delay');
    await expect.poll(() => delay.innerText()).toContain('滞后 · 5 天');
    await expect(page.getByTestId('progress-project-delay').innerText()).resolves.toContain('滞后 · 5 天');
    // The curve: planned (18 floors) and actual (4, then flat to today).
    await expect.poll(() => page.locator('[data-testid=progress-curve] svg path').count()).toBeGreaterThan(3);
    await expect(page.getByTestId('progress-complete-floor').inputValue()).resolves.toBe('5');
    await expect(page.getByTestId('progress-complete-day').inputValue()).resolves.toBe(today);
    await page.getByTestId('progress-complete-save').click();
    await expect.poll(() => delay.innerText()).toBe('● 按期');
    await expect(page.getByTestId('progress-building-summary').innerText()).resolves.toContain('已完成 5 / 18 层');
    await expect(page.getByTestId('progress-floor-5').innerText()).resolves.toContain(today);
    await expect(page.getByTestId('progress-changes').innerText()).resolves.toContain('admin');
    await shot('progress-view-1920');

    // A day in the future is refused by the form itself (the core refuses it too: integration test).
    await page.getByTestId('progress-complete-day').fill(addDays(today, 3));
    await expect(page.locator('[data-testid=progress-complete-day]:invalid').count()).resolves.toBe(1);

    await go('#/site3d');
    await page.waitForFunction(() => (globalThis as unknown as W).__site3d !== undefined);
    await expect(page.getByTestId('site3d-layer-progress').isChecked()).resolves.toBe(true);
    await expect.poll(async () => (await bColours()).green, { timeout: 15_000 }).toBeGreaterThan(before.green + 300);
    const after = await bColours();
    expect(after.violet).toBeLessThan(before.violet / 4);
    await shot('progress-3d-on-time-1920');
  });
});
