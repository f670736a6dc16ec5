import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportJobs } from '../../../electron/core/reports/report-jobs.js';
import type { ReportSection } from '../../../electron/core/reports/report-section.js';
import { ReportStore } from '../../../electron/core/reports/report-store.js';
import { createAlarmsSection } from '../../../electron/core/reports/sections/alarms-section.js';
import { createPanoramasSection } from '../../../electron/core/reports/sections/panoramas-section.js';
import { createWeatherSection } from '../../../electron/core/reports/sections/weather-section.js';
import { createWorkforceSection } from '../../../electron/core/reports/sections/workforce-section.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';
import { DEVICE_NAMES, MONITORS, POINT_NAMES, seedReportDay } from './report-fixture.js';

const { db } = seedReportDay();
const dir = tempDir('sc-reports-');
let extra: ReportSection[] = [];
const sections = () => [
  createWeatherSection(db, MONITORS),
  createWorkforceSection(db),
  createAlarmsSection(db, (id) => DEVICE_NAMES[id] ?? id),
  createPanoramasSection(db, (id) => POINT_NAMES[id] ?? null),
  ...extra,
];
const jobs = new ReportJobs({ store: new ReportStore(db), dir, sections, projectName: () => '滨江花园二期', timeZone: () => 'Asia/Shanghai' });

afterAll(() => {
  db.close();
  removeTempDirs();
});

async function pdfText(file: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false }).promise;
  let text = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('') + '\n';
  }
  return text;
}

function allFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(root, f)).isFile());
}

describe('report files read back', () => {
  it('a daily report: PDF with the Chinese headings and the fixture’s numbers, XLSX with a sheet per section and the appendix', async () => {
    const queued = jobs.submit('daily', '2026-03-14', '2026-03-14', 'manager1');
    expect(queued.state).toBe('queued');
    await jobs.idle();
    const r = jobs.view(queued.id)!;
    expect(r.error).toBeNull();
    expect(r.state).toBe('done');
    expect(r.files.map((f) => f.format)).toEqual(['pdf', 'xlsx']);
    expect(r.files[0]!.file).toMatch(/^2026\/03\/daily-2026-03-14-[0-9a-f]{12}\.pdf$/);
    const pdf = await pdfText(join(dir, r.files[0]!.file));
    for (const words of ['施工与安全日志（日报）2026-03-14', '滨江花园二期', '一、天气', '二、劳动力', '四、报警与处置', '八、全景影像', '附录：数据来源', '报警处置记录', '已停止吊装', '1号塔吊', 'telemetry_minute']) expect(pdf).toContain(words);
    expect(pdf).toContain('气温 4～22 °C');
    expect(pdf).toMatch(/出勤人数\s*3 人/);
    expect(pdf).toMatch(/报警总数\s*2 次/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, r.files[1]!.file));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['封面', '一、天气', '二、劳动力', '四、报警与处置', '八、全景影像', '附录 数据来源']);
    const values = (name: string) => Array.from(wb.getWorksheet(name)!.getSheetValues(), (row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values('一、天气')).toContainEqual(['气温平均', 13, '°C']);
    expect(values('二、劳动力')).toContainEqual(['钢筋工', 2, 3]);
    expect(values('四、报警与处置')).toContainEqual(['平均确认用时', 4, '分钟']);
    const appendix = values('附录 数据来源');
    const temp = appendix.find((row) => row[2] === '气温平均')!;
    expect(temp[1]).toBe('一、天气');
    expect(temp[3]).toBe('13 °C');
    expect(String(temp[4])).toContain('FROM telemetry_minute');
    expect(JSON.parse(String(temp[5]))).toMatchObject({ from: '2026-03-14', metric: 'tempC' });
    expect(temp[6]).toBe('2026-03-14（Asia/Shanghai）');
  });

  it('a period with no data makes a report that says so', async () => {
    const r = jobs.submit('daily', '2025-01-05', '2025-01-05', 'manager1');
    await jobs.idle();
    const done = jobs.view(r.id)!;
    expect(done.state).toBe('done');
    expect(await pdfText(join(dir, done.files[0]!.file))).toContain('本期间无数据');
  });

  it('a section that throws fails the report with the reason and leaves no file', async () => {
    const before = allFiles(dir);
    extra = [{ id: 'broken', order: 55, build: () => Promise.reject(new Error('no such table: quality_notices')) }];
    const r = jobs.submit('daily', '2026-03-14', '2026-03-14', 'safety1');
    await jobs.idle();
    extra = [];
    const failed = jobs.view(r.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.error).toContain('"broken"');
    expect(failed.error).toContain('no such table: quality_notices');
    expect(failed.files).toEqual([]);
    expect(allFiles(dir)).toEqual(before);
  });

  it('a render that fails leaves no half file either', async () => {
    const before = allFiles(dir);
    extra = [{ id: 'bad-chart', order: 90, build: async () => ({ heading: '九、坏图', figures: [], tables: [], charts: [{ title: 'x', option: { series: [{ type: 'no-such-chart' }] } }] }) }];
    const r = jobs.submit('daily', '2026-03-14', '2026-03-14', 'safety1');
    await jobs.idle();
    extra = [];
    const v = jobs.view(r.id)!;
    if (v.state === 'failed') expect(allFiles(dir)).toEqual(before);
    else expect(v.files.every((f) => existsSync(join(dir, f.file)))).toBe(true);
    expect(allFiles(dir).some((f) => f.endsWith('.part'))).toBe(false);
  });
});
