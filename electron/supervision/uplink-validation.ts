import { z } from 'zod';
import { NOTICE_RECEIPT_MAX_IDS, SITE_ID_PATTERN, UPLINK_KINDS, UPLINK_MAX_BYTES, type UplinkEnvelope, type UplinkKind } from '../common/supervision.js';

const count = z.number().int().nonnegative().max(1_000_000_000);
const rate = z.number().min(0).max(1).nullable();

/** A summary's figures: the authority table's row, so every number is checked before it lands. */
export const summaryBodySchema = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    timeZone: z.string().min(1).max(64),
    openAlarms: z.object({ critical: count, high: count, medium: count, low: count }).strict(),
    craneAlarmsToday: count,
    dustExceedancesToday: count,
    dustComplianceRate: rate,
    headcount: count,
    managersPresent: count,
    attendanceRate: rate,
    certificateProblems: count,
    overdueRectifications: count,
    devicesOffline: count,
    devicesTotal: count,
    blacklistedDevicesInUse: count,
    consoleUrl: z.string().url().max(500).optional(),
  })
  .passthrough();

/** A site's receipt for downlink messages it holds (NoticeReceiptBody). */
export const noticeReceiptBodySchema = z.object({ messageIds: z.array(z.string().min(1).max(100)).min(1).max(NOTICE_RECEIPT_MAX_IDS) }).strict();

/** Every uplink message's envelope (UplinkEnvelope in electron/common/supervision.ts). */
export const envelopeSchema = z
  .object({
    v: z.literal(1),
    site: z.string().regex(SITE_ID_PATTERN),
    seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    kind: z.enum(UPLINK_KINDS),
    // From 2000-01-01 to 2100-01-01 UTC: a sane clock, and a date PostgreSQL's timestamptz takes.
    at: z.number().int().min(946_684_800_000).max(4_102_444_800_000),
    body: z.record(z.string(), z.unknown()),
  })
  .strict();

export type Validated =
  | { ok: true; envelope: UplinkEnvelope<Record<string, unknown>> }
  | { ok: false; reason: string; siteId: string | null };

/**
 * Checks one message taken from the stream (subject `sc.up.SITE.KIND`) before anything is written:
 * a refusal names its reason and never throws, whatever the bytes. The subject's site is the one
 * the broker authenticated (each site may publish only under its own id), so an envelope naming
 * another site is a forgery and is refused; so is a site the authority has not registered.
 */
export function validateUplink(subject: string, payload: Uint8Array, isRegistered: (siteId: string) => boolean): Validated {
  const tokens = subject.split('.');
  const subjectSite = tokens.length === 4 && SITE_ID_PATTERN.test(tokens[2] ?? '') ? tokens[2]! : null;
  const refuse = (reason: string): Validated => ({ ok: false, reason, siteId: subjectSite });
  if (tokens.length !== 4 || tokens[0] !== 'sc' || tokens[1] !== 'up') return refuse('subject is not sc.up.SITE.KIND');
  if (!subjectSite) return refuse('subject names no valid site id');
  const subjectKind = tokens[3] as UplinkKind;
  if (!(UPLINK_KINDS as readonly string[]).includes(subjectKind)) return refuse(`unknown kind "${String(tokens[3]).slice(0, 40)}"`);
  if (payload.length > UPLINK_MAX_BYTES) return refuse(`payload of ${payload.length} bytes is over ${UPLINK_MAX_BYTES}`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch {
    return refuse('payload is not JSON');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`envelope invalid: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'}`.slice(0, 200));
  }
  const envelope = parsed.data as UplinkEnvelope<Record<string, unknown>>;
  if (envelope.site !== subjectSite) return refuse(`envelope claims site "${envelope.site}" on site "${subjectSite}"'s subject`);
  if (envelope.kind !== subjectKind) return refuse(`envelope kind "${envelope.kind}" differs from the subject's "${subjectKind}"`);
  if (envelope.kind === 'summary') {
    const body = summaryBodySchema.safeParse(envelope.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      return refuse(`summary invalid: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}`.slice(0, 200));
    }
  }
  if (envelope.kind === 'notice-receipt' && !noticeReceiptBodySchema.safeParse(envelope.body).success) {
    return refuse('notice receipt invalid: messageIds must be 1 to 50 ids');
  }
  if (!isRegistered(envelope.site)) return refuse(`site "${envelope.site}" is not registered`);
  return { ok: true, envelope };
}
