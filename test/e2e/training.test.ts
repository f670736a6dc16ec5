import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetail, CourseSummary } from '../../electron/common/api.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';
import { seedWorkersForCore, type SeededPhoneWorker } from '../helpers/training-fixtures.js';

// A phone-sized browser (390×844) takes the demo induction exam on the worker page and passes;
// the console's training section then shows the score.
let serve: ServeProcess;
let browser: Browser;
let workers: SeededPhoneWorker[];
let induction: CourseDetail;
const errors: string[] = [];

beforeAll(async () => {
  const dataDir = tempDir('sc-training-e2e-');
  workers = seedWorkersForCore(dataDir, 3);
  serve = await ServeProcess.start(['--port', '0', '--data', dataDir]);
  const admin = await login(serve.url);
  const courses = (await getJson<CourseSummary[]>(`${serve.url}/api/training/courses`, admin)).body;
  induction = (await getJson<CourseDetail>(`${serve.url}/api/training/courses/${courses.find((c) => c.kind === 'induction')!.id}`, admin)).body;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

describe('the worker page on a phone', () => {
  it('refuses a wrong phone in Chinese, then identifies, takes the induction exam and passes', async () => {
    const page = await phone();
    await page.goto(`${serve.url}/worker.html`);
    await page.fill('[data-testid=worker-id-number]', workers[0]!.idNumber);
    await page.fill('[data-testid=worker-phone]', '13911112222');
    await page.click('[data-testid=worker-enter]');
    await expect.poll(() => page.textContent('[data-testid=worker-error]')).toMatch(/身份证号和手机号与登记信息不符/);
    await screenshot(page, 'training-phone-identify');
    await page.fill('[data-testid=worker-phone]', workers[0]!.phone);
    await page.click('[data-testid=worker-enter]');
    await page.waitForSelector('[data-testid=worker-me]');
    expect(await page.textContent('body')).toMatch(/您还没有通过三级安全教育/);
    await screenshot(page, 'training-phone-home');
    await page.click(`[data-testid=worker-course-${induction.id}]`);
    await page.waitForSelector('[data-testid=worker-start-exam]');
    await screenshot(page, 'training-phone-course');
    await page.click('[data-testid=worker-start-exam]');
    await page.waitForSelector('[data-testid=worker-question]');
    for (let i = 0; i < 10; i++) {
      const id = Number(await page.getAttribute('[data-testid=worker-question]', 'data-question-id'));
      for (const option of induction.questions.find((q) => q.id === id)!.answer) await page.tap(`[data-testid=worker-option-${option}]`);
      if (i === 2) await screenshot(page, 'training-phone-exam');
      if (i < 9) await page.tap('[data-testid=worker-next]');
    }
    await page.tap('[data-testid=worker-submit]');
    await page.waitForSelector('[data-testid=worker-result]');
    expect(await page.textContent('[data-testid=worker-score]')).toBe('100');
    expect(await page.textContent('[data-testid=worker-result]')).toMatch(/考试通过.*获得 24 学时/);
    await screenshot(page, 'training-phone-result');
    await page.tap('[data-testid=worker-back-home]');
    await expect.poll(() => page.textContent('[data-testid=worker-hours]')).toBe('24');
    expect(errors).toEqual([]);
  });

  it('a one-time code made in the console opens the page once', async () => {
    const console = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await console.goto(serve.url);
    await console.fill('input[name=username]', 'admin');
    await console.fill('input[name=password]', ADMIN_PASSWORD);
    await console.click('button[type=submit]');
    await console.goto(`${serve.url}/#/workforce/training/workers`);
    await console.fill('[data-testid=training-worker-search]', '工人2');
    await expect.poll(() => console.locator('[data-testid=training-worker-row]').count()).toBe(1);
    await console.locator('[data-testid=training-worker-row]', { hasText: '工人2' }).locator('[data-testid=training-make-code]').click();
    await console.waitForSelector('[data-testid=training-code]');
    const code = (await console.textContent('[data-testid=training-code] .training-code'))!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await screenshot(console, 'training-console-code');
    const page = await phone();
    await page.goto(`${serve.url}/worker.html`);
    await page.tap('[data-testid=worker-mode-code]');
    await page.fill('[data-testid=worker-code]', code);
    await page.tap('[data-testid=worker-enter]');
    await page.waitForSelector('[data-testid=worker-me]');
    expect(await page.textContent('[data-testid=worker-me]')).toMatch(/工人2/);
    // The same code again, from another phone.
    const again = await phone();
    await again.goto(`${serve.url}/worker.html`);
    await again.tap('[data-testid=worker-mode-code]');
    await again.fill('[data-testid=worker-code]', code);
    await again.tap('[data-testid=worker-enter]');
    await expect.poll(() => again.textContent('[data-testid=worker-error]')).toMatch(/已经用过/);
  });
});

describe('the console', () => {
  it('shows the score in the training results, the course editor and the QR sheet', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(serve.url);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', ADMIN_PASSWORD);
    await page.click('button[type=submit]');
    await page.goto(`${serve.url}/#/workforce/training/results/${induction.id}`);
    await page.waitForSelector('[data-testid=training-result-row]');
    const row = page.locator('[data-testid=training-result-row]', { hasText: '工人1' });
    expect(await row.locator('[data-testid=training-result-score]').textContent()).toBe('100');
    expect(await row.textContent()).toMatch(/通过/);
    await screenshot(page, 'training-console-results');
    await page.goto(`${serve.url}/#/workforce/training/courses/${induction.id}`);
    await page.waitForSelector('[data-testid=course-questions] .training-question');
    expect(await page.locator('[data-testid=course-questions] .training-question').count()).toBe(15);
    await screenshot(page, 'training-console-course');
    await page.goto(`${serve.url}/#/workforce/training/print/${induction.id}`);
    await page.waitForSelector('[data-testid=training-qr-sheet] svg');
    expect(await page.textContent('[data-testid=training-qr-sheet]')).toMatch(/工地 Wi-Fi/);
    await screenshot(page, 'training-console-qr');
    expect(errors).toEqual([]);
  });
});
