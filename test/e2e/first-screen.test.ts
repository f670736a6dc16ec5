import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { screenStats } from '../helpers/screen-stats.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir()]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

async function newPage(locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1600, height: 1000 } });
  return context.newPage();
}

const craneValues = (page: Page) => page.locator('[data-testid=device-crane-1] .values').innerText();

describe('first screen (web console)', () => {
  it('logs in, shows the live demo site, and crane values change within 5 s', async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid=device-crane-1] .status-online');
    await expect.poll(() => page.locator('[data-testid=site-name]').innerText()).toContain('滨江中心项目');
    await expect.poll(() => page.locator('[data-testid=live-link]').getAttribute('class')).toContain('link-live');
    expect(await page.locator('[data-testid=live-link]').innerText()).toMatch(/^●\s*实时$/);
    await expect.poll(() => page.locator('[data-testid=source-mqtt]').innerText()).toContain('已连接');
    const before = await craneValues(page);
    await expect.poll(() => craneValues(page), { timeout: 5000, interval: 200 }).not.toBe(before);
    // Chinese by default for a Chinese locale, with units beside values.
    expect(await page.locator('#kind-crane').innerText()).toBe('塔吊');
    expect(await craneValues(page)).toMatch(/\d+\.\d %/);
    await screenshot(page, 'first-screen');
    const screen = await screenStats(page, 'main');
    expect(screen.ink).toBeGreaterThan(0.02);
    expect(screen.distinctColours).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the site clock in the site time zone, not the browser one', async () => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await logIn(page, serve.url, ADMIN_PASSWORD);
    const clock = page.locator('[data-testid=site-clock]');
    await clock.waitFor();
    const shown = await clock.innerText();
    const expected = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date());
    expect(shown).toContain(`${expected}:`);
    await context.close();
  });

  it('refuses a wrong password with a visible message', async () => {
    const page = await newPage('en-US');
    await logIn(page, serve.url, 'wrong-password');
    await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('wrong user name or password');
    expect(await page.locator('[data-testid=site-name]').count()).toBe(0);
    await page.context().close();
  });

  it('switches to English and remembers it', async () => {
    const page = await newPage();
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.waitForSelector('#kind-crane');
    await page.selectOption('.top-bar select', 'en');
    await expect.poll(() => page.locator('#kind-crane').innerText()).toBe('Tower crane');
    await page.reload();
    await expect.poll(() => page.locator('#kind-crane').innerText()).toBe('Tower crane');
    await page.context().close();
  });
});

describe('a broken site file', () => {
  it('starts anyway and shows the problem on screen', async () => {
    const siteDir = tempDir();
    writeFileSync(join(siteDir, 'site.json'), '{"id": "x", "name": "X", "devices": [{"id": "c1", "kind": "crane"}]}');
    const broken = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate']);
    const page = await newPage('en-US');
    await logIn(page, broken.url, ADMIN_PASSWORD);
    const banner = page.locator('[data-testid=config-problems]');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('devices.0.name');
    await screenshot(page, 'config-problems');
    // The banner is drawn (text on its own background), not an empty box.
    const shown = await screenStats(page, '[data-testid=config-problems]');
    expect(shown.height).toBeGreaterThan(20);
    expect(shown.ink).toBeGreaterThan(0.02);
    await page.context().close();
    await broken.stop();
  });
});
