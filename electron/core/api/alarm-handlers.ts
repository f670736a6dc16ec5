import type { Alarm, AlarmError, AlarmResult } from '../../common/alarms.js';
import { isAnnunciated, isUnacknowledged } from '../../common/alarms.js';
import { ApiError, type ApiErrorCode, type AuditEntryView, type ClipView } from '../../common/api.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { AuditRow } from '../alarms/audit-chain.js';
import type { Caller } from '../auth/auth-service.js';
import type { Database } from '../store/database.js';
import type { ApiHandlers, RequestContext } from './handlers.js';

type AlarmHandlerNames =
  | 'listAlarms'
  | 'getAlarm'
  | 'acknowledgeAlarm'
  | 'acknowledgeAlarms'
  | 'resetAlarm'
  | 'commentAlarm'
  | 'shelveAlarm'
  | 'unshelveAlarm'
  | 'getAlarmKpis'
  | 'verifyAudit'
  | 'startAuditVerification'
  | 'listAuditArchives'
  | 'listAudit'
  | 'getEscalationOutbox'
  | 'setDeviceService';

const ERROR_CODES: Record<AlarmError['code'], ApiErrorCode> = {
  forbidden: 'forbidden',
  'not-found': 'not-found',
  'stale-occurrence': 'conflict',
  'comment-required': 'bad-request',
  'invalid-transition': 'conflict',
  'bad-request': 'bad-request',
};

/** The alarm part of the contract: the engine decides (roles, states); this maps to API errors. */
export function createAlarmHandlers(alarms: AlarmService, _db: Database, clipsOf: (alarmId: string) => ClipView[] = () => []): Pick<ApiHandlers, AlarmHandlerNames> {
  const engine = alarms.engine;
  const actor = (context: RequestContext) => {
    const caller = context.caller as Caller;
    return { user: caller.username, role: caller.role };
  };
  const find = (id: string): Alarm => {
    const alarm = engine.byAlarmId(id) ?? engine.byConditionKey(id);
    if (!alarm) throw new ApiError('not-found', `no alarm "${id}"`, 'id');
    return alarm;
  };
  // Flush before answering so a client that acknowledged and then reads the audit sees its row.
  const settle = (result: AlarmResult<Alarm>): Alarm => {
    alarms.store.flush();
    if (result.ok) return result.value;
    throw new ApiError(ERROR_CODES[result.code], result.message, result.code === 'comment-required' ? 'comment' : undefined);
  };

  return {
    async listAlarms(query) {
      const state = query?.state ?? 'annunciated';
      return engine
        .alarms()
        .filter((a) => {
          if (query?.priority && a.priority !== query.priority) return false;
          if (query?.device && a.sourceDevice !== query.device) return false;
          switch (state) {
            case 'annunciated':
              return isAnnunciated(a);
            case 'unacked':
              return isAnnunciated(a) && isUnacknowledged(a);
            case 'active':
              return a.conditionActive;
            case 'shelved':
              return a.shelved !== null;
            case 'all':
              return true;
          }
        })
        .sort(byUrgency);
    },
    async getAlarm({ id }) {
      alarms.store.flush();
      const current = engine.byAlarmId(id) ?? engine.byConditionKey(id);
      const rows = alarms.store.audit({ alarmId: current?.id ?? id, limit: 5000 }).sort((x, y) => x.seq - y.seq);
      // A finished occurrence (reset, returned to normal) lives on in the audit log only.
      const live = current && current.state !== 'normal' && current.id === (rows[0]?.alarmId ?? current.id);
      const alarm = live ? current : (alarmFromHistory(rows) ?? current);
      if (!alarm) throw new ApiError('not-found', `no alarm "${id}"`, 'id');
      return { alarm, history: rows.map(toView), clips: clipsOf(alarm.id) };
    },
    async acknowledgeAlarm({ id, comment }, context) {
      return settle(engine.acknowledge(find(id).id, actor(context), comment, Date.now()));
    },
    async acknowledgeAlarms({ ids, comment }, context) {
      const result = engine.acknowledgeMany(ids, actor(context), comment, Date.now());
      alarms.store.flush();
      return { acknowledged: result.acknowledged, refused: result.refused.map((r) => ({ alarmId: r.alarmId, error: r.error.message })) };
    },
    async resetAlarm({ id, comment }, context) {
      return settle(engine.reset(find(id).id, actor(context), comment, Date.now()));
    },
    async commentAlarm({ id, text }, context) {
      return settle(engine.addComment(find(id).id, actor(context), text, Date.now()));
    },
    async shelveAlarm({ id, reason, minutes }, context) {
      const now = Date.now();
      return settle(engine.shelve(find(id).conditionKey, actor(context), reason, now + minutes * 60_000, now));
    },
    async unshelveAlarm({ id }, context) {
      return settle(engine.unshelve(find(id).conditionKey, actor(context), Date.now()));
    },
    async getAlarmKpis() {
      return engine.kpis(Date.now());
    },
    async setDeviceService({ id, inService, reason }, context) {
      const caller = context.caller as Caller;
      const view = alarms.outOfService.set(id, !inService, reason ?? '', caller.username);
      if (!view) throw new ApiError('not-found', `no device "${id}" on this site`, 'id');
      alarms.store.flush();
      return view;
    },
    // Role checks for the audit log are on the routes (AUDIT_READERS).
    async verifyAudit() {
      return alarms.verifier.progress();
    },
    async startAuditVerification() {
      return alarms.verifier.start();
    },
    async listAuditArchives() {
      return alarms.archiver ? alarms.archiver.list() : [];
    },
    async listAudit(query) {
      alarms.store.flush();
      return alarms.store.audit({ ...(query?.beforeSeq !== undefined ? { beforeSeq: query.beforeSeq } : {}), limit: query?.limit ?? 200 }).map(toView);
    },
    async getEscalationOutbox() {
      return alarms.escalations.view();
    },
  };
}

const PRIORITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Unacknowledged first, then by priority, then newest first: the order an operator works in. */
function byUrgency(a: Alarm, b: Alarm): number {
  const ua = isUnacknowledged(a) ? 0 : 1;
  const ub = isUnacknowledged(b) ? 0 : 1;
  if (ua !== ub) return ua - ub;
  if (PRIORITY_RANK[a.priority] !== PRIORITY_RANK[b.priority]) return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  return (b.activatedAt ?? 0) - (a.activatedAt ?? 0);
}

/** Rebuilds a past occurrence from its audit rows (oldest first); null when there are none. */
export function alarmFromHistory(rows: readonly AuditRow[]): Alarm | null {
  const last = rows[rows.length - 1];
  if (!last) return null;
  const firstOf = (type: string) => rows.find((r) => r.type === type);
  const detail = last.detail as { value?: number | null; limit?: number | null; unit?: string; message?: string; conditionActive?: boolean; latched?: boolean; escalated?: boolean };
  const acked = firstOf('acknowledged');
  const reset = firstOf('reset');
  const escalated = firstOf('escalated');
  return {
    id: last.alarmId,
    conditionKey: last.conditionKey,
    sourceDevice: last.sourceDevice,
    priority: last.priority as Alarm['priority'],
    message: detail.message ?? '',
    value: detail.value ?? null,
    peakValue: null,
    limit: detail.limit ?? null,
    unit: detail.unit ?? '',
    state: last.state as Alarm['state'],
    conditionActive: detail.conditionActive ?? false,
    // The reset row no longer carries the latch; the occurrence was latched if any row said so.
    latched: rows.some((r) => (r.detail as { latched?: boolean }).latched === true),
    activatedAt: firstOf('activated')?.at ?? null,
    ackedAt: acked?.at ?? null,
    ackedBy: acked?.actor ?? null,
    rtnAt: firstOf('returned-to-normal')?.at ?? null,
    resetAt: reset?.at ?? null,
    resetBy: reset?.actor ?? null,
    escalated: escalated !== undefined,
    escalatedAt: escalated?.at ?? null,
    shelved: null,
    suppressed: null,
    outOfService: null,
    comments: rows.filter((r) => r.text && (r.type === 'commented' || r.type === 'acknowledged' || r.type === 'reset')).map((r) => ({ at: r.at, by: r.actor, text: r.text! })),
  };
}

function toView(row: AuditRow): AuditEntryView {
  return {
    seq: row.seq,
    at: row.at,
    eventType: row.type,
    alarmId: row.alarmId,
    conditionKey: row.conditionKey,
    sourceDevice: row.sourceDevice,
    priority: row.priority,
    actor: row.actor,
    actorRole: row.actorRole,
    text: row.text,
    state: row.state,
    hash: row.hash,
  };
}
