import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROSTER_COLUMNS } from '../../../electron/core/workforce/import-columns.js';
import { toCsv } from '../../../electron/core/workforce/import-csv.js';
import { parseTable } from '../../../electron/core/workforce/import-parse.js';
import { readTable } from '../../../electron/core/workforce/import-table.js';
import { withLuhnDigit } from '../../../electron/core/workforce/id-rules.js';
import { importTemplate } from '../../../electron/core/workforce/export-roster.js';
import { testIdNumber } from '../../helpers/workforce-fixtures.js';

const TODAY = '2026-12-05';
const HEADERS = ['姓名', '证件号码', '工种', '参建单位', '统一社会信用代码', '进场日期', '班组', '性别', '工资标准(元)', '银行卡号'];
const good = (n: number): string[] => [`工人${n}`, testIdNumber(n), '钢筋工', '恒达劳务', '91110000600037341L', '2026-11-01', '钢筋班', '', '350', withLuhnDigit('621700000000000' + String(n).padStart(3, '0'))];

async function xlsx(rows: (string | number)[][], merge?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const r of rows) ws.addRow(r);
  if (merge) ws.mergeCells(merge);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import parsing', () => {
  it('finds the header below a title row, columns in any order, and reports every row', async () => {
    const bad = good(2);
    bad[1] = bad[1]!.slice(0, 17) + (bad[1]![17] === '0' ? '1' : '0');
    const rows = [['2026年12月 恒达劳务 进场人员名册'], [...HEADERS].reverse(), ...[good(1), bad, good(3)].map((r) => [...r].reverse())];
    const parsed = parseTable(await readTable(await xlsx(rows, 'A1:J1'), 'xlsx', 100), TODAY, 100);
    expect(parsed.map((r) => [r.row, r.worker ? 'taken' : 'refused'])).toEqual([
      [3, 'taken'],
      [4, 'refused'],
      [5, 'taken'],
    ]);
    expect(parsed[1]!.problems).toEqual([expect.objectContaining({ field: 'idNumber', column: '证件号码', key: 'wf.err.id.check-digit' })]);
    expect(parsed[0]!.membership).toMatchObject({ enteredOn: '2026-11-01', wageKind: 'daily', wageRateFen: 35000 });
    expect(parsed[0]!.idMasked).toMatch(/^110\*+/);
  });

  it('refuses merged cells in the data area', async () => {
    const file = await xlsx([HEADERS, good(1), good(2)], 'D2:D3');
    await expect(readTable(file, 'xlsx', 100).then((t) => parseTable(t, TODAY, 100))).rejects.toThrow(/merged cells in the data area \(D2:D3\)/);
  });

  it('refuses missing required columns, an empty file, a header without rows, a non-XLSX body, too many rows', async () => {
    await expect(readTable(await xlsx([HEADERS.filter((h) => h !== '进场日期' && h !== '工种'), ['a']]), 'xlsx', 100).then((t) => parseTable(t, TODAY, 100))).rejects.toThrow(/missing: 工种, 进场日期/);
    await expect(readTable(new Uint8Array(), 'xlsx', 100)).rejects.toThrow(/empty/);
    await expect(readTable(await xlsx([HEADERS]), 'xlsx', 100).then((t) => parseTable(t, TODAY, 100))).rejects.toThrow(/no data rows/);
    await expect(readTable(Buffer.from('姓名,证件号码\n'), 'xlsx', 100)).rejects.toThrow(/not an XLSX/);
    const many = Array.from({ length: 12 }, (_, i) => good(i + 1));
    await expect(readTable(await xlsx([HEADERS, ...many]), 'xlsx', 10).then((t) => parseTable(t, TODAY, 10))).rejects.toThrow(/12 data rows, more than 10/);
    await expect(readTable(await xlsx([['名字', '号码'], ['a', 'b']]), 'xlsx', 10).then((t) => parseTable(t, TODAY, 10))).rejects.toThrow(/no header row/);
  });

  it('refuses duplicates within the file and an ID Excel turned into a float', async () => {
    const float = good(5) as (string | number)[];
    float[1] = 110101198001060000;
    const table = await readTable(await xlsx([HEADERS, good(4), good(4), float]), 'xlsx', 100);
    const parsed = parseTable(table, TODAY, 100);
    expect(parsed[1]!.problems[0]).toMatchObject({ key: 'wf.err.duplicate-in-file', reason: expect.stringMatching(/row 2/) });
    expect(parsed[2]!.problems.map((p) => p.key)).toContain('wf.err.number-as-float');
  });

  it('reads CSV with a BOM the same way', async () => {
    const csv = Buffer.from(toCsv([HEADERS, good(1), good(2)]), 'utf8');
    const parsed = parseTable(await readTable(csv, 'csv', 100), TODAY, 100);
    expect(parsed.filter((r) => r.worker).length).toBe(2);
  });

  it('the template imports as it is: every column, and the example row is valid', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const table = await readTable(await importTemplate(format), format, 100);
      expect(table.rows[0]).toEqual(ROSTER_COLUMNS.map((c) => c.header));
      const parsed = parseTable(table, TODAY, 100);
      expect(parsed).toHaveLength(1);
      expect(parsed[0]!.problems).toEqual([]);
    }
  });
});
