import { afterEach, describe, expect, it } from 'vitest';
import { createQualityReportSections } from '../../../electron/core/quality/report-sections.js';
import { siteInstant } from '../../../electron/core/workforce/attendance-clock.js';
import type { ReportPeriod } from '../../../electron/core/reports/report-section.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';
import { LABOUR, qualityRig, SAFETY } from './quality-rig.js';

afterEach(() => removeTempDirs());

const TZ = 'Asia/Shanghai';
const period = (kind: ReportPeriod['kind'], from: string, to: string): ReportPeriod => ({ kind, from, to, timeZone: TZ, startMs: siteInstant(from, 0, TZ), endMs: siteInstant(to, 1440, TZ) });

describe('quality report section', () => {
  it('counts the period’s inspections, notices raised, closed and overdue, and lists those open at its end, each figure with its query', async () => {
    const r = qualityRig(Date.parse('2026-12-07T09:00:00+08:00'));
    const insp = (result: 'pass' | 'fail', at: string) => r.service.recordInspection({ checklistId: 'quality-patrol', at, items: [{ code: 'q-rebar', result }] }, SAFETY);
    insp('pass', '2026-12-07T08:00:00+08:00');
    const failed = insp('fail', '2026-12-07T08:30:00+08:00');
    insp('pass', '2026-12-06T23:59:00+08:00'); // the day before, site time
    const a = r.service.raiseNotice({ source: { kind: 'inspection', inspectionId: failed.id, itemCode: 'q-rebar' }, companyId: r.seeded.companyId, dueDate: '2026-12-07', description: '钢筋间距超差' }, SAFETY);
    const b = r.service.raiseNotice({ source: { kind: 'direct' }, companyId: r.seeded.companyId, teamId: r.seeded.teamId, dueDate: '2026-12-10', description: '模板拼缝漏浆' }, SAFETY);
    r.photo('q-00000000000000000001.jpg');
    r.service.step(b.id, 'acknowledge', LABOUR, '');
    r.service.step(b.id, 'answer', LABOUR, '已处理', ['q-00000000000000000001.jpg']);
    r.service.step(b.id, 'verify-pass', SAFETY, '');
    void a;
    const [section] = createQualityReportSections({ db: r.db });
    expect(section).toMatchObject({ id: 'quality', order: 60 });
    const day = await section!.build(period('daily', '2026-12-07', '2026-12-07'));
    const figure = (label: string) => day!.figures.find((f) => f.label === label)!;
    expect(day!.heading).toBe('六、质量安全检查与整改');
    expect([figure('检查次数').value, figure('检查合格').value, figure('检查合格率').value]).toEqual([2, 1, 50]);
    expect([figure('下发整改通知单').value, figure('闭合整改通知单').value, figure('期末逾期未闭合').value]).toEqual([2, 1, 1]);
    expect(figure('检查次数').source).toMatchObject({ query: expect.stringContaining('FROM q_inspections'), params: { from: '2026-12-07', to: '2026-12-07' } });
    const open = day!.tables.find((t) => t.title === '未闭合整改通知单')!;
    expect(open.rows).toEqual([['ZG-20261207-001', '项目', '中建测试工程局', '', '2026-12-07', '已下发（逾期）', '钢筋间距超差']]);
    expect(day!.tables[0]!.rows.map((row) => row[2])).toEqual(['合格', '不合格']);
    expect(day!.charts).toHaveLength(0);
    const week = await section!.build(period('weekly', '2026-12-01', '2026-12-07'));
    expect(week!.figures[0]!.value).toBe(3);
    expect(week!.charts[0]!.option).toMatchObject({ xAxis: { data: ['12-01', '12-02', '12-03', '12-04', '12-05', '12-06', '12-07'] } });
    // A period with nothing to say.
    expect(await section!.build(period('daily', '2026-11-01', '2026-11-01'))).toBeNull();
  });
});
