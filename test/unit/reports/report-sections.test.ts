import { afterAll, describe, expect, it } from 'vitest';
import { reportPeriod } from '../../../electron/core/reports/report-period.js';
import type { ReportSectionContent } from '../../../electron/core/reports/report-section.js';
import { createAlarmsSection } from '../../../electron/core/reports/sections/alarms-section.js';
import { createPanoramasSection } from '../../../electron/core/reports/sections/panoramas-section.js';
import { createWeatherSection } from '../../../electron/core/reports/sections/weather-section.js';
import { createWorkforceSection } from '../../../electron/core/reports/sections/workforce-section.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';
import { DEVICE_NAMES, MONITORS, POINT_NAMES, seedReportDay } from './report-fixture.js';

const { db } = seedReportDay();
const day = reportPeriod('daily', '2026-03-14', '2026-03-14', 'Asia/Shanghai');
const figure = (c: ReportSectionContent | null, label: string) => c!.figures.find((f) => f.label === label)?.value;

afterAll(() => {
  db.close();
  removeTempDirs();
});

describe('report sections on a hand-computed day (Asia/Shanghai, rows on both sides of midnight)', () => {
  it('weather: min, max and mean over the monitors from the minute rollups, with the header line', async () => {
    const c = (await createWeatherSection(db, MONITORS).build(day))!;
    expect(figure(c, '气温最低')).toBe(4);
    expect(figure(c, '气温最高')).toBe(22);
    expect(figure(c, '气温平均')).toBe(13);
    expect(figure(c, '相对湿度平均')).toBe(55);
    expect(figure(c, '风速最高')).toBe(7.5);
    expect(figure(c, '风速平均')).toBe(3);
    expect(c!.headerLine).toContain('4～22 °C');
    expect(c!.tables[0]!.rows).toEqual([['2026-03-14', 4, 22, 13, 55, 55, 55, 7.5, 3]]);
    for (const f of c!.figures) expect(f.source.params).toMatchObject({ from: '2026-03-14', to: '2026-03-14', startMs: day.startMs, endMs: day.endMs });
    expect(c!.figures[0]!.source.query).toContain('telemetry_minute');
  });

  it('weather: no monitors on the site is said, not an error', async () => {
    const c = (await createWeatherSection(db, () => []).build(day))!;
    expect(c!.notes![0]).toContain('未接入扬尘监测仪');
  });

  it('workforce: distinct workers and admitted entries, by trade and by company', async () => {
    const c = (await createWorkforceSection(db).build(day))!;
    expect(figure(c, '出勤人数')).toBe(3);
    expect(figure(c, '进场人次')).toBe(4);
    expect(figure(c, '出勤人日')).toBe(3);
    expect(c.tables[0]!.rows).toEqual([
      ['钢筋工', 2, 3],
      ['木工', 1, 1],
    ]);
    expect(c.tables[1]!.rows).toEqual([
      ['江苏华建劳务有限公司', 2, 3],
      ['南通恒达建筑安装公司', 1, 1],
    ]);
  });

  it('alarms: raised in the period with acks, clears, handlers, comments and the clip', async () => {
    const c = (await createAlarmsSection(db, (id) => DEVICE_NAMES[id] ?? id).build(day))!;
    expect(figure(c, '报警总数')).toBe(2);
    expect(figure(c, '紧急级报警')).toBe(1);
    expect(figure(c, '低级报警')).toBe(1);
    expect(figure(c, '高级报警')).toBe(0);
    expect(figure(c, '已确认')).toBe(1);
    expect(figure(c, '已消除')).toBe(1);
    expect(figure(c, '平均确认用时')).toBe(4);
    const rows = c.tables[0]!.rows;
    expect(rows[0]).toEqual([1, '紧急', '1号塔吊', 'Moment 104% of rated', '2026-03-14 09:00', '2026-03-14 09:04 safety1', '2026-03-14 09:30', 'safety1、manager1', 'safety1：已通知司机；manager1：已停止吊装']);
    expect(rows[1]!.slice(1, 7)).toEqual(['低', '扬尘监测仪1', 'PM10 above preset', '2026-03-14 23:50', '未确认', '未消除']);
    expect(c.attachments).toEqual([{ label: '1号塔吊 2026-03-14 08:59 证据录像（cam-1）', file: 'clips/cam-1-20260314T010000000Z.mp4' }]);
  });

  it('panoramas: captures per point with their thumbnails', async () => {
    const c = (await createPanoramasSection(db, (id) => POINT_NAMES[id] ?? null).build(day))!;
    expect(figure(c, '全景拍摄')).toBe(3);
    expect(figure(c, '涉及拍摄点')).toBe(2);
    expect(c.tables[0]!.rows).toEqual([
      ['1号楼东侧', 2, '2026-03-14 10:00', '2026-03-14 15:00'],
      ['2号楼北侧', 1, '2026-03-14 11:00', '2026-03-14 11:00'],
    ]);
    expect(c.attachments).toHaveLength(3);
  });

  it('a week sums the days it holds (worker-days) and charts the daily temperature', async () => {
    const week = reportPeriod('weekly', '2026-03-09', '2026-03-15', 'Asia/Shanghai');
    const w = await createWorkforceSection(db).build(week);
    expect(figure(w, '出勤人日')).toBe(4); // w3 on the 13th and the 14th, w1 and w2 on the 14th
    expect(figure(w, '出勤人数')).toBe(3);
    const t = await createWeatherSection(db, MONITORS).build(week);
    expect(figure(t, '气温最低')).toBe(-10);
    expect(t!.charts).toHaveLength(1);
  });
});
