import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The device detail (level 3) against the built core and a real mosquitto: open a crane from the
// overview, switch hour/day, zoom by dragging, rename it as admin and see the overview follow;
// blacklist a supplier and see the mark.
let broker: MosquittoBroker;
let serve: ServeProcess;
let browser: Browser;
let device: MqttClient;
let page: Page;
const errors: string[] = [];

const crane = (ts: number, momentPct: number) => ({ ts, loadT: momentPct / 12.5, ratedLoadT: 8, momentPct, radiusM: 20, heightM: 30, slewDeg: 90, windMs: 4 + (momentPct % 5), tiltDeg: 0.1 });

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--mqtt', broker.url, '--no-simulate']);
  await serve.waitFor(/connected to broker/);
  device = await mqtt.connectAsync(broker.url, { clientId: 'devices-ui-test' });
  // History: a day and a half, every 3 min, then the last hour every 15 s (readings carry device time).
  const now = Date.now();
  const publishes: Promise<unknown>[] = [];
  for (let t = now - 36 * 3600_000; t < now - 3600_000; t += 180_000) {
    const m = 55 + 30 * Math.sin(t / 3_600_000);
    publishes.push(device.publishAsync('site/demo/crane/crane-1/telemetry', JSON.stringify(crane(t, Math.round(m * 10) / 10)), { qos: 1 }));
  }
  for (let t = now - 3600_000; t <= now; t += 15_000) {
    const m = 70 + 25 * Math.sin(t / 600_000) + (t % 7);
    publishes.push(device.publishAsync('site/demo/crane/crane-1/telemetry', JSON.stringify(crane(t, Math.round(m * 10) / 10)), { qos: 1 }));
    publishes.push(device.publishAsync('site/demo/dust/dust-1/telemetry', JSON.stringify({ ts: t, pm10: 60 + 40 * Math.abs(Math.sin(t / 900_000)), pm25: 30, noiseDb: 62 }), { qos: 1 }));
  }
  await Promise.all(publishes);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'en', viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(serve.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=live-link].link-live');
});

afterAll(async () => {
  await browser?.close();
  await device?.endAsync();
  await serve?.stop();
  await broker?.stop();
  removeTempDirs();
});

const chart = () => page.locator('[data-testid=history-momentPct]');
const windowOf = async () => ({ from: Number(await chart().getAttribute('data-from')), to: Number(await chart().getAttribute('data-to')), points: Number(await chart().getAttribute('data-points')) });

describe('device detail', () => {
  it('opens from the overview, switches hour/day, zooms by drag, and shows the moment limits', async () => {
    // The first pointer press on a page unlocks the alarm horn and removes the banner's "click to
    // enable sound" line, which shifts the page up under the pointer: press once on a neutral spot first.
    await page.mouse.click(5, 400);
    await page.locator('[data-testid=device-crane-1] h3 a').click();
    await page.waitForSelector('[data-testid=device-detail]');
    expect(page.url()).toMatch(/#\/devices\/crane-1$/);
    await expect.poll(async () => (await windowOf()).points, { timeout: 15_000 }).toBeGreaterThan(50);
    const hour = await windowOf();
    expect(hour.to - hour.from).toBe(3600_000);
    expect(await chart().locator('[data-testid=history-limit]').count()).toBe(3);
    await expect.poll(() => chart().locator('figcaption').innerText()).toMatch(/110 % cut-off/);
    await screenshot(page, 'devices-detail-hour');

    await page.click('[data-testid=range-day]');
    await expect.poll(async () => (await windowOf()).to - (await windowOf()).from).toBe(86_400_000);
    await expect.poll(async () => (await windowOf()).points, { timeout: 15_000 }).toBeGreaterThan(100);
    const day = await windowOf();
    const bandDay = await chart().locator('[data-testid=history-band]').getAttribute('d');
    await screenshot(page, 'devices-detail-day');

    // Drag across the middle fifth of the chart: the window narrows to that time and is re-queried.
    const box = (await chart().locator('svg').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=zoom-state]');
    await expect.poll(async () => (await windowOf()).to - (await windowOf()).from).toBeLessThan(0.25 * 86_400_000);
    const zoomed = await windowOf();
    expect(zoomed.from).toBeGreaterThan(day.from);
    expect(zoomed.to).toBeLessThan(day.to);
    await expect.poll(async () => chart().locator('[data-testid=history-band]').getAttribute('d')).not.toBe(bandDay);
    expect((await windowOf()).points).toBeGreaterThan(20);
    await screenshot(page, 'devices-detail-zoomed');
    await page.click('[data-testid=zoom-back]');
    await expect.poll(async () => (await windowOf()).to - (await windowOf()).from).toBe(86_400_000);
  });

  it('admin renames the crane; the overview shows the new name', async () => {
    await page.fill('#edit-name', '1# Tower crane (north)');
    await page.fill('#edit-calibratedOn', '2026-01-01');
    await page.click('[data-testid=edit-save]');
    // The core refuses a calibration before installation, and says so in words.
    await expect.poll(() => page.locator('[data-testid=edit-message]').innerText()).toMatch(/before it was installed on 2026-03-02/);
    await page.fill('#edit-calibratedOn', '2026-09-15');
    await page.click('[data-testid=edit-save]');
    await expect.poll(() => page.locator('[data-testid=edit-message]').innerText()).toMatch(/Saved/);
    await expect.poll(() => page.locator('[data-testid=detail-name]').innerText()).toBe('1# Tower crane (north)');
    await expect.poll(() => page.locator('[data-testid=change-log]').innerText()).toMatch(/admin/);
    await screenshot(page, 'devices-edit-saved');
    await page.click('[data-testid=nav-overview]');
    await expect.poll(() => page.locator('[data-testid=device-crane-1] h3').innerText()).toBe('1# Tower crane (north)');
    await expect.poll(() => page.locator('[data-testid=row-crane-1] td').first().innerText()).toBe('1# Tower crane (north)');
  });

  it('admin blacklists a supplier; its monitors are marked in the registry, overview and detail', async () => {
    await page.click('[data-testid=nav-devices]');
    await page.fill('.blacklist-form input[name=supplier]', 'demo environmental instruments');
    await page.fill('.blacklist-form input[name=reason]', 'Not on the provincial approved list (test)');
    await page.click('.blacklist-form button[type=submit]');
    await page.locator('[data-testid=registry-dust-1] [data-testid=blacklist-tag]').waitFor();
    await screenshot(page, 'devices-registry-blacklist');
    await page.locator('[data-testid=registry-dust-1] a').click();
    await page.waitForSelector('[data-testid=blacklist-banner]');
    await expect.poll(async () => Number(await page.locator('[data-testid=history-pm10]').getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(10);
    // The demo site's dust preset (liaoning-tsp-5min) draws one limit, on TSP's own axis.
    expect(await page.locator('[data-testid=history-tsp] [data-testid=history-limit]').count()).toBe(1);
    await screenshot(page, 'devices-detail-dust-blacklisted');
    expect(errors).toEqual([]);
  });
});
