import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatTable } from '../../electron/common/statistics.js';
import { closeDatabase } from '../../electron/core/store/database.js';
import { siteLocal } from '../../electron/core/workforce/attendance-clock.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { seedBusySite } from '../helpers/busy-site.js';
import { ADMIN_PASSWORD, getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The statistics dashboard against a real core over a seeded busy day (cranes, alarms, dust,
// gate passages): a chart renders with data, its CSV export holds the API's numbers, and a bar
// drills down to the records behind it.
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let token: string;
const errors: string[] = [];
const today = siteLocal(Date.now(), 'Asia/Shanghai').day;

beforeAll(async () => {
  const data = tempDir();
  const facts = seedBusySite(data, { days: 1, endDay: today, seed: 11, alarms: 200, workers: 30 });
  closeDatabase(facts.db);
  serve = await ServeProcess.start(['--port', '0', '--data', data, '--no-simulate']);
  token = await login(serve.url);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(serve.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=live-link]');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

describe('statistics dashboard', () => {
  it('draws the crane chart with data and exports the API’s numbers as CSV', async () => {
    await page.goto(`${serve.url}/#/statistics/day`);
    const chart = page.locator('[data-testid=stat-chart-crane-use]');
    await chart.locator('svg path[fill="#c9ced3"]').first().waitFor({ state: 'attached', timeout: 20_000 });
    const api = await getJson<StatTable>(`${serve.url}/api/statistics/figures/crane-use?period=day`, token);
    expect(api.status).toBe(200);
    expect(api.body.rows.find((r) => r.key === 'crane-1')!.values.lifts).toBeGreaterThan(100);
    await expect.poll(() => chart.textContent()).toContain(api.body.rows[0]!.label);
    await screenshot(page, 'statistics-day');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=stat-export-csv-crane-use]')]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n').map((l) => l.split(','));
    const header = lines[0]!;
    for (const row of api.body.rows) {
      const line = lines.find((l) => l[0] === row.key)!;
      for (const column of api.body.columns) expect(Number(line[header.findIndex((h) => h.startsWith(column.label))])).toBe(row.values[column.key]);
    }
  });

  it('drills down from a bar to the lifts behind it', async () => {
    const chart = page.locator('[data-testid=stat-chart-crane-use]');
    // The first series (lifts) has the tallest bars: click the middle of the tallest path of its colour (the legend's icon is small).
    await chart.scrollIntoViewIfNeeded();
    const centre = await chart.evaluate((el) => {
      const boxes = [...el.querySelectorAll('svg path[fill="#c9ced3"]')].map((p) => p.getBoundingClientRect()).sort((a, b) => b.height - a.height);
      const box = boxes[0]!;
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    await page.mouse.click(centre.x, centre.y);
    const records = page.locator('[data-testid=stat-records]');
    await records.waitFor({ timeout: 10_000 });
    await expect.poll(() => records.locator('[data-testid=stat-record-row]').count(), { timeout: 10_000 }).toBeGreaterThan(100);
    await expect.poll(() => records.textContent()).toContain('op-A');
    await screenshot(page, 'statistics-drill');
    expect(errors).toEqual([]);
  });

  it('answers the records route and bad periods over HTTP', async () => {
    const overloads = await getJson<{ rows: Array<{ alarmId: string; operator: string | null }> }>(`${serve.url}/api/statistics/figures/crane-use/records?period=day&row=crane-1&column=overloads`, token);
    expect(overloads.status).toBe(200);
    expect(overloads.body.rows.length).toBeGreaterThan(0);
    expect(overloads.body.rows.every((r) => r.alarmId.startsWith('busy-'))).toBe(true);
    expect(overloads.body.rows.some((r) => r.operator === 'op-A' || r.operator === 'op-B')).toBe(true);
    const year = await getJson<{ code: string; error: string }>(`${serve.url}/api/statistics/figures/crane-use?period=year`, token);
    expect([year.status, year.body.code]).toEqual([400, 'bad-request']);
    const backwards = await getJson<{ error: string }>(`${serve.url}/api/statistics/figures/crane-use?period=range&from=2026-11-30&to=2026-11-01`, token);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatch(/after/);
    const unknown = await getJson<{ code: string }>(`${serve.url}/api/statistics/figures/crane-use/records?period=day&row=crane-9&column=lifts`, token);
    expect(unknown.status).toBe(404);
  });
});
