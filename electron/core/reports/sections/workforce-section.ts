import type { Database } from '../../store/database.js';
import { dayBounds, periodDays, periodParams } from '../report-period.js';
import type { ReportSection, ReportSectionContent } from '../report-section.js';

const ENTRIES = `FROM wf_passages p JOIN wf_workers w ON w.id = p.worker_id WHERE p.direction = 'in' AND p.outcome = 'admitted' AND p.at >= :startMs AND p.at < :endMs`;
/** Workers who entered through a gate in the period, and their entries. */
export const WORKFORCE_TOTAL_QUERY = `SELECT COUNT(DISTINCT p.worker_id) AS workers, COUNT(*) AS entries ${ENTRIES}`;
/** The same by trade (工种). */
export const WORKFORCE_TRADE_QUERY = `SELECT w.trade AS name, COUNT(DISTINCT p.worker_id) AS workers, COUNT(*) AS entries ${ENTRIES} GROUP BY w.trade ORDER BY workers DESC, name`;
/** The same by company: the worker's membership open in the period (or the latest one). */
export const WORKFORCE_COMPANY_QUERY = `SELECT COALESCE(c.name, '未登记单位') AS name, COUNT(DISTINCT p.worker_id) AS workers, COUNT(*) AS entries ${ENTRIES.replace(
  'WHERE',
  `LEFT JOIN wf_companies c ON c.id = (SELECT m.company_id FROM wf_memberships m WHERE m.worker_id = p.worker_id AND m.entered_on <= :to AND (m.exited_on IS NULL OR m.exited_on >= :from) ORDER BY m.entered_on DESC LIMIT 1) WHERE`,
)} GROUP BY c.id ORDER BY workers DESC, name`;
/** Worker-days (人日): per site day the workers who entered, summed over the days. */
export const WORKFORCE_DAY_QUERY = `SELECT COUNT(DISTINCT p.worker_id) AS workers ${ENTRIES}`;

/**
 * 劳动力 (order 20): who worked on the site — workers who entered through the real-name gates
 * (住建部 《建筑工人实名制管理办法》: attendance is recorded at the gates), by trade and by
 * company, and worker-days over the period.
 */
export function createWorkforceSection(db: Database): ReportSection {
  const total = db.prepare(WORKFORCE_TOTAL_QUERY);
  const byTrade = db.prepare(WORKFORCE_TRADE_QUERY);
  const byCompany = db.prepare(WORKFORCE_COMPANY_QUERY);
  const perDay = db.prepare(WORKFORCE_DAY_QUERY);
  return {
    id: 'workforce',
    order: 20,
    async build(period): Promise<ReportSectionContent> {
      const range = { startMs: period.startMs, endMs: period.endMs };
      const t = total.get(range) as { workers: number; entries: number };
      const days = periodDays(period);
      const daily = days.map((day) => [day, (perDay.get(dayBounds(day, period.timeZone)) as { workers: number }).workers] as const);
      const workerDays = daily.reduce((s, [, n]) => s + n, 0);
      const p = periodParams(period);
      const trades = byTrade.all(range) as Array<{ name: string; workers: number; entries: number }>;
      const companies = byCompany.all({ ...range, from: period.from, to: period.to }) as Array<{ name: string; workers: number; entries: number }>;
      const tables = [
        { title: '按工种', columns: ['工种', '人数', '进场人次'], rows: trades.map((r) => [r.name, r.workers, r.entries]), source: { query: WORKFORCE_TRADE_QUERY, params: p } },
        { title: '按单位', columns: ['单位', '人数', '进场人次'], rows: companies.map((r) => [r.name, r.workers, r.entries]), source: { query: WORKFORCE_COMPANY_QUERY, params: p } },
      ];
      if (days.length > 1) tables.push({ title: '逐日出勤人数', columns: ['日期', '人数'], rows: daily.map(([d, n]) => [d, n]), source: { query: WORKFORCE_DAY_QUERY, params: { ...p, per: 'site day' } } });
      return {
        heading: '二、劳动力',
        figures: [
          { label: '出勤人数', value: t.workers, unit: '人', source: { query: WORKFORCE_TOTAL_QUERY, params: p } },
          { label: '进场人次', value: t.entries, unit: '人次', source: { query: WORKFORCE_TOTAL_QUERY, params: p } },
          { label: '出勤人日', value: workerDays, unit: '人日', source: { query: WORKFORCE_DAY_QUERY, params: { ...p, per: 'site day, summed' } } },
        ],
        tables,
        charts: [],
        notes: t.workers ? ['人数按实名制闸机进场记录统计（同一人多次进场计一人）。'] : ['本期间无实名制闸机进场记录。'],
      };
    },
  };
}
