import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { StatTable } from '../../../electron/common/statistics.js';
import { statFigureOption } from '../../../electron/common/charts/stats-figure.js';
import { exportTable, tableToCsv } from '../../../electron/core/statistics/export-table.js';

const table: StatTable = {
  figure: 'crane-use',
  title: '塔吊使用 / Tower cranes',
  period: { kind: 'day', from: '2026-11-20', to: '2026-11-20', days: ['2026-11-20'], timeZone: 'Asia/Shanghai', startMs: 0, endMs: 86_400_000 },
  columns: [
    { key: 'lifts', label: '吊次 / lifts' },
    { key: 'overloads', label: '超载 / overloads' },
    { key: 'collisions', label: '防碰撞 / anti-collision' },
    { key: 'liftHours', label: '吊运时长 / lifting time', unit: 'h' },
  ],
  rows: [
    { key: 'crane-1', label: '1号塔吊, "东"', values: { lifts: 37, overloads: 2, collisions: null, liftHours: 1.5 } },
    { key: 'crane-2', label: '=HYPERLINK("x")', values: { lifts: 0, overloads: 0, collisions: 0, liftHours: 0 } },
  ],
  totals: { lifts: 37, overloads: 2, collisions: 0, liftHours: 1.5 },
  drillColumns: ['lifts'],
  source: { query: 'q', params: {} },
};

describe('statistics exports', () => {
  it('writes CSV as UTF-8 with a BOM, quoted where needed, formulas defused, empty for no data', () => {
    const csv = tableToCsv(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('key,名称 / name,吊次 / lifts,超载 / overloads,防碰撞 / anti-collision,吊运时长 / lifting time (h)');
    expect(lines[1]).toBe('crane-1,"1号塔吊, ""东""",37,2,,1.5');
    expect(lines[2]).toBe(`crane-2,"'=HYPERLINK(""x"")",0,0,0,0`);
  });

  it('writes an XLSX that reads back with the same numbers', async () => {
    const file = await exportTable(table, 'xlsx');
    expect(file.fileName).toBe('crane-use-2026-11-20_2026-11-20.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(3).value).toBe('吊次 / lifts');
    const row = sheet.getRow(3);
    expect([1, 2, 3, 4, 6].map((c) => row.getCell(c).value)).toEqual(['crane-1', '1号塔吊, "东"', 37, 2, 1.5]);
    expect(row.getCell(5).value ?? null).toBeNull();
  });

  it('draws the charted columns as bars in the alarm palette only for priorities', () => {
    const option = statFigureOption(table, 'paper') as { series: Array<{ id: string; data: unknown[]; itemStyle: { color: string } }> };
    expect(option.series.map((s) => s.id)).toEqual(['lifts', 'overloads', 'collisions']);
    expect(option.series[0]!.data).toEqual([37, 0]);
    expect(option.series.every((s) => !['#e0312b', '#f07c1e', '#e8c21a', '#4aa3df'].includes(s.itemStyle.color))).toBe(true);
  });
});
