import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGb11643 } from '../../electron/common/id-number.js';
import { siteLocalTime } from '../../electron/core/alarms/rules/site-clock.js';
import { addDays } from '../../electron/core/workforce/certificate-watch.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, login, postJson, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// A rectification notice from raised to closed with photos in the console, against the built core
// (no simulator: a company with one worker on site is registered over the API first).
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const today = siteLocalTime(Date.now(), 'Asia/Shanghai').day;
const jpeg = async (colour: string) => ({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } }).jpeg().toBuffer() });

beforeAll(async () => {
  const site = writeSiteFile({
    id: 'q',
    name: '质量测试项目',
    devices: [],
    model: { buildings: [{ id: 'b1', name: '1号楼', footprint: [{ e: 0, n: 0 }, { e: 20, n: 0 }, { e: 20, n: 20 }, { e: 0, n: 20 }], plannedFloors: 12, completedFloors: 3 }] },
  });
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', site, '--no-simulate']);
  const token = await login(serve.url);
  const companyId = (await postJson<{ id: number }>(`${serve.url}/api/workforce/companies`, token, { creditCode: '91350100M000100Y43', name: '宏远脚手架', kind: 'sub' })).body.id;
  const teamId = (await postJson<{ id: number }>(`${serve.url}/api/workforce/teams`, token, { companyId, name: '架子一班' })).body.id;
  const worker = await postJson(`${serve.url}/api/workforce/workers`, token, {
    worker: { name: '张建国', idType: 'mainland', idNumber: makeGb11643('510122', '19850607', 135), trade: '架子工' },
    membership: { companyId, teamId, enteredOn: today },
  });
  expect(worker.status).toBe(200);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(serve.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=live-link].link-live');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

const stateOf = () => page.locator('[data-testid=q-notice-detail] h2 [data-testid=q-state]').innerText();

describe('quality in the console', () => {
  it('records an inspection with a photo, raises a notice from its failed item, and takes it to closed with photos', async () => {
    await page.goto(`${serve.url}/#/quality`);
    await expect.poll(() => page.locator('[data-testid=q-notices]').innerText(), { timeout: 10_000 }).toMatch(/暂无记录/);
    await expect.poll(() => page.locator('[data-testid=qp-open]').innerText()).toBe('0');

    await page.click('[data-testid=q-new-inspection]');
    await page.waitForSelector('[data-testid=q-item-3\\.13]');
    await expect.poll(() => page.locator('[data-testid=q-building] option').count()).toBe(2);
    await page.selectOption('[data-testid=q-building]', 'b1');
    await page.selectOption('[data-testid=q-floor]', '6');
    await page.check('[data-testid=q-item-3\\.13-fail]');
    // A text file as a photo: refused with the core's reason.
    await page.setInputFiles('[data-testid=q-item-3\\.13-photos-input]', { name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just text, not a photo') });
    await expect.poll(() => page.locator('[data-testid=q-item-3\\.13-photos] [role=alert]').innerText()).toMatch(/not an image/);
    await page.setInputFiles('[data-testid=q-item-3\\.13-photos-input]', await jpeg('#8a6d3b'));
    await expect.poll(() => page.locator('[data-testid=q-item-3\\.13-photos] img').count()).toBe(1);
    await page.click('[data-testid=q-save-inspection]');
    await page.waitForSelector('[data-testid=q-inspection-detail]');
    expect(await page.locator('[data-testid=q-inspection-detail] h2').innerText()).toMatch(/不合格/);

    await page.click('[data-testid=q-raise-3\\.13]');
    await page.waitForSelector('[data-testid=q-notice-form]');
    await expect.poll(() => page.locator('[data-testid=q-notice-photos] img').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid=q-company] option').count()).toBeGreaterThan(1);
    await page.selectOption('[data-testid=q-company]', { index: 1 });
    await page.fill('[data-testid=q-due]', addDays(today, 2));
    await page.fill('[data-testid=q-description]', '6层临边防护栏杆缺失，立即补设');
    await page.click('[data-testid=q-save-notice]');
    await page.waitForSelector('[data-testid=q-notice-detail]');
    await expect.poll(stateOf).toMatch(/已下发/);

    await page.click('[data-testid=q-acknowledge]');
    await expect.poll(stateOf).toMatch(/整改中/);
    await page.fill('[data-testid=q-answer-text]', '已补设两道防护栏杆及挡脚板');
    await page.setInputFiles('[data-testid=q-answer-photos-input]', await jpeg('#3b6d4a'));
    await expect.poll(() => page.locator('[data-testid=q-answer-photos] img').count()).toBe(1);
    await page.click('[data-testid=q-answer]');
    await expect.poll(stateOf).toMatch(/已回复/);
    await page.click('[data-testid=q-verify-pass]');
    await expect.poll(stateOf).toMatch(/已闭合/);

    const log = page.locator('[data-testid=q-log] li');
    expect(await log.count()).toBe(4);
    expect(await log.allInnerTexts()).toEqual([expect.stringMatching(/下发 · admin/), expect.stringMatching(/签收/), expect.stringMatching(/整改回复[\s\S]*已补设两道防护栏杆/), expect.stringMatching(/复查合格并闭合/)]);
    // The answer's photo loads through its ticketed URL.
    await expect.poll(() => log.nth(2).locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(640);
    await expect.poll(() => page.locator('[data-testid=qp-open]').innerText()).toBe('0');
    await screenshot(page, 'quality-notice-closed');

    await page.click('[data-testid=q-tab-notices]');
    await page.selectOption('[data-testid=q-filter-state]', 'closed');
    await expect.poll(() => page.locator('[data-testid=q-notices] tbody tr').count()).toBe(1);
    await page.click('[data-testid=q-tab-inspections]');
    await expect.poll(() => page.locator('[data-testid=q-inspections] tbody tr').count()).toBe(1);
    await screenshot(page, 'quality-inspections');
    expect(errors).toEqual([]);
  });
});
