import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceView } from '../../electron/common/site.js';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// An admin moves dust-1 through the API while the 3D view is open: the view fetches the model
// again on the core's `siteModelChanged` and redraws in place — same page, same renderer, same
// camera — so a pick at the new place selects the monitor. WebGL runs in SwiftShader (no GPU).
// No simulator: nothing else changes the scene while the test looks at it.

type Enu = { e: number; n: number; u: number };

/** What the page exposes, typed for callbacks run in the page (no DOM lib here). */
interface W {
  __site3d?: {
    renderer: {
      stats: { frames: number; updates: number };
      selectedId: string | null;
      camera: { position: { toArray(): number[] } };
      screenPoint(p: Enu): { x: number; y: number } | null;
      pickAt(x: number, y: number): { kind: string; id: string } | null;
    };
  };
  /** Set by the test: a reload or a new renderer would lose it. */
  __marker?: string;
  location: { hash: string };
  requestAnimationFrame(cb: () => void): number;
}

let serve: ServeProcess;
let browser: Browser;
let admin: string;

/** dust-1's head: post 4 m, head centre 0.45 m above it (scene/extensions/devices.ts). */
const head = (p: { e: number; n: number }): Enu => ({ e: p.e, n: p.n, u: 4.45 });
const SITE_FILE_PLACE = { e: 95, n: 0 };
/** South-east of Tower B, where nothing else stands. */
const CORRECTED_PLACE = { e: 76, n: -26 };

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate']);
  admin = await login(serve.url);
  browser = await launchBrowser({ webgl: true });
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

async function moveDevice(id: string, body: Record<string, unknown>): Promise<DeviceView> {
  const response = await fetch(`${serve.url}/api/devices/${id}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as DeviceView;
}

async function open3d(hash = '#/site3d'): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await logIn(page, serve.url, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=site-name]');
  await page.evaluate((h) => ((globalThis as unknown as W).location.hash = h), hash);
  await page.waitForFunction(() => ((globalThis as unknown as W).__site3d?.renderer.stats.frames ?? 0) > 0);
  return page;
}

/** What a click at an ENU point would pick, through the page's camera (null off screen or on nothing). */
function pickAtPoint(page: Page, p: Enu) {
  return page.evaluate((q) => {
    const r = (globalThis as unknown as W).__site3d!.renderer;
    const s = r.screenPoint(q);
    return s ? r.pickAt(s.x, s.y) : null;
  }, p);
}

const cameraOf = (page: Page) => page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.camera.position.toArray());

/** Marks this page load and this renderer; both survive a redraw in place, neither a reload. */
async function mark(page: Page, marker: string): Promise<void> {
  await page.evaluate((m) => {
    const w = globalThis as unknown as W;
    w.__marker = m;
    (w.__site3d!.renderer as unknown as { __marker: string }).__marker = m;
  }, marker);
}
const marks = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as unknown as W;
    return [w.__marker ?? null, (w.__site3d?.renderer as unknown as { __marker?: string } | undefined)?.__marker ?? null];
  });

describe('3D view follows a device moved in the registry, without a reload', () => {
  it('redraws dust-1 at its corrected place: a pick there selects it; the camera stays put', async () => {
    const page = await open3d();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Let the overview settle (the first frames lay labels out), then note where the camera is.
    await page.waitForTimeout(500);
    expect(await pickAtPoint(page, head(SITE_FILE_PLACE))).toEqual({ kind: 'device', id: 'dust-1' });
    expect(await pickAtPoint(page, head(CORRECTED_PLACE))).toBeNull();
    const camera = await cameraOf(page);
    await mark(page, 'before-edit');

    const moved = await moveDevice('dust-1', { position: { ...CORRECTED_PLACE, u: 0 } });
    expect(moved.position).toEqual({ ...CORRECTED_PLACE, u: 0 });

    await expect.poll(() => pickAtPoint(page, head(CORRECTED_PLACE)), { timeout: 10_000, interval: 100 }).toEqual({ kind: 'device', id: 'dust-1' });
    // Gone from the old place (nothing else stands there).
    expect((await pickAtPoint(page, head(SITE_FILE_PLACE)))?.id).not.toBe('dust-1');
    // Same page, same renderer, same camera: redrawn in place, not reloaded or rebuilt from scratch.
    expect(await marks(page)).toEqual(['before-edit', 'before-edit']);
    const after = await cameraOf(page);
    after.forEach((v, i) => expect(v).toBeCloseTo(camera[i]!, 3));
    // Its label went with it: anchored above the new head, not the old one.
    const label = await page.locator('.s3d-label-device', { hasText: '东门扬尘监测' }).boundingBox();
    const anchor = await page.evaluate((q) => (globalThis as unknown as W).__site3d!.renderer.screenPoint(q), { ...CORRECTED_PLACE, u: 5.5 });
    expect(Math.abs(label!.x + label!.width / 2 - anchor!.x)).toBeLessThan(label!.width);

    // A real click there selects it.
    const screen = await page.evaluate((q) => (globalThis as unknown as W).__site3d!.renderer.screenPoint(q), head(CORRECTED_PLACE));
    await page.mouse.click(screen!.x, screen!.y);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).location.hash)).toBe('#/site3d/dust-1');
    await screenshot(page, 'site3d-moved-dust-1');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the selection and the camera when the selected device is renamed and moved again', async () => {
    const page = await open3d('#/site3d/dust-1');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.selectedId)).toBe('dust-1');
    // Let the flight to it end.
    await page.waitForTimeout(1500);
    const camera = await cameraOf(page);
    await mark(page, 'selected');

    await moveDevice('dust-1', { name: 'SE corner dust', position: { e: CORRECTED_PLACE.e + 3, n: CORRECTED_PLACE.n, u: 0 } });
    await expect.poll(() => page.getByTestId('site3d-selected').innerText(), { timeout: 10_000 }).toContain('SE corner dust');
    expect(await page.locator('.s3d-label-device.s3d-selected').innerText()).toContain('SE corner dust');
    expect(await page.evaluate(() => (globalThis as unknown as W).__site3d!.renderer.selectedId)).toBe('dust-1');
    expect(await marks(page)).toEqual(['selected', 'selected']);
    const after = await cameraOf(page);
    after.forEach((v, i) => expect(v).toBeCloseTo(camera[i]!, 3));
    expect(await pickAtPoint(page, head({ e: CORRECTED_PLACE.e + 3, n: CORRECTED_PLACE.n }))).toEqual({ kind: 'device', id: 'dust-1' });
    await page.context().close();
  });
});
