import type { Database } from '../../store/database.js';
import { periodParams, siteStamp } from '../report-period.js';
import type { ReportSection, ReportSectionContent } from '../report-section.js';

/** Captures taken (or, without a capture time, received) in the period, per capture point. */
export const PANORAMA_QUERY = `SELECT id, point_id, COALESCE(captured_at, ingested_at) AS at FROM panorama_captures WHERE COALESCE(captured_at, ingested_at) >= :startMs AND COALESCE(captured_at, ingested_at) < :endMs ORDER BY at`;

/**
 * 全景影像 (order 80): the period's panorama captures per capture point, each capture's
 * thumbnail as an attachment (the photographic record of progress a construction log keeps).
 */
export function createPanoramasSection(db: Database, pointName: (id: string) => string | null): ReportSection {
  const stmt = db.prepare(PANORAMA_QUERY);
  return {
    id: 'panoramas',
    order: 80,
    async build(period): Promise<ReportSectionContent> {
      const rows = stmt.all({ startMs: period.startMs, endMs: period.endMs }) as Array<{ id: string; point_id: string | null; at: number }>;
      const src = { query: PANORAMA_QUERY, params: periodParams(period) };
      const byPoint = new Map<string, typeof rows>();
      for (const r of rows) {
        const key = r.point_id ?? '';
        byPoint.set(key, [...(byPoint.get(key) ?? []), r]);
      }
      const name = (id: string) => (id === '' ? '未指定拍摄点' : (pointName(id) ?? id));
      return {
        heading: '八、全景影像',
        figures: [
          { label: '全景拍摄', value: rows.length, unit: '张', source: src },
          { label: '涉及拍摄点', value: [...byPoint.keys()].filter((k) => k !== '').length, unit: '个', source: src },
        ],
        tables: [
          {
            title: '各拍摄点拍摄情况',
            columns: ['拍摄点', '张数', '首次拍摄', '末次拍摄'],
            rows: [...byPoint.entries()].map(([point, list]) => [name(point), list.length, siteStamp(list[0]!.at, period.timeZone), siteStamp(list[list.length - 1]!.at, period.timeZone)]),
            source: src,
          },
        ],
        charts: [],
        notes: rows.length ? [] : ['本期间无全景拍摄。'],
        attachments: rows.map((r) => ({ label: `${name(r.point_id ?? '')} ${siteStamp(r.at, period.timeZone)}`, file: `panoramas/captures/${r.id}/thumb.jpeg` })),
      };
    },
  };
}
