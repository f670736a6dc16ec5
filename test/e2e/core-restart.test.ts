import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../electron/common/api.js';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, getJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/** These tests kill the core child and measure the supervisor's restart: with its warm spare, as installed. */
const WITH_SPARE = { SITE_COMMAND_TEST_NO_WARM_SPARE: '0' };

let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir()], WITH_SPARE);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

/** currentTime of the first camera tile's <video> (this tsconfig has no DOM types). */
const tileTime = (page: Page) => page.locator('[data-testid=tile-0] video').evaluate((v) => (v as unknown as { currentTime: number }).currentTime);

describe('the console after the core dies', () => {
  it('reconnects by itself, says the core restarted, and the video tiles play again', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await expect.poll(() => page.locator('[data-testid=live-link]').getAttribute('class'), { timeout: 15_000 }).toContain('link-live');
    await page.evaluate(() => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/cameras'));
    await expect.poll(() => tileTime(page), { timeout: 20_000, interval: 200 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=core-restarted]').count()).toBe(0);

    const { pid } = (await getJson<HealthReport>(`${serve.url}/api/health`)).body;
    process.kill(pid!, 'SIGKILL');

    await page.locator('[data-testid=core-restarted]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=core-restarted]').innerText()).toContain('核心已重启');
    await expect.poll(() => page.locator('[data-testid=live-link]').getAttribute('class')).toContain('link-live');
    // Still logged in (no login form), and the tile's video advances again.
    expect(await page.locator('input[type=password]').count()).toBe(0);
    const after = await tileTime(page).catch(() => 0);
    await expect.poll(() => tileTime(page).catch(() => 0), { timeout: 30_000, interval: 250 }).toBeGreaterThan(after);
    await screenshot(page, 'core-restarted');
    await context.close();
  });
});
