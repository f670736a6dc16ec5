import { alarmsByPriorityOption } from '../../../common/charts/reports-charts.js';
import type { AlarmPriority } from '../../../common/alarms.js';
import type { Database } from '../../store/database.js';
import { periodParams, siteStamp } from '../report-period.js';
import type { ReportAttachment, ReportFigure, ReportSection, ReportSectionContent } from '../report-section.js';

/** Occurrences raised in the period with every audit event of theirs (acks, comments, clears), in chain order. */
export const ALARM_EVENTS_QUERY = `SELECT alarm_id, event_type, at, source_device, priority, actor, text, detail FROM alarm_audit WHERE alarm_id IN (SELECT alarm_id FROM alarm_audit WHERE event_type = 'activated' AND at >= :startMs AND at < :endMs) ORDER BY seq`;
/** Evidence clips recorded for those occurrences (files in DATA/clips). */
export const ALARM_CLIPS_QUERY = `SELECT c.alarm_id, c.camera_id, c.file, c.started_at FROM alarm_clips c WHERE c.alarm_id IN (SELECT alarm_id FROM alarm_audit WHERE event_type = 'activated' AND at >= :startMs AND at < :endMs) ORDER BY c.started_at`;

export const PRIORITY_TEXT: Record<AlarmPriority, string> = { critical: '紧急', high: '高', medium: '中', low: '低' };
/** The alarm palette (the console's --alarm-* colours): colour means priority. */
const PRIORITY_COLOUR: Record<AlarmPriority, string> = { critical: '#e0312b', high: '#f07c1e', medium: '#e8c21a', low: '#4aa3df' };
const PRIORITIES: AlarmPriority[] = ['critical', 'high', 'medium', 'low'];

interface EventRow {
  alarm_id: string;
  event_type: string;
  at: number;
  source_device: string;
  priority: AlarmPriority;
  actor: string;
  text: string | null;
  detail: string;
}

interface Occurrence {
  id: string;
  device: string;
  priority: AlarmPriority;
  message: string;
  raisedAt: number;
  ackedAt: number | null;
  ackedBy: string | null;
  clearedAt: number | null;
  handlers: Set<string>;
  comments: string[];
}

/**
 * 报警与处置 (order 40): the period's alarms with their handling as the audit chain recorded it —
 * priority, device, raised / acknowledged / cleared, who handled them, their comments — and their
 * evidence clips as attachments (安全日志 records each hazard and how it was dealt with; EEMUA 191
 * / ISA-18.2 measure time to acknowledge).
 */
export function createAlarmsSection(db: Database, deviceName: (id: string) => string): ReportSection {
  const events = db.prepare(ALARM_EVENTS_QUERY);
  const clips = db.prepare(ALARM_CLIPS_QUERY);
  return {
    id: 'alarms',
    order: 40,
    async build(period): Promise<ReportSectionContent> {
      const params = { startMs: period.startMs, endMs: period.endMs };
      const byId = new Map<string, Occurrence>();
      for (const r of events.iterate(params) as IterableIterator<EventRow>) {
        let o = byId.get(r.alarm_id);
        if (r.event_type === 'activated') {
          if (o) continue;
          const detail = JSON.parse(r.detail) as { message?: string };
          o = { id: r.alarm_id, device: r.source_device, priority: r.priority, message: detail.message ?? '', raisedAt: r.at, ackedAt: null, ackedBy: null, clearedAt: null, handlers: new Set(), comments: [] };
          byId.set(r.alarm_id, o);
          continue;
        }
        if (!o) continue;
        if (r.actor !== 'system') o.handlers.add(r.actor);
        if (r.event_type === 'acknowledged' && o.ackedAt === null) {
          o.ackedAt = r.at;
          o.ackedBy = r.actor;
        }
        if ((r.event_type === 'returned-to-normal' || r.event_type === 'reset') && o.clearedAt === null) o.clearedAt = r.at;
        if (r.text) o.comments.push(`${r.actor}：${r.text}`);
      }
      const list = [...byId.values()];
      const src = { query: ALARM_EVENTS_QUERY, params: periodParams(period) };
      const acked = list.filter((o) => o.ackedAt !== null);
      const ackMinutes = acked.map((o) => (o.ackedAt! - o.raisedAt) / 60_000);
      const meanAck = ackMinutes.length ? Math.round((ackMinutes.reduce((a, b) => a + b, 0) / ackMinutes.length) * 10) / 10 : null;
      const figures: ReportFigure[] = [
        { label: '报警总数', value: list.length, unit: '次', source: src },
        ...PRIORITIES.map((p) => ({ label: `${PRIORITY_TEXT[p]}级报警`, value: list.filter((o) => o.priority === p).length, unit: '次', source: { query: ALARM_EVENTS_QUERY, params: { ...periodParams(period), priority: p } } })),
        { label: '已确认', value: acked.length, unit: '次', source: src },
        { label: '已消除', value: list.filter((o) => o.clearedAt !== null).length, unit: '次', source: src },
        { label: '平均确认用时', value: meanAck, unit: '分钟', source: { query: `${ALARM_EVENTS_QUERY} -- mean(acknowledged.at - activated.at)`, params: periodParams(period) } },
      ];
      const tz = period.timeZone;
      const rows = list.map((o, i) => [
        i + 1,
        PRIORITY_TEXT[o.priority],
        deviceName(o.device),
        o.message,
        siteStamp(o.raisedAt, tz),
        o.ackedAt === null ? '未确认' : `${siteStamp(o.ackedAt, tz)} ${o.ackedBy ?? ''}`,
        o.clearedAt === null ? '未消除' : siteStamp(o.clearedAt, tz),
        [...o.handlers].join('、'),
        o.comments.join('；'),
      ]);
      const clipRows = clips.all(params) as Array<{ alarm_id: string; camera_id: string; file: string; started_at: number }>;
      const attachments: ReportAttachment[] = clipRows.map((c) => ({ label: `${deviceName(byId.get(c.alarm_id)?.device ?? '')} ${siteStamp(c.started_at, tz)} 证据录像（${c.camera_id}）`, file: `clips/${c.file}` }));
      return {
        heading: '四、报警与处置',
        figures,
        tables: [
          {
            title: '报警处置记录',
            columns: ['序号', '级别', '设备', '报警内容', '发生时间', '确认', '消除时间', '处置人', '处置说明'],
            rows,
            source: src,
          },
        ],
        charts: list.length ? [{ title: '报警按级别', option: alarmsByPriorityOption(PRIORITIES.map((p) => PRIORITY_TEXT[p]), PRIORITIES.map((p) => list.filter((o) => o.priority === p).length), PRIORITIES.map((p) => PRIORITY_COLOUR[p])) }] : [],
        notes: list.length ? [`证据录像 ${attachments.length} 段，见附件清单。`] : ['本期间无报警。'],
        attachments,
      };
    },
  };
}
