import type { Alarm, AlarmKpis, AlarmPriority } from '../alarms.js';
import { ROLE_PERMISSIONS } from '../permissions.js';
import type { RouteSpec } from './route-spec.js';

/** Which alarms to list. `annunciated` (default): what the operator must see — not normal, not shelved/suppressed/out of service. */
export interface AlarmQuery {
  state?: 'annunciated' | 'unacked' | 'active' | 'shelved' | 'all';
  priority?: AlarmPriority;
  device?: string;
}

/** One row of the append-only alarm audit log (hash-chained; see GET /api/audit/verify). */
export interface AuditEntryView {
  seq: number;
  at: number;
  eventType: string;
  alarmId: string;
  conditionKey: string;
  sourceDevice: string;
  priority: string;
  actor: string;
  actorRole: string;
  text: string | null;
  state: string;
  hash: string;
}

/** Video evidence attached to an alarm: pre-roll + post-roll from a linked camera. */
export interface ClipView {
  cameraId: string;
  file: string;
  startedAt: number;
  durationSec: number;
  bytes: number;
  /** GET with the bearer token, or `?token=` in a <video> element. */
  url: string;
}

export interface AlarmDetail {
  alarm: Alarm;
  /** This occurrence's events, oldest first. */
  history: AuditEntryView[];
  /** Evidence clips (written about 20 s after activation, when a linked camera records). */
  clips: ClipView[];
}

export interface BulkAckReply {
  acknowledged: Alarm[];
  refused: { alarmId: string; error: string }[];
}

export type AuditVerifyReply = { ok: true; rows: number; headHash: string } | { ok: false; rows: number; brokenSeq: number; reason: string };

/** The alarm workflow (ISA-18.2): list, acknowledge, reset, comment, shelve; KPIs and the audit chain. */
export interface AlarmsApi {
  listAlarms(query?: AlarmQuery): Promise<Alarm[]>;
  getAlarm(request: { id: string }): Promise<AlarmDetail>;
  /** Critical and high need a comment (who acknowledged and why is the point of the record). */
  acknowledgeAlarm(request: { id: string; comment?: string }): Promise<Alarm>;
  acknowledgeAlarms(request: { ids: string[]; comment?: string }): Promise<BulkAckReply>;
  /** Clears a latched alarm whose condition has returned to normal (safety officer, admin). */
  resetAlarm(request: { id: string; comment?: string }): Promise<Alarm>;
  commentAlarm(request: { id: string; text: string }): Promise<Alarm>;
  /** Hides an alarm point until `minutes` from now (safety officer, admin). */
  shelveAlarm(request: { id: string; reason: string; minutes: number }): Promise<Alarm>;
  unshelveAlarm(request: { id: string }): Promise<Alarm>;
  getAlarmKpis(): Promise<AlarmKpis>;
  verifyAudit(): Promise<AuditVerifyReply>;
}

export const ALARM_ROUTES = {
  listAlarms: { verb: 'GET', path: '/api/alarms', auth: true },
  acknowledgeAlarms: { verb: 'POST', path: '/api/alarms/ack', auth: true },
  getAlarm: { verb: 'GET', path: '/api/alarms/:id', auth: true },
  acknowledgeAlarm: { verb: 'POST', path: '/api/alarms/:id/ack', auth: true },
  resetAlarm: { verb: 'POST', path: '/api/alarms/:id/reset', auth: true },
  commentAlarm: { verb: 'POST', path: '/api/alarms/:id/comment', auth: true },
  shelveAlarm: { verb: 'POST', path: '/api/alarms/:id/shelve', auth: true },
  unshelveAlarm: { verb: 'POST', path: '/api/alarms/:id/unshelve', auth: true },
  getAlarmKpis: { verb: 'GET', path: '/api/alarm-kpis', auth: true },
  verifyAudit: { verb: 'GET', path: '/api/audit/verify', auth: true, roles: ROLE_PERMISSIONS.verifyAudit },
} as const satisfies Record<keyof AlarmsApi, RouteSpec>;
