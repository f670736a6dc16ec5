import type { Alarm, AlarmKpis, AlarmPriority } from '../alarms.js';
import { ROLE_PERMISSIONS } from '../permissions.js';
import type { RouteSpec } from './route-spec.js';

/** Who may read and verify the whole audit log: the permission table's `verifyAudit` row (safety officers, administrators). */
export const AUDIT_READERS = ROLE_PERMISSIONS.verifyAudit;

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

/**
 * The result of walking the audit chain. `firstSeq`: where the live table's chain starts (1, or
 * the row after the newest archived range); `rows`: rows found intact before the end or the break.
 */
export type AuditVerifyReply =
  | { ok: true; rows: number; firstSeq: number; headHash: string }
  | { ok: false; rows: number; firstSeq: number; brokenSeq: number; reason: string };

/** A verification job: started by POST, polled by GET; concurrent requests share one job. */
export interface AuditVerifyProgress {
  state: 'idle' | 'running' | 'done';
  /** Rows checked so far, of `total` rows in the live table. */
  checked: number;
  total: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** Set when `state` is 'done'. */
  result: AuditVerifyReply | null;
}

/** One archived range of the audit log (a signed JSON Lines file in DATA/audit-archive). */
export interface AuditArchiveView {
  file: string;
  firstSeq: number;
  lastSeq: number;
  rows: number;
  createdAt: number;
  /** The file's signature and hash chain checked now; `reason` says what does not fit. */
  ok: boolean;
  reason: string | null;
}

/** Escalations waiting for the broker's acknowledgement (QoS 1), and those refused when the outbox was full. */
export interface EscalationOutboxView {
  pending: number;
  dropped: number;
  oldestAt: number | null;
  lastError: string | null;
}

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
  /** The running or last verification job (safety officer, admin). */
  verifyAudit(): Promise<AuditVerifyProgress>;
  /** Starts verifying the audit chain, or joins the job already running (safety officer, admin). */
  startAuditVerification(): Promise<AuditVerifyProgress>;
  /** Archived ranges of the audit log, each file's signature checked (safety officer, admin). */
  listAuditArchives(): Promise<AuditArchiveView[]>;
  /** Newest audit rows of every kind, security events included (safety officer, admin). */
  listAudit(query?: { beforeSeq?: number; limit?: number }): Promise<AuditEntryView[]>;
  getEscalationOutbox(): Promise<EscalationOutboxView>;
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
  verifyAudit: { verb: 'GET', path: '/api/audit/verify', auth: true, roles: AUDIT_READERS },
  startAuditVerification: { verb: 'POST', path: '/api/audit/verify', auth: true, roles: AUDIT_READERS },
  listAuditArchives: { verb: 'GET', path: '/api/audit/archives', auth: true, roles: AUDIT_READERS },
  listAudit: { verb: 'GET', path: '/api/audit', auth: true, roles: AUDIT_READERS },
  getEscalationOutbox: { verb: 'GET', path: '/api/escalations/outbox', auth: true },
} as const satisfies Record<keyof AlarmsApi, RouteSpec>;
