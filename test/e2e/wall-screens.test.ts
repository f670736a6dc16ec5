import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../electron/common/api.js';
import { WALL_MIN_TEXT_FRACTION } from '../../electron/common/screens.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launchBrowser } from '../helpers/browser.js';
import { ADMIN_PASSWORD, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The wall as the control room runs it: the demo (simulator on), the default screen opened by URL
// in a browser at 1080 p and at 4K. Every panel shows live data, none overlaps or overflows, all
// text is at least 1/90 of the screen's height (legible from 3 m on a 65-inch 4K panel), and no
// internal key or address is on it. An admin edits a layout in the UI; another browser opens it by URL.
let serve: ServeProcess;
let browser: Browser;
/** One admin page for both sizes and the edit (a 4K SwiftShader page is costly to open twice). */
let page: Page;

/** What must never be on a wall screen (as test/e2e/operator-language.test.ts scans the views). */
const INTERNALS: Array<[string, RegExp]> = [
  ['a condition key', /\b\w+-\d+:\w+:\w+/],
  ['an anti-collision key', /\w+-\d+~\w+-\d+:/],
  ['an MQTT URL', /mqtts?:\/\//i],
  ['an IP address', /\b\d{1,3}(\.\d{1,3}){3}\b/],
  ['localhost', /localhost/i],
  ['a port', /:\d{4,5}\b/],
];

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-incidents']);
  const admin = await login(serve.url);
  const created = await fetch(`${serve.url}/api/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
    body: JSON.stringify({ username: 'wallop', password: 'operator-password', role: 'operator' }),
  });
  expect(created.status).toBe(200);
  browser = await launchBrowser({ webgl: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  page = await openWall(1920, 1080, 'default');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

async function openWall(width: number, height: number, name: string, user: { username: string; password: string } = { username: 'admin', password: ADMIN_PASSWORD }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(serve.url);
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', user.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('header.top-bar', { timeout: 15_000 });
  await page.goto(`${serve.url}/#/screen/${name}`);
  await page.waitForSelector('[data-testid=screen-view] .wall-panel');
  return page;
}

/** Boxes, overflow and the smallest text of the screen, measured in the page. */
interface Measured {
  panels: { id: string; x: number; y: number; w: number; h: number; overflowY: number; overflowX: number }[];
  smallest: { size: number; text: string };
  chrome: number;
  text: string;
}

/** Boxes, overflow and the smallest text of the screen, measured in the page (a string: this file is typed for Node, not the DOM). */
function measure(page: Page): Promise<Measured> {
  return page.evaluate<Measured>(`(() => {
    const panels = [...document.querySelectorAll('.wall-panel')].map((panel) => {
      const r = panel.getBoundingClientRect();
      const body = panel.querySelector('.wall-panel-body');
      return { id: panel.dataset.testid, x: r.x, y: r.y, w: r.width, h: r.height, overflowY: body.scrollHeight - body.clientHeight, overflowX: body.scrollWidth - body.clientWidth };
    });
    let smallest = { size: Infinity, text: '' };
    const walker = document.createTreeWalker(document.querySelector('.wall'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const element = node.parentElement;
      if (!text || !element) continue;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0) continue;
      const size = parseFloat(style.fontSize);
      if (size < smallest.size) smallest = { size, text };
    }
    return { panels, smallest, chrome: document.querySelectorAll('header.top-bar, nav.nav-tabs, .alarm-banner').length, text: document.body.innerText };
  })()`);
}

describe.each([
  [1920, 1080],
  [3840, 2160],
])('the default wall at %i × %i', (width, height) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height });
  });

  it('shows every panel with live data, no chrome', async () => {
    // Live figures: a crane's moment, the hoist's floor, dust values, the headcount, the KPIs.
    await expect.poll(() => page.locator('[data-testid=wall-device-crane-1] [data-field=momentPct] dd').innerText(), { timeout: 20_000 }).toMatch(/^\d+\.\d %$/);
    await expect.poll(() => page.locator('[data-testid^=wall-device-hoist] [data-field=floor] dd').first().innerText(), { timeout: 10_000 }).toMatch(/^\d+$/);
    await expect.poll(() => page.locator('[data-testid^=wall-env-] dd').first().innerText(), { timeout: 10_000 }).toMatch(/^\d+ µg\/m³/);
    await expect.poll(() => page.locator('[data-testid=wall-headcount-total] .wall-big-number').innerText(), { timeout: 20_000 }).toMatch(/^[1-9]\d*$/);
    await expect.poll(() => page.locator('.wall-kpis dd').first().innerText(), { timeout: 10_000 }).toMatch(/^\d+/);
    await expect.poll(() => page.locator('[data-testid=wall-alarm-rows] li, [data-testid=wall-alarms-none]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=wall-cameras] [data-testid^=tile-]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await expect.poll(() => page.locator('[data-testid=wall-site3d] canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=wall-site3d] .s3d-label').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    // The map: the globe drawn in its box, without the desk view's project tree beside it.
    await expect.poll(() => page.locator('[data-testid=wall-map] canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=wall-map] [data-testid=gis-sites]').isVisible()).toBe(false);
    const kinds = await page.locator('.wall-panel').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')).sort());
    expect(kinds).toEqual(['alarm-kpis', 'alarms', 'cameras', 'cranes', 'environment', 'headcount', 'hoists', 'map', 'site3d']);
    const { chrome } = await measure(page);
    expect(chrome).toBe(0);
  });

  it('no panel overlaps another or leaves the screen; none overflows its box', async () => {
    const { panels } = await measure(page);
    for (const p of panels) {
      expect(p.x, p.id).toBeGreaterThanOrEqual(0);
      expect(p.y, p.id).toBeGreaterThanOrEqual(0);
      expect(p.x + p.w, p.id).toBeLessThanOrEqual(width + 0.5);
      expect(p.y + p.h, p.id).toBeLessThanOrEqual(height + 0.5);
      expect(p.overflowY, `${p.id} content taller than its box`).toBeLessThanOrEqual(1);
      expect(p.overflowX, `${p.id} content wider than its box`).toBeLessThanOrEqual(1);
    }
    for (const [i, a] of panels.entries()) {
      for (const b of panels.slice(i + 1)) {
        const overlap = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.5;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    // The panels cover most of the screen (a wall wastes no space).
    expect(panels.reduce((sum, p) => sum + p.w * p.h, 0) / (width * height)).toBeGreaterThan(0.9);
  });

  it(`all text is at least 1/90 of the screen height (${Math.ceil(height * WALL_MIN_TEXT_FRACTION)} px here)`, async () => {
    const { smallest } = await measure(page);
    expect(smallest.size, `smallest text: "${smallest.text}"`).toBeGreaterThanOrEqual(height * WALL_MIN_TEXT_FRACTION);
  });

  it('shows no condition key, URL, address or port', async () => {
    const { text } = await measure(page);
    const found = INTERNALS.filter(([, pattern]) => pattern.test(text)).map(([what, pattern]) => `${what}: "${pattern.exec(text)![0]}"`);
    // Screenshots of a SwiftShader 4K page take many seconds on CI: only when something is wrong.
    if (found.length) await page.screenshot({ path: join(ARTIFACTS, `wall-default-${width}x${height}.png`) });
    expect(found).toEqual([]);
  });
});

describe('editing a layout', () => {
  it('an admin removes, drags and sets options, saves as a new screen; another browser opens it by URL without edit controls', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.click('[data-testid=wall-edit]');
    await page.waitForSelector('[data-testid=wall-editor]');
    await page.click('[data-testid=wall-remove-headcount]');
    await page.waitForSelector('[data-testid=wall-edit-headcount]', { state: 'detached' });
    // Drag the KPI panel by its title three rows up, into the place the headcount left.
    const handle = page.locator('[data-testid=wall-edit-alarm-kpis] .wall-edit-handle');
    // Measure where the panel rests: the grid moves panels with CSS transitions after the removal.
    await page.waitForTimeout(400);
    const box = (await handle.boundingBox())!;
    const rowPx = (1080 - 3.2 * 20) / 12;
    await page.mouse.move(box.x + 40, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 45, box.y + box.height / 2 - 5, { steps: 3 });
    await page.mouse.move(box.x + 40, box.y + box.height / 2 - 3 * rowPx, { steps: 12 });
    await page.mouse.up();
    // The grid settles the panel with a CSS transition: give a loaded machine time to finish it.
    await expect.poll(async () => ((await handle.boundingBox())?.y ?? 0) < box.y - 2 * rowPx, { timeout: 10_000 }).toBe(true);
    await page.fill('[data-testid=wall-rows-alarms]', '4');
    await page.fill('[data-testid=wall-title]', '大厅屏');
    await page.fill('[data-testid=wall-new-name]', 'lobby');
    await page.click('[data-testid=wall-save-as]');
    await page.waitForURL(/#\/screen\/lobby$/);
    await page.waitForSelector('[data-testid=wall-panel-alarm-kpis]');

    const other = await openWall(1920, 1080, 'lobby', { username: 'wallop', password: 'operator-password' });
    await other.mouse.move(200, 200);
    const kinds = await other.locator('.wall-panel').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).not.toContain('headcount');
    expect(kinds).toHaveLength(8);
    const token = await other.evaluate<string>(`JSON.parse(sessionStorage.getItem('site-command.session') ?? '{}').token`);
    const saved = (await (await fetch(`${serve.url}/api/screens/lobby`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Screen;
    expect(saved).toMatchObject({ title: '大厅屏', version: 1, updatedBy: 'admin' });
    const kpis = saved.panels.find((p) => p.id === 'alarm-kpis');
    expect([kpis?.x, kpis?.y]).toEqual([18, 0]);
    expect(saved.panels.find((p) => p.id === 'alarms')?.options).toEqual({ maxRows: 4 });
    // An operator sees the screen, never the edit controls.
    expect(await other.locator('[data-testid=wall-fullscreen]').count()).toBe(1);
    expect(await other.locator('[data-testid=wall-edit]').count()).toBe(0);
    await other.context().close();
  }, 120_000);
});
