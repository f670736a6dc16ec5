import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { getJson, login, loginAs, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// A user changes their own password from the top bar: a wrong current password is said so, the
// new one works, the old one no longer does, and the user's other sessions end; this screen stays.
let serve: ServeProcess;
let browser: Browser;
const USER = 'wang.fang';
const OLD = 'old-pass-123';
const NEW = 'new-pass-456';

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate']);
  const admin = await login(serve.url);
  expect((await postJson(`${serve.url}/api/users`, admin, { username: USER, password: OLD, role: 'operator' })).status).toBe(200);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

describe('change password', () => {
  it('from the top bar: wrong current password refused, then changed; other sessions end, this one stays', async () => {
    const otherSession = await loginAs(serve.url, USER, OLD);
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    await page.fill('input[name=username]', USER);
    await page.fill('input[name=password]', OLD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=site-name]');

    await page.click('[data-testid=change-password]');
    const dialog = page.locator('[data-testid=password-dialog]');
    await dialog.locator('input[name=old-password]').fill('not-my-password');
    await dialog.locator('input[name=new-password]').fill('short');
    await expect.poll(() => dialog.innerText()).toContain('至少 8 个字符');
    expect(await dialog.locator('button[type=submit]').isDisabled()).toBe(true);
    await dialog.locator('input[name=new-password]').fill(NEW);
    await dialog.locator('input[name=repeat-password]').fill(NEW);
    await dialog.locator('button[type=submit]').click();
    await expect.poll(() => dialog.locator('[role=alert]').innerText()).toContain('当前密码不正确');
    // Nothing changed yet: the other session still works.
    expect((await getJson(`${serve.url}/api/devices`, otherSession)).status).toBe(200);

    await dialog.locator('input[name=old-password]').fill(OLD);
    await dialog.locator('button[type=submit]').click();
    await dialog.locator('[data-testid=password-done]').waitFor();
    await screenshot(page, 'change-password-done');

    expect((await getJson(`${serve.url}/api/devices`, otherSession)).status).toBe(401);
    await expect(loginAs(serve.url, USER, OLD)).rejects.toThrow(/401/);
    expect(await loginAs(serve.url, USER, NEW)).toMatch(/\S{20,}/);
    // This screen is still signed in and live.
    await dialog.locator('button.link-button').click();
    await expect.poll(() => page.locator('[data-testid=live-link]').getAttribute('class')).toContain('link-live');
    expect(errors).toEqual([]);
  });
});
