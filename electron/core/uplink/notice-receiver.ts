/**
 * The site's side of coordinated enforcement (协同执法): what the supervising authority sends down
 * (electron/common/supervision.ts DownlinkMessage) becomes the site's own rectification notice
 * (origin 'authority', external_ref = the authority's notice id), and a stop-work order (停工令)
 * also raises a critical alarm on the wall until the authority closes it.
 *
 * Refused (logged, counted, audited, never applied): a payload that is not a downlink message,
 * one for another site, and one whose Ed25519 signature does not verify with the authority's
 * public key — anyone able to reach the broker could otherwise order this site around. A message
 * is applied once: `outbox.firstDelivery` and the effect commit in one SQLite transaction, so a
 * redelivery (QoS 1 is at least once) changes nothing.
 */
import type { QualityAssignee } from '../../common/api/quality.js';
import type { NoticeView } from '../../common/api/quality.js';
import { QUALITY_ALARM_SOURCE } from '../../common/quality.js';
import type { DownlinkMessage, NoticeEvidence, NoticeReceiptBody } from '../../common/supervision.js';
import type { SecurityEvent } from '../alarms/alarm-store.js';
import type { ConditionEvaluation } from '../../common/alarms.js';
import { flagCondition } from '../alarms/rules/condition.js';
import type { QualityActor } from '../quality/quality-service.js';
import type { Outbox } from './outbox.js';
import { downlinkSignatureValid } from './notice-signature.js';
import { SUPERVISION_CHANNEL } from './publisher.js';

/** The outbox's channel name for downlink message ids (firstDelivery). */
export const DOWNLINK_CHANNEL = 'supervision-down';
/** Condition keys of stop-work alarms start with this (one per order). */
export const STOP_WORK_KEY_PREFIX = 'authority:stop-work:';

/** The parts of the quality service the receiver uses (electron/core/quality/quality-service.ts). */
export interface ReceiverQuality {
  raiseNotice: (
    input: { source: { kind: 'direct' }; companyId: number; dueDate: string; description: string },
    actor: QualityActor,
    origin: { origin: 'authority'; externalRef: string },
  ) => NoticeView;
  step: (id: number, action: 'verify-pass' | 'verify-fail', actor: QualityActor, text: string) => NoticeView;
  byExternalRef: (externalRef: string) => { id: number; state: string } | null;
  today: () => string;
}

/** What the site console's downlink needs to apply an authority's notice. */
export interface NoticeReceiverDeps {
  siteId: string;
  outbox: Outbox;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** The authority's Ed25519 public key (SPKI PEM); null: nothing from above is accepted. */
  authorityPublicKey?: () => string | null;
  quality?: ReceiverQuality;
  /** Companies on site: a notice from above goes to the first (the general contractor, registered first). */
  assignees?: () => QualityAssignee[];
  /** Runs `fn` in one SQLite transaction (the delivery record and its effect together). */
  transaction?: <T>(fn: () => T) => T;
  /** The site's audit chain. */
  audit?: (event: SecurityEvent) => void;
  /** Raises or clears an alarm (stop-work orders). */
  raiseAlarm?: (evaluation: ConditionEvaluation) => void;
}

export interface NoticeReceiverStats {
  applied: number;
  duplicates: number;
  refused: number;
  lastRefusal: string | null;
}

export interface NoticeReceiver {
  /**
   * Applies one downlink payload. Resolves once it is applied (or refused with a reason logged
   * and counted): the MQTT PUBACK is sent after this, so a crash before it brings a redelivery,
   * which `outbox.firstDelivery` turns into nothing.
   */
  handle(payload: Buffer): Promise<void>;
  stats(): NoticeReceiverStats;
}

const KIND_ZH = { rectification: '监督整改通知', 'stop-work': '停工整改令' } as const;
const EVIDENCE_ZH: Record<NoticeEvidence['type'], string> = { alarm: '报警', clip: '录像片段', 'panorama-pin': '全景标注', photo: '照片' };

function parse(payload: Buffer): DownlinkMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return 'not JSON';
  }
  const m = value as Partial<DownlinkMessage> | null;
  if (!m || typeof m !== 'object' || m.v !== 1) return 'not a downlink message (v 1)';
  if (typeof m.messageId !== 'string' || !m.messageId || m.messageId.length > 100) return 'no messageId';
  if (typeof m.noticeId !== 'string' || !/^[A-Za-z0-9-]{1,60}$/.test(m.noticeId)) return 'no valid noticeId';
  if (!['notice', 'notice-verified', 'notice-closed', 'notice-reopened'].includes(m.type as string)) return `unknown type ${String(m.type)}`;
  if (m.type === 'notice' && (!m.notice || typeof m.notice.title !== 'string' || typeof m.notice.body !== 'string' || typeof m.notice.dueDate !== 'string' || !Array.isArray(m.notice.evidence))) {
    return 'a notice without its title, body, due date or evidence';
  }
  return m as DownlinkMessage;
}

export function noticeDescription(m: DownlinkMessage): string {
  const n = m.notice!;
  const evidence = n.evidence.map((e) => `${EVIDENCE_ZH[e.type] ?? e.type} ${e.ref}${e.note ? `（${e.note}）` : ''}`).join('；');
  return [`【${KIND_ZH[n.kind] ?? n.kind}】${n.title}`, n.body, evidence ? `证据：${evidence}` : '', `签发：${n.issuer}（${m.noticeId}）`].filter(Boolean).join('\n');
}

export function createNoticeReceiver(deps: NoticeReceiverDeps): NoticeReceiver {
  const stats: NoticeReceiverStats = { applied: 0, duplicates: 0, refused: 0, lastRefusal: null };
  const actorOf = (m: DownlinkMessage): QualityActor => ({ username: `authority:${m.by}`.slice(0, 60), role: 'authority' });

  const refuse = (reason: string, m?: DownlinkMessage) => {
    stats.refused++;
    stats.lastRefusal = reason;
    deps.log('warn', `downlink message refused: ${reason}`);
    deps.audit?.({ type: 'authority-downlink-refused', actor: 'supervision', actorRole: 'system', text: `downlink message refused: ${reason}`, detail: { messageId: m?.messageId ?? null, noticeId: m?.noticeId ?? null } });
  };

  const stopWorkAlarm = (m: DownlinkMessage, active: boolean) => {
    deps.raiseAlarm?.(
      flagCondition({
        conditionKey: `${STOP_WORK_KEY_PREFIX}${m.noticeId}`,
        sourceDevice: QUALITY_ALARM_SOURCE,
        priority: 'critical',
        message: active ? `Stop-work order ${m.noticeId} from the supervising authority: ${m.notice?.title ?? ''}` : `stop-work order ${m.noticeId} closed`,
        ...(active ? { text: { key: 'quality.stopWork', params: { number: m.noticeId, title: m.notice?.title ?? '' } } } : {}),
        active,
        onDelayMs: 0,
        offDelayMs: 0,
      }),
    );
  };

  /** The effect of one verified, first-delivered message (inside the transaction). */
  const apply = (m: DownlinkMessage): string => {
    const quality = deps.quality;
    if (!quality) throw new Error('the quality service is not wired');
    const actor = actorOf(m);
    if (m.type === 'notice') {
      const company = deps.assignees?.()[0];
      if (!company) throw new Error('no company is on site to receive the notice (the real-name registry has nobody on the project)');
      const today = quality.today();
      const n = m.notice!;
      const view = quality.raiseNotice(
        { source: { kind: 'direct' }, companyId: company.companyId, dueDate: n.dueDate < today ? today : n.dueDate, description: noticeDescription(m) },
        actor,
        { origin: 'authority', externalRef: m.noticeId },
      );
      if (n.kind === 'stop-work') stopWorkAlarm(m, true);
      return `notice ${view.number} raised`;
    }
    const local = quality.byExternalRef(m.noticeId);
    if (!local) return `no local notice for ${m.noticeId}; nothing to do`;
    if (m.type === 'notice-verified' || m.type === 'notice-closed') {
      if (local.state === 'answered') quality.step(local.id, 'verify-pass', actor, m.comment ?? (m.type === 'notice-verified' ? '监督机构复查合格' : '监督机构销项'));
      if (m.type === 'notice-closed') stopWorkAlarm(m, false);
      return `notice ${m.type === 'notice-closed' ? 'closed' : 'verified'} by the authority`;
    }
    if (local.state === 'answered') quality.step(local.id, 'verify-fail', actor, m.comment ?? '监督机构复查不合格');
    return 'notice reopened by the authority';
  };

  return {
    stats: () => ({ ...stats }),
    async handle(payload) {
      const m = parse(payload);
      if (typeof m === 'string') return refuse(m);
      if (m.site !== deps.siteId) return refuse(`for site "${String(m.site)}", not this site (${deps.siteId})`, m);
      const key = deps.authorityPublicKey?.() ?? null;
      if (!key) return refuse("no authority public key is configured on this site; nothing from above is accepted", m);
      if (!downlinkSignatureValid(m, key)) return refuse(`signature does not verify with the authority's public key (message ${m.messageId})`, m);
      const run = deps.transaction ?? (<T>(fn: () => T) => fn());
      try {
        const result = run(() => {
          const first = deps.outbox.firstDelivery(DOWNLINK_CHANNEL, m.messageId);
          // The platform counts a message delivered on this receipt, not the broker's PUBACK (a
          // broker drops what it gets for a session that does not exist yet); a repeat is
          // confirmed again, in case the first receipt is what went missing.
          const receipt: NoticeReceiptBody = { messageIds: [m.messageId] };
          deps.outbox.enqueue(SUPERVISION_CHANNEL, 'notice-receipt', receipt);
          return first ? apply(m) : null;
        });
        if (result === null) {
          stats.duplicates++;
          return;
        }
        stats.applied++;
        deps.audit?.({ type: `authority-${m.type}`, actor: `authority:${m.by}`.slice(0, 60), actorRole: 'authority', text: `${m.noticeId}: ${result}`, detail: { messageId: m.messageId, noticeId: m.noticeId } });
        deps.log('info', `downlink ${m.type} ${m.noticeId}: ${result}`);
      } catch (error) {
        // The transaction rolled back, so nothing half-applied stays; the refusal is audited on the
        // site and the authority sees no answer (e.g. nobody on site to address it to).
        refuse(`could not apply ${m.type} ${m.noticeId}: ${(error as Error).message}`, m);
      }
    },
  };
}
