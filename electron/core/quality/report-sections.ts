/**
 * The quality section of the daily, weekly and monthly reports (施工日志 / 安全日志: inspections
 * and rectifications of the period): the period's inspections with their results, notices raised,
 * closed and overdue, and the notices still open at the period's end. Every figure names its query.
 */
import { inspectionsByDayOption } from '../../common/charts/quality-inspections.js';
import { checklistById } from '../../common/quality-checklists.js';
import type { ReportPeriod, ReportSection, ReportSectionContent } from '../reports/report-section.js';
import { siteLocalTime } from '../alarms/rules/site-clock.js';
import type { Database } from '../store/database.js';
import { addDays } from '../workforce/certificate-watch.js';

export interface QualityReportDeps {
  db: Database;
  /** Readable location of an inspection or notice (building and floor, panorama point). */
  locationText?: (locationJson: string | null) => string;
}

const Q_INSPECTIONS = `SELECT id, checklist_id, result, inspector, at, location,
  (SELECT count(*) FROM q_inspection_items t WHERE t.inspection_id = i.id AND t.result = 'fail') AS failed
  FROM q_inspections i WHERE at >= :startMs AND at < :endMs ORDER BY at`;
const Q_RAISED = 'SELECT count(*) AS n FROM q_notices WHERE raised_at >= :startMs AND raised_at < :endMs';
const Q_CLOSED = 'SELECT count(*) AS n FROM q_notices WHERE closed_at >= :startMs AND closed_at < :endMs';
const Q_OVERDUE = 'SELECT count(*) AS n FROM q_notices WHERE raised_at < :endMs AND due_date <= :to AND (closed_at IS NULL OR closed_at >= :endMs)';
const Q_OPEN = `SELECT n.number, n.origin, n.due_date, n.description, n.state, c.name AS company, t.name AS team FROM q_notices n
  LEFT JOIN wf_companies c ON c.id = n.company_id LEFT JOIN wf_teams t ON t.id = n.team_id
  WHERE n.raised_at < :endMs AND (n.closed_at IS NULL OR n.closed_at >= :endMs) ORDER BY n.due_date, n.id LIMIT 500`;

const STATE_ZH: Record<string, string> = { raised: '已下发', rectifying: '整改中', answered: '已回复', closed: '已闭合' };

export function createQualityReportSections(deps: QualityReportDeps): ReportSection[] {
  return [{ id: 'quality', order: 60, build: (period) => Promise.resolve(buildQualitySection(deps, period)) }];
}

export function buildQualitySection(deps: QualityReportDeps, period: ReportPeriod): ReportSectionContent | null {
  const { db } = deps;
  const range = { startMs: period.startMs, endMs: period.endMs };
  const inspections = db.prepare(Q_INSPECTIONS).all(range) as { id: number; checklist_id: string; result: string; inspector: string; at: number; location: string | null; failed: number }[];
  const raised = (db.prepare(Q_RAISED).get(range) as { n: number }).n;
  const closed = (db.prepare(Q_CLOSED).get(range) as { n: number }).n;
  const overdue = (db.prepare(Q_OVERDUE).get({ ...range, to: period.to }) as { n: number }).n;
  const open = db.prepare(Q_OPEN).all(range) as { number: string; origin: string; due_date: string; description: string; state: string; company: string | null; team: string | null }[];
  if (inspections.length === 0 && raised === 0 && closed === 0 && open.length === 0) return null;
  const passed = inspections.filter((i) => i.result === 'pass').length;
  const params = { startMs: period.startMs, endMs: period.endMs, from: period.from, to: period.to };
  const content: ReportSectionContent = {
    heading: '六、质量安全检查与整改',
    figures: [
      { label: '检查次数', value: inspections.length, unit: '次', source: { query: Q_INSPECTIONS, params } },
      { label: '检查合格', value: passed, unit: '次', source: { query: Q_INSPECTIONS, params } },
      { label: '检查合格率', value: inspections.length ? Math.round((passed / inspections.length) * 1000) / 10 : null, unit: '%', source: { query: `${Q_INSPECTIONS} -- passed / all`, params } },
      { label: '下发整改通知单', value: raised, unit: '份', source: { query: Q_RAISED, params } },
      { label: '闭合整改通知单', value: closed, unit: '份', source: { query: Q_CLOSED, params } },
      { label: '期末逾期未闭合', value: overdue, unit: '份', source: { query: Q_OVERDUE, params } },
    ],
    tables: [
      {
        title: '检查记录',
        columns: ['时间', '检查表', '结果', '不合格项', '检查人', '部位'],
        rows: inspections.map((i) => [
          formatLocal(i.at, period.timeZone),
          checklistById(i.checklist_id)?.zh ?? i.checklist_id,
          i.result === 'pass' ? '合格' : '不合格',
          i.failed,
          i.inspector,
          deps.locationText?.(i.location) ?? '',
        ]),
        source: { query: Q_INSPECTIONS, params },
      },
      {
        title: '未闭合整改通知单',
        columns: ['编号', '来源', '责任单位', '班组', '整改期限', '状态', '内容'],
        rows: open.map((n) => [
          n.number,
          n.origin === 'authority' ? '监督机构' : '项目',
          n.company ?? '',
          n.team ?? '',
          n.due_date,
          `${STATE_ZH[n.state] ?? n.state}${n.due_date <= period.to ? '（逾期）' : ''}`,
          n.description,
        ]),
        source: { query: Q_OPEN, params },
      },
    ],
    charts: [],
    notes: [],
  };
  if (inspections.length === 0) content.notes!.push('本期无检查记录。');
  if (open.length === 0) content.notes!.push('本期末无未闭合整改通知单。');
  if (period.kind !== 'daily') {
    const days: { day: string; inspections: number; passed: number }[] = [];
    for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push({ day, inspections: 0, passed: 0 });
    for (const i of inspections) {
      const d = days.find((x) => x.day === siteLocalTime(i.at, period.timeZone).day);
      if (!d) continue;
      d.inspections++;
      if (i.result === 'pass') d.passed++;
    }
    content.charts.push({ title: '每日检查与合格', option: inspectionsByDayOption(days, 'paper') });
  }
  return content;
}

function formatLocal(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}
