import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { seedAttendanceMonth } from '../helpers/attendance-seed.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';
import { openTestWorkforce } from '../helpers/workforce-fixtures.js';

// The attendance section against the built core: last month's ledger from gate passages in a
// real SQLite file, exported as XLSX and PDF from the console (made in the core's worker
// thread), downloaded by Chromium and read back; then the month closed with its hash shown.
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const errors: string[] = [];

/** Last month in Shanghai (the demo site's zone): over, so it can be closed. */
function lastMonth(): string {
  const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  const [y, m] = now.split('-').map(Number);
  return m === 1 ? `${y! - 1}-12` : `${y}-${String(m! - 1).padStart(2, '0')}`;
}
const MONTH = lastMonth();

beforeAll(async () => {
  const data = tempDir();
  const { db, store } = openTestWorkforce(data);
  seedAttendanceMonth(db, store, MONTH, 24);
  db.close();
  serve = await ServeProcess.start(['--port', '0', '--data', data, '--no-simulate']);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(serve.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=live-link]');
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

async function download(testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(`[data-testid=${testId}]`)]);
  return readFileSync((await file.path())!);
}

describe('attendance ledger and pay sheet in the console', () => {
  it('shows last month by team with marks, flags, pay totals and the hash', async () => {
    await page.goto(`${serve.url}/#/workforce/attendance/${MONTH}`);
    await page.waitForSelector('[data-testid=ledger-table] tbody tr');
    const hash = await page.locator('[data-testid=ledger-hash]').innerText();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('[data-testid=team-totals] tbody tr').count()).toBe(4);
    await expect.poll(() => page.locator('[data-testid=ledger-table]').innerText()).toContain('√');
    expect(await page.locator('[data-testid=pay-total]').innerText()).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    await screenshot(page, 'attendance-ledger');
  });

  it('exports the ledger as XLSX and PDF, downloaded and read back with the same hash', async () => {
    const hash = await page.locator('[data-testid=ledger-hash]').innerText();
    const xlsx = await download('export-ledger-xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考勤台账')!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.filter((r) => typeof r[0] === 'number')).toHaveLength(24);
    expect(rows.some((r) => r[2] === '水电班')).toBe(true);
    expect(rows.some((r) => String(r[0]).includes(hash))).toBe(true);
    expect(rows.find((r) => r[0] === '总计')).toBeDefined();

    const pdf = await download('export-ledger-pdf');
    const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) text += (await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
    expect(text).toContain('农民工考勤台账');
    expect(text).toContain('江苏华建劳务有限公司');
    expect(text).toContain(hash);
    expect(text).toContain(`第 1 页 共 ${doc.numPages} 页`);
    expect(await page.locator('[data-testid=export-job][data-state=done]').count()).toBe(2);
    await screenshot(page, 'attendance-exported');
  });

  it('closes the month; the hash stays and the month shows as closed', async () => {
    const hash = await page.locator('[data-testid=ledger-hash]').innerText();
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid=close-month]');
    await page.waitForSelector('[data-testid=month-status][data-closed=true]');
    expect(await page.locator('[data-testid=ledger-hash]').innerText()).toBe(hash);
    expect(await page.locator('[data-testid=close-month]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
