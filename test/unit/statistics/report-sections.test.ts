import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportPeriod } from '../../../electron/core/reports/report-section.js';
import { createStatisticsReportSections } from '../../../electron/core/statistics/report-sections.js';
import { StatisticsQueries } from '../../../electron/core/statistics/statistics-queries.js';
import { closeDatabase, openDatabase, type Database } from '../../../electron/core/store/database.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

const TZ = 'Asia/Shanghai';
let db: Database;
let queries: StatisticsQueries;
const devices = [
  { id: 'crane-1', name: '1号塔吊', kind: 'crane' },
  { id: 'dust-1', name: '东门扬尘', kind: 'dust' },
];
const day: ReportPeriod = { kind: 'daily', from: '2026-11-20', to: '2026-11-20', timeZone: TZ, startMs: Date.parse('2026-11-20T00:00:00+08:00'), endMs: Date.parse('2026-11-21T00:00:00+08:00') };

beforeAll(() => {
  db = openDatabase(tempDir());
  // Daily counters as the folds leave them (the folds themselves are tested in statistics-day).
  const add = db.prepare('INSERT INTO stat_daily (metric, dim, day, count, sum, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)');
  add.run('crane.lifts', 'device:crane-1', '2026-11-20', 37, 37, 1, 1);
  add.run('crane.lifts', 'crew:crane-1|op-A', '2026-11-20', 37, 37, 1, 1);
  add.run('crane.liftSeconds', 'device:crane-1', '2026-11-20', 37, 7200, 60, 300);
  add.run('equipment.overloads', 'device:crane-1', '2026-11-20', 2, 2, 1, 1);
  add.run('env.pm10', 'device:dust-1', '2026-11-20', 24, 24 * 90, 60, 120);
  add.run('env.pm10.over', 'device:dust-1', '2026-11-20', 24, 3, 0, 1);
  queries = new StatisticsQueries({ db, timeZone: () => TZ, preset: () => 'hebei-db13-2934', devices: () => devices, now: () => day.endMs + 3_600_000 });
});

afterAll(() => {
  closeDatabase(db);
  removeTempDirs();
});

describe('statistics report sections', () => {
  it('equipment (order 30): lifts, lifting time and overloads with their sources', async () => {
    const [equipment] = createStatisticsReportSections({ queries, devices: () => devices });
    expect(equipment!.order).toBe(30);
    const content = (await equipment!.build(day))!;
    expect(content.heading).toBe('三、机械设备使用');
    const byLabel = Object.fromEntries(content.figures.map((f) => [f.label, f]));
    expect(byLabel['塔吊吊次']!.value).toBe(37);
    expect(byLabel['塔吊吊运时长']!.value).toBe(2);
    expect(byLabel['塔吊超载']!.value).toBe(2);
    expect(byLabel['塔吊超载']!.source).toMatchObject({ params: { figure: 'crane-use', from: '2026-11-20', to: '2026-11-20', column: 'overloads' } });
    expect(byLabel['塔吊超载']!.source.query).toContain('equipment.overloads');
    expect(content.tables[1]!.rows).toEqual([['1号塔吊 · op-A', 37, 0, 0, 0]]);
    expect(content.charts).toHaveLength(1);
  });

  it('environment (order 50): daily means, hours over and compliance under the Hebei preset (3 hours > 2 allowed)', async () => {
    const [, environment] = createStatisticsReportSections({ queries, devices: () => devices });
    expect(environment!.order).toBe(50);
    const content = (await environment!.build(day))!;
    const byLabel = Object.fromEntries(content.figures.map((f) => [f.label, f.value]));
    expect(byLabel['PM10 平均']).toBe(90);
    expect(byLabel['扬尘超标小时']).toBe(3);
    expect(byLabel['达标率']).toBe(0);
    expect(content.notes).toContain('本期扬尘超标 3 小时');
    expect(JSON.stringify(content.charts[0]!.option)).toContain('"yAxis":150');
  });

  it('leaves a section out when the site has none of its devices', async () => {
    const sections = createStatisticsReportSections({ queries, devices: () => [] });
    expect(await sections[0]!.build(day)).toBeNull();
    expect(await sections[1]!.build(day)).toBeNull();
  });
});
