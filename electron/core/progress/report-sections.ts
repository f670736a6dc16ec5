import { progressCurveOption } from '../../common/charts/progress-curve.js';
import { DELAY_BANDS, type DelayBand } from '../../common/progress.js';
import type { ReportSection, ReportSectionContent } from '../reports/report-section.js';
import type { ProgressService } from './progress-service.js';

export interface ProgressReportDeps {
  progress: Pick<ProgressService, 'overview' | 'completionsBetween'>;
}

const BAND_WORDS: Record<DelayBand, string> = { 'on-time': '按期', delayed: '滞后', 'badly-delayed': '严重滞后' };

/** Where completions come from, for the appendix: the site file's days with the console's edits on top. */
const COMPLETIONS_QUERY =
  'completions: site file progress.buildings[].floors[].completed, overridden by SELECT building_id, floor, completed_on, capture_id FROM progress_completions (completed_on NULL = taken back); completed_on BETWEEN :from AND :to';
const DELAY_QUERY = 'delay: common/progress.ts delayOf(floors, milestones, :asOf) — days since the lowest open floor (or open milestone) was due; 0 when not yet due';

/**
 * The report's progress section (order 70): floors completed in the period with their evidence,
 * each building's delay at the period's last day, and the planned-versus-actual curve. Delays are
 * counted at the period's end, so a report made later says what was known then.
 */
export function createProgressReportSections(deps: ProgressReportDeps): ReportSection[] {
  return [
    {
      id: 'progress',
      order: 70,
      async build(period): Promise<ReportSectionContent | null> {
        const overview = deps.progress.overview(period.to);
        if (overview.buildings.length === 0) return null;
        const done = deps.progress.completionsBetween(period.from, period.to);
        const range = { from: period.from, to: period.to };
        const figures: ReportSectionContent['figures'] = [
          { label: '本期完成楼层', value: done.length, unit: '层', source: { query: COMPLETIONS_QUERY, params: range } },
          { label: '项目总体滞后', value: overview.projectDelayDays, unit: '天', source: { query: `${DELAY_QUERY}; project = the largest building delay`, params: { asOf: overview.asOf } } },
          ...overview.buildings.map((b) => ({ label: `${b.name} 滞后`, value: b.delayDays, unit: '天', source: { query: DELAY_QUERY, params: { building: b.id, asOf: overview.asOf } } })),
        ];
        return {
          heading: '七、工程进度',
          figures,
          tables: [
            {
              title: '本期完成楼层',
              columns: ['楼栋', '楼层', '完成日期', '全景佐证'],
              rows: done.map((d) => [d.buildingName, d.floor, d.completed, d.captureId ?? '—']),
              source: { query: COMPLETIONS_QUERY, params: range },
            },
            {
              title: '各楼栋进度',
              columns: ['楼栋', '计划层数', '应完成层数', '已完成层数', '滞后天数', '状态'],
              rows: overview.buildings.map((b) => [b.name, b.plannedFloors, b.dueFloors, b.completedFloors, b.delayDays, BAND_WORDS[b.band]]),
              source: { query: DELAY_QUERY, params: { asOf: overview.asOf } },
            },
          ],
          charts: [
            {
              title: '计划与实际进度（层）',
              option: progressCurveOption({ buildings: overview.buildings, asOf: overview.asOf, surface: 'paper', words: { floors: '层', planned: '计划', actual: '实际', today: period.to } }),
              width: 760,
              height: 320,
            },
          ],
          notes: [
            `滞后天数：最低一层未完成楼层（或未完成节点）的计划日期至 ${overview.asOf} 的天数，未到期为 0；按期 ≤ ${DELAY_BANDS.onTimeMaxDays} 天，滞后 ≤ ${DELAY_BANDS.delayedMaxDays} 天，严重滞后 > ${DELAY_BANDS.delayedMaxDays} 天。`,
            ...(done.length === 0 ? ['本期无新完成楼层。'] : []),
          ],
        };
      },
    },
  ];
}
