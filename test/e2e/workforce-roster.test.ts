import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGb11643 } from '../../electron/common/id-number.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The roster against the built core running the demo (its roster seeded): register a worker
// through the form (the ID checked as it is typed), import an XLSX with a bad row, read the
// report, import the good rows and find them in the list.
let serve: ServeProcess;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
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
  removeTempDirs();
});

/** The page's document, typed just enough for these checks (the tests compile without the DOM library). */
type Doc = { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>; querySelector(selector: string): { textContent: string | null } | null };

/** Waits until the roster table shows `count` rows (the first holding `text`, when given). */
const rowsAre = (count: number, text = '') =>
  page.waitForFunction(
    ([n, want]) => {
      const rows = (globalThis as unknown as { document: Doc }).document.querySelectorAll('[data-testid=roster-row]');
      return rows.length === n && (rows[0]?.textContent ?? '').includes(want);
    },
    [count, text] as const,
  );

/** Waits until the element holds `text`. */
const textIn = (selector: string, text: string) =>
  page.waitForFunction(([sel, want]) => ((globalThis as unknown as { document: Doc }).document.querySelector(sel)?.textContent ?? '').includes(want), [selector, text] as const);

describe('roster', () => {
  it('lists the demo roster with masked ID numbers', async () => {
    await page.goto(`${serve.url}/#/workforce/roster`);
    await page.waitForSelector('[data-testid=roster-row]');
    expect(await page.locator('[data-testid=roster-row]').count()).toBeGreaterThan(100);
    expect(await page.locator('[data-testid=roster-counts]').textContent()).toMatch(/已登记 \d+ 人/);
    expect(await page.locator('[data-testid=roster-table]').textContent()).toMatch(/\d{3}\*{11}[\dX]{4}/);
    await screenshot(page, 'workforce-roster');
  });

  it('registers a worker through the form, saying what is wrong with the ID while it is typed', async () => {
    await page.click('[data-testid=roster-register]');
    await page.waitForSelector('[data-testid=register-form]');
    const id = makeGb11643('510122', '19880315', 157);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    await page.fill('[data-testid=register-name]', '测试登记');
    await page.fill('[data-testid=register-idNumber]', wrong);
    expect(await page.locator('[data-testid=register-id-hint]').textContent()).toMatch(/校验位不对/);
    await page.fill('[data-testid=register-idNumber]', id);
    expect(await page.locator('[data-testid=register-id-hint]').textContent()).toMatch(/1988-03-15 出生，男/);
    await page.fill('[data-testid=register-trade]', '木工');
    await page.fill('[data-testid=register-phone]', '13812345678');
    await page.fill('[data-testid=register-wageYuan]', '380');
    await screenshot(page, 'workforce-register');
    await page.click('[data-testid=register-submit]');
    await page.waitForSelector('[data-testid=worker-detail]');
    expect(await page.locator('[data-testid=worker-detail] h2').textContent()).toContain('测试登记');
    // Admin may see the full number; the page shows it after the click (and the core audits it).
    expect(await page.locator('[data-testid=worker-detail]').textContent()).not.toContain(id);
    await page.click('[data-testid=worker-reveal]');
    await textIn('[data-testid=worker-detail]', id);
  });

  it('refuses the same ID again with a clear message', async () => {
    await page.goto(`${serve.url}/#/workforce/roster/new`);
    await page.fill('[data-testid=register-name]', '另一人');
    await page.fill('[data-testid=register-idNumber]', makeGb11643('510122', '19880315', 157));
    await page.fill('[data-testid=register-trade]', '木工');
    await page.click('[data-testid=register-submit]');
    expect(await page.locator('[data-testid=register-error]').textContent()).toMatch(/already registered as 测\*\*/);
  });

  it('imports an XLSX: the report shows the refused row, the good rows land in the list', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名', '证件号码', '工种', '参建单位', '统一社会信用代码', '班组', '进场日期']);
    const good1 = makeGb11643('430521', '19790101', 111);
    const good2 = makeGb11643('430521', '19790102', 113);
    const bad = makeGb11643('430521', '19790103', 115);
    ws.addRow(['导入甲', good1, '钢筋工', '湘江劳务有限公司', '91350100M000100Y43', '钢筋二班', '2026-11-01']);
    ws.addRow(['导入乙', bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1'), '钢筋工', '湘江劳务有限公司', '91350100M000100Y43', '钢筋二班', '2026-11-01']);
    ws.addRow(['导入丙', good2, '木工', '湘江劳务有限公司', '91350100M000100Y43', '木工二班', '2026-11-02']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.goto(`${serve.url}/#/workforce/roster/import`);
    await page.setInputFiles('[data-testid=import-file]', { name: '湘江劳务.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.click('[data-testid=import-preview]');
    await page.waitForSelector('[data-testid=import-report-row]');
    expect(await page.locator('[data-testid=import-report-row]').count()).toBe(3);
    expect(await page.locator('[data-testid=import-summary]').textContent()).toMatch(/共 3 行：可导入 2 行，拒绝 1 行/);
    expect(await page.locator('[data-testid=import-report-row]').nth(1).textContent()).toMatch(/证件号码.*校验位错误.*check digit/);
    await screenshot(page, 'workforce-import-preview');
    await page.click('[data-testid=import-commit]');
    await textIn('[data-testid=import-summary]', '已导入 2 人');
    await page.goto(`${serve.url}/#/workforce/roster`);
    await page.fill('[data-testid=roster-search]', '导入');
    await rowsAre(2);
    expect(await page.locator('[data-testid=roster-table]').textContent()).toMatch(/导入甲[\s\S]*导入丙|导入丙[\s\S]*导入甲/);
    await page.fill('[data-testid=roster-search]', good2);
    await rowsAre(1, '导入丙');
    expect(errors).toEqual([]);
  });

  it('shows a worker of the demo with photo, certificates and training', async () => {
    await page.goto(`${serve.url}/#/workforce/roster`);
    await page.fill('[data-testid=roster-search]', 'C0110');
    await rowsAre(1, 'C0110');
    await page.click('[data-testid=roster-row] a');
    await page.waitForSelector('[data-testid=worker-detail] img');
    expect(await page.locator('[data-testid=worker-detail] img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, 'workforce-worker');
  });
});
