import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealnamePlatformStatus } from '../../electron/common/api.js';
import { FakeRealnamePlatform } from '../../electron/core/sim/realname-platform/fake-platform-server.js';
import { REGION_CODES } from '../../electron/core/sim/realname-platform/region-dictionary.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, getJson, login, loginAs, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The real-name platform section against the built core running the demo roster and the fake
// platform (its dictionary without one home county, so those workers come back rejected): an
// admin enters the credentials, syncs, and reads which records were refused and why; the secret
// never comes back; a labour manager sees the status but not the form; a viewer is refused.
const KEYS = { appId: 'SC-E2E-APP-0001', appSecret: 'e2e-secret-0123456789abcdefghijkl', projectCode: '4201062026120099' };
let platform: FakeRealnamePlatform;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  platform = await FakeRealnamePlatform.start({ ...KEYS, regions: new Set([...REGION_CODES].filter((c) => c !== '510122')) });
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir()]);
  await serve.waitFor(/demo roster seeded/, 60_000);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
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
  await platform?.stop();
  removeTempDirs();
});

describe('real-name platform section', () => {
  it('admin sets credentials, syncs, and sees each refused record with the platform\'s reason', async () => {
    await page.goto(`${serve.url}/#/workforce/platform`);
    await page.waitForSelector('[data-testid=platform-credentials]');
    expect(await page.textContent('[data-testid=platform-configured]')).toContain('未配置凭据');
    await page.fill('[data-testid=platform-platformUrl]', platform.url);
    await page.fill('[data-testid=platform-appId]', KEYS.appId);
    await page.fill('[data-testid=platform-appSecret]', KEYS.appSecret);
    await page.fill('[data-testid=platform-projectCode]', KEYS.projectCode);
    await page.click('[data-testid=platform-save]');
    await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid=platform-configured]')?.textContent?.includes('未配置'));
    await page.click('[data-testid=platform-sync]');
    await page.waitForSelector('[data-testid=platform-problem]', { timeout: 30_000 });
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector('[data-testid=platform-sync]')?.textContent === '立即同步', undefined, { timeout: 30_000 });
    const problems = await page.locator('[data-testid=platform-problem]').allTextContents();
    expect(problems.some((p) => p.includes('被退回') && p.includes('行政区划代码 510122 不在字典中'))).toBe(true);
    expect(problems.some((p) => p.includes('等待依赖') && p.includes('未被平台接收'))).toBe(true);
    await screenshot(page, 'realname-platform-1920');

    const admin = await login(serve.url);
    const { body } = await getJson<RealnamePlatformStatus>(`${serve.url}/api/realname-platform`, admin);
    expect(body.counts.accepted).toBeGreaterThan(10);
    expect(body.counts.rejected).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain(KEYS.appSecret);
    expect(JSON.stringify(body)).not.toContain(KEYS.appId);
    expect(body.appIdMasked).toBe('SC-********0001');
    expect(platform.counters.duplicates).toBe(0);
    expect(platform.counters.errors['1004'] ?? 0).toBe(0);

    // Roles: a labour manager reads the status; only admins set credentials; viewers read nothing.
    expect((await postJson(`${serve.url}/api/users`, admin, { username: 'labour1', password: 'password-123', role: 'labour' })).status).toBe(200);
    expect((await postJson(`${serve.url}/api/users`, admin, { username: 'viewer1', password: 'password-123', role: 'viewer' })).status).toBe(200);
    const labour = await loginAs(serve.url, 'labour1', 'password-123');
    const viewer = await loginAs(serve.url, 'viewer1', 'password-123');
    expect((await getJson(`${serve.url}/api/realname-platform`, labour)).status).toBe(200);
    expect((await postJson(`${serve.url}/api/realname-platform/credentials`, labour, { platformUrl: 'http://x.example', appId: 'a', projectCode: 'p' })).status).toBe(403);
    expect((await getJson(`${serve.url}/api/realname-platform`, viewer)).status).toBe(403);
    expect((await postJson(`${serve.url}/api/realname-platform/credentials`, admin, { platformUrl: 'ftp://x', appId: 'a', projectCode: 'p' })).status).toBe(400);
    expect(errors).toEqual([]);
  }, 60_000);
});
