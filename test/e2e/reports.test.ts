import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// Reports against the built core with the demo simulator: make today's daily report in the
// console, watch its progress, download the PDF and the XLSX.
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir()]);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
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
  await serve?.stop();
  removeTempDirs();
});

describe('reports view', () => {
  it('makes a daily report, shows its progress, and downloads PDF and XLSX', async () => {
    await page.goto(`${serve.url}/#/reports`);
    await page.waitForSelector('[data-testid=reports-view] form');
    await page.selectOption('[data-testid=report-kind]', 'daily');
    await page.fill('[data-testid=report-date]', today);
    await page.click('[data-testid=report-make]');
    // The new row shows its progress first (queued, gathering k/n or rendering), then done.
    const busy = page.locator('[data-testid=report-row][data-state=queued], [data-testid=report-row][data-state=gathering], [data-testid=report-row][data-state=rendering]').first();
    await busy.waitFor({ timeout: 10_000 });
    expect(await busy.locator('[data-testid=report-state]').textContent()).toMatch(/排队中|汇总数据|生成 PDF/);
    // The newest row is ours (the schedule may have made yesterday's report beside it).
    const row = page.locator('[data-testid=report-row]').first();
    await page.waitForSelector('tbody tr:first-child[data-testid=report-row][data-state=done]', { timeout: 60_000 });
    expect(await row.locator('td').nth(3).textContent()).toBe('admin');
    expect(await row.textContent()).toContain(today);
    await screenshot(page, 'reports-view');
    for (const [testId, magic] of [['download-pdf', '%PDF'], ['download-xlsx', 'PK']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), row.locator(`[data-testid=${testId}]`).click()]);
      expect(download.suggestedFilename()).toBe(`daily-${today}.${testId.slice(9)}`);
      const path = await download.path();
      expect(readFileSync(path).subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
    expect(errors).toEqual([]);
  });
});
