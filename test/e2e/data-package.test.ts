import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../electron/core/data-package/byte-source.js';
import { verifyPackage } from '../../electron/core/data-package/verify-package.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The admin's data-package workflow in the console (demo simulator): read the site key's
// fingerprint, make today's package, watch it finish, download it, and it verifies with that key.
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

describe('data packages in the reports view', () => {
  it('shows the site key, makes today’s package, downloads it, and it verifies with the shown fingerprint', async () => {
    await page.goto(`${serve.url}/#/reports`);
    const fingerprint = (await page.locator('[data-testid=site-key-fingerprint]').textContent({ timeout: 10_000 }))!;
    expect(fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    await page.fill('[data-testid=package-from]', today);
    await page.fill('[data-testid=package-to]', today);
    await page.click('[data-testid=package-make]');
    const row = page.locator('[data-testid=package-row]').first();
    await page.waitForSelector('[data-testid=package-row][data-state=done]', { timeout: 30_000 });
    expect(await row.textContent()).toContain(today);
    await screenshot(page, 'data-packages');
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-testid=download-package]').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`-${today}_${today}-[0-9a-f]{12}\\.tar$`));
    const v = verifyPackage(bufferSource(readFileSync(await download.path())), { fingerprint });
    expect(v.problems).toEqual([]);
    expect(v.key).toBe('fingerprint');
    // A mistake is said in the form, not thrown away: a period over a month.
    await page.fill('[data-testid=package-from]', '2025-01-01');
    await page.fill('[data-testid=package-to]', '2025-03-31');
    await page.click('[data-testid=package-make]');
    expect(await page.locator('[data-testid=package-error]').textContent()).toContain('31');
    expect(errors).toEqual([]);
  });
});
