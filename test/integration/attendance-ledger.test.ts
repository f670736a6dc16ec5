import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ATTENDANCE_RULE, type AttendanceRule } from '../../electron/common/attendance.js';
import type { Database } from '../../electron/core/store/database.js';
import { AttendanceService } from '../../electron/core/workforce/attendance-service.js';
import { ledgerHash } from '../../electron/core/workforce/ledger-hash.js';
import { renderDocument } from '../../electron/core/workforce/documents/render-document.js';
import type { WorkforceStore } from '../../electron/core/workforce/workforce-store.js';
import { insertPassage, insertWorkDay } from '../helpers/attendance-fixtures.js';
import { removeTempDirs } from '../helpers/temp-dir.js';
import { openTestWorkforce, seedWorkforce, testIdNumber } from '../helpers/workforce-fixtures.js';

/** 2026-04-10 in Shanghai: March 2026 is over and may be closed. */
const NOW = Date.parse('2026-04-10T09:00:00+08:00');

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  return pages.join('\n');
}

describe('attendance ledger and pay sheet over a real SQLite file', () => {
  let db: Database;
  let store: WorkforceStore;
  let workers: number[];
  let rules: AttendanceRule[];
  let service: AttendanceService;

  beforeEach(() => {
    ({ db, store } = openTestWorkforce());
    ({ workers } = seedWorkforce(store, { count: 3, enteredOn: '2026-01-01' }));
    rules = [{ ...DEFAULT_ATTENDANCE_RULE, from: '2026-01-01' }];
    service = new AttendanceService({ db, rules: () => rules, timeZone: () => 'Asia/Shanghai', projectName: () => '滨江花园二期', now: () => NOW });
    // 工人1: 20 normal days from the 2nd; 工人2: a night shift and a missing exit; 工人3 hourly, joined on the 16th.
    for (let d = 2; d <= 21; d++) insertWorkDay(db, workers[0]!, `2026-03-${String(d).padStart(2, '0')}`);
    insertPassage(db, { workerId: workers[1]!, direction: 'in', at: '2026-03-05T20:00:00+08:00' });
    insertPassage(db, { workerId: workers[1]!, direction: 'out', at: '2026-03-06T06:00:00+08:00' });
    insertPassage(db, { workerId: workers[1]!, direction: 'in', at: '2026-03-09T08:00:00+08:00' });
    insertPassage(db, { workerId: workers[1]!, direction: 'in', at: '2026-03-10T07:00:00+08:00', outcome: 'no-induction' });
    store.exit(workers[2]!, '2026-02-28');
    store.enter({ workerId: workers[2]!, companyId: store.companies()[0]!.id, teamId: store.teams()[0]!.id, enteredOn: '2026-03-16', wageKind: 'hourly', wageRateFen: 4_550 });
    insertWorkDay(db, workers[2]!, '2026-03-10', '08:00', '17:00'); // before the new stint: not on this month's row
    insertWorkDay(db, workers[2]!, '2026-03-16', '08:00', '16:20');
    insertWorkDay(db, workers[2]!, '2026-03-17', '08:00', '17:05');
  });
  afterAll(removeTempDirs);

  it('computes days, marks, flags, totals and the pay in fen', () => {
    const ledger = service.ledger('2026-03');
    expect(ledger.rows.map((r) => [r.name, r.halfDays, r.totalMinutes])).toEqual([
      ['工人1', 40, 20 * 570],
      ['工人2', 4, 600 + 600],
      ['工人3', 4, 500 + 545], // one row: the stint that ended on 28 February does not overlap March
    ]);
    const w2 = ledger.rows.find((r) => r.name === '工人2')!;
    expect(w2.marks[4]).toBe('√*'); // the 5th: night shift, overnight flag
    expect(w2.marks[8]).toBe('√*'); // the 9th: missing exit, credited to 18:00
    expect(w2.marks[9]).toBe(''); // refused entry (no induction) never counts
    expect(w2.flags).toEqual(['missing-exit', 'overnight', 'single-punch']);
    const w3 = ledger.rows.find((r) => r.name === '工人3')!;
    expect(w3.marks[9]).toBe(''); // the 10th is outside the stint that began on the 16th
    expect(ledger.teams).toEqual([{ company: '中建测试工程局', team: '钢筋一班', workers: 3, halfDays: 48, totalMinutes: 11400 + 1200 + 1045 }]);
    expect(ledger.hash).toBe(ledgerHash('2026-03', ledger.rows));

    const { pay } = service.paySheet('2026-03');
    const amounts = Object.fromEntries(pay.rows.map((r) => [r.name, r.amountFen]));
    expect(amounts).toEqual({ 工人1: 20 * 30_000, 工人2: 2 * 30_000, 工人3: Math.floor((4_550 * 1045 + 30) / 60) });
    expect(amounts.工人3).toBe(79_246); // 45.50 yuan/h × 17 h 25 min = 792.4583… → 792.46
    expect(pay.amountFen).toBe(600_000 + 60_000 + 79_246);
    expect(pay.ledgerHash).toBe(ledger.hash);
  });

  it('a closed month is served as recorded: a new rule from mid-month and a late passage do not rewrite it', () => {
    const closed = service.closeMonth('2026-03', 'labour1');
    expect(closed.ruleVersion).toBe('2026-01-01');
    const before = service.ledger('2026-03');
    expect(before.hash).toBe(closed.ledgerHash);
    expect(service.verifyClosedMonth('2026-03')).toEqual({ recorded: closed.ledgerHash, recomputed: closed.ledgerHash, same: true });

    rules = [...rules, { ...DEFAULT_ATTENDANCE_RULE, from: '2026-03-16', minHours: 10 }];
    insertWorkDay(db, workers[0]!, '2026-03-25');
    const after = service.ledger('2026-03');
    expect(after.hash).toBe(closed.ledgerHash);
    expect(after.rows).toEqual(before.rows);
    // The worker's own days use the rules recorded with the month, not the new version.
    expect(service.attendanceDaysOf(workers[0]!, '2026-03').find((d) => d.day === '2026-03-20')?.credit).toBe('full');
    expect(() => service.closeMonth('2026-03', 'admin')).toThrow(/never rewritten/);
    expect(() => db.prepare("UPDATE wf_attendance_months SET ledger_hash = 'x'").run()).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM wf_attendance_months').run()).toThrow(/never deleted/);
  });

  it('an open month uses the new rule version from its date', () => {
    rules = [...rules, { ...DEFAULT_ATTENDANCE_RULE, from: '2026-03-16', minHours: 10 }];
    const w1 = service.ledger('2026-03').rows.find((r) => r.name === '工人1')!;
    // 9.5 h days: whole before the 16th, short (×) from it.
    expect(w1.marks.slice(13, 17)).toEqual(['√', '√', '×', '×']);
    expect(w1.halfDays).toBe(2 * 14); // the 2nd to the 15th
  });

  it('refuses bad months: malformed, not begun, not over, unknown worker', () => {
    expect(() => service.ledger('2026-13')).toThrow(/YYYY-MM/);
    expect(() => service.ledger('2026-05')).toThrow(/not begun/);
    expect(() => service.closeMonth('2026-04', 'labour1')).toThrow(/not over yet/);
    expect(() => service.attendanceDaysOf(9999, '2026-03')).toThrow(/no worker 9999/);
  });

  it('the ledger XLSX reads back: names, marks, totals and the hash', async () => {
    const ledger = service.ledger('2026-03');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderDocument({ kind: 'ledger', format: 'xlsx', ledger, generatedAt: '2026-04-10 09:00' })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考勤台账')!;
    expect(String(ws.getCell('A1').value)).toContain('考勤台账（2026年3月）');
    expect(String(ws.getCell('A2').value)).toContain('滨江花园二期');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const w1 = rows.find((r) => r[3] === '工人1')!;
    expect(w1[4]).toBe(store.worker(workers[0]!)!.idMasked);
    expect(w1[6 + 1]).toBe('√'); // day 2
    expect(w1[6 + 31]).toBe(20); // 出勤天数
    expect(w1[6 + 32]).toBe(190); // 工时
    const total = rows.find((r) => r[0] === '总计')!;
    expect(total[6 + 31]).toBe(24);
    expect(rows.some((r) => String(r[0]).includes(ledger.hash))).toBe(true);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    expect(testIdNumber(0)).not.toBe(w1[4]);
  });

  it('the ledger and pay-sheet PDFs carry Chinese names, totals, the hash and page numbers', async () => {
    const { ledger, pay } = service.paySheet('2026-03');
    const ledgerText = await pdfText(await renderDocument({ kind: 'ledger', format: 'pdf', ledger, generatedAt: '2026-04-10 09:00' }));
    expect(ledgerText).toContain('农民工考勤台账');
    expect(ledgerText).toContain('工人1');
    expect(ledgerText).toContain('钢筋一班');
    expect(ledgerText).toContain(ledger.hash);
    expect(ledgerText).toContain('第 1 页 共 1 页');
    expect(ledgerText).toContain('项目经理');
    const payText = await pdfText(await renderDocument({ kind: 'pay', format: 'pdf', pay, generatedAt: '2026-04-10 09:00' }));
    expect(payText).toContain('工资发放表');
    expect(payText).toContain('792.46');
    expect(payText).toContain('7,392.46'); // 6,000.00 + 600.00 + 792.46
    expect(payText).toContain(ledger.hash);
  });

  it('the pay-sheet XLSX holds amounts to the fen and the ledger hash it cites', async () => {
    const { pay } = service.paySheet('2026-03');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderDocument({ kind: 'pay', format: 'xlsx', pay, generatedAt: '2026-04-10 09:00' })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('工资表')!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[3] === '工人3')![10]).toBe(792.46);
    expect(rows.find((r) => r[0] === '总计')![10]).toBe(7392.46);
    expect(String(ws.getCell('A2').value)).toContain(pay.ledgerHash);
  });
});
