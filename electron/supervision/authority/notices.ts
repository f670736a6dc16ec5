/**
 * Coordinated enforcement (协同执法): notices and stop-work orders the authority (or an
 * enterprise, to its own sites) issues, their steps, and the signed downlink message of each
 * step, written in the same transaction as the notice and its audit row — a notice is never
 * stored without its message queued to go down (downlink.ts sends and retries until PUBACK).
 *
 *   issued ──(site answers: notice-answer up)──▶ answered ──verify──▶ verified ──close──▶ closed
 *      ▲                                             │
 *      └──────────────────reopen─────────────────────┘
 */
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type pg from 'pg';
import type { AuthorityAuditRow, AuthorityNoticeInput, AuthorityNoticeState, AuthorityNoticeSummary, AuthorityNoticeView } from '../../common/api/authority.js';
import { AUTHORITY_NOTICE_KINDS, SITE_ID_PATTERN, type DownlinkMessage, type NoticeAnswerBody, type NoticeEvidence, type UplinkEnvelope } from '../../common/supervision.js';
import { signDownlink } from '../../core/uplink/notice-signature.js';
import { appendAudit } from './audit.js';
import { AuthorityError } from './errors.js';
import { scopeOf } from './sites.js';
import type { AuthorityUser } from './users.js';

const EVIDENCE_TYPES = ['alarm', 'clip', 'panorama-pin', 'photo'] as const;
const MAX_EVIDENCE = 20;

interface NoticeRow {
  id: string;
  site_id: string;
  site_name: string;
  kind: 'rectification' | 'stop-work';
  title: string;
  body: string;
  due_date: string;
  evidence: NoticeEvidence[];
  issuer: string;
  issuer_org: string;
  state: AuthorityNoticeState;
  created_at: Date;
  pending: string;
}

const SELECT = `
  SELECT n.id, n.site_id, s.name AS site_name, n.kind, n.title, n.body, to_char(n.due_date, 'YYYY-MM-DD') AS due_date,
         n.evidence, n.issuer, n.issuer_org, n.state, n.created_at,
         (SELECT count(*) FROM authority_downlink d WHERE d.notice_id = n.id AND d.delivered_at IS NULL) AS pending
    FROM authority_notices n JOIN sites s ON s.id = n.site_id`;

function summary(r: NoticeRow): AuthorityNoticeSummary {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    kind: r.kind,
    title: r.title,
    dueDate: r.due_date,
    state: r.state,
    issuer: r.issuer,
    issuerOrg: r.issuer_org,
    createdAt: r.created_at.getTime(),
    pendingDownlinks: Number(r.pending),
  };
}

export async function listNotices(pool: pg.Pool, user: AuthorityUser, siteId?: string): Promise<AuthorityNoticeSummary[]> {
  const { rows } = await pool.query<NoticeRow>(
    `${SELECT} WHERE ($1::text IS NULL OR s.enterprise = $1) AND ($2::text IS NULL OR n.site_id = $2) ORDER BY n.created_at DESC LIMIT 500`,
    [scopeOf(user), siteId ?? null],
  );
  return rows.map(summary);
}

export async function noticeView(pool: pg.Pool, user: AuthorityUser, id: string): Promise<AuthorityNoticeView> {
  const { rows } = await pool.query<NoticeRow>(`${SELECT} WHERE ($1::text IS NULL OR s.enterprise = $1) AND n.id = $2`, [scopeOf(user), id]);
  const r = rows[0];
  if (!r) throw new AuthorityError(404, `no notice ${id} you may see`);
  const answers = await pool.query<{ body: NoticeAnswerBody }>('SELECT body FROM authority_notice_answers WHERE notice_id = $1 ORDER BY seq', [id]);
  const audit = await pool.query<{ id: string; at: Date; actor: string; actor_role: string; action: string; detail: Record<string, unknown> }>(
    'SELECT id, at, actor, actor_role, action, detail FROM authority_audit WHERE notice_id = $1 ORDER BY id',
    [id],
  );
  return {
    ...summary(r),
    body: r.body,
    evidence: r.evidence,
    answers: answers.rows.map((a) => a.body),
    audit: audit.rows.map((a): AuthorityAuditRow => ({ id: Number(a.id), at: a.at.getTime(), actor: a.actor, actorRole: a.actor_role, action: a.action, detail: a.detail })),
  };
}

/** Checks the untrusted input field by field; answers 400 with what to fix. */
export function checkNoticeInput(raw: unknown): AuthorityNoticeInput {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (name: string, max: number): string => {
    const v = o[name];
    if (typeof v !== 'string' || !v.trim()) throw new AuthorityError(400, `"${name}" is required`);
    if (v.length > max) throw new AuthorityError(400, `"${name}" is longer than ${max} characters`);
    return v.trim();
  };
  const siteId = text('siteId', 40);
  if (!SITE_ID_PATTERN.test(siteId)) throw new AuthorityError(400, `"${siteId}" is not a site id`);
  const kind = o.kind;
  if (!(AUTHORITY_NOTICE_KINDS as readonly unknown[]).includes(kind)) throw new AuthorityError(400, `"kind" is one of ${AUTHORITY_NOTICE_KINDS.join(', ')}`);
  const dueDate = text('dueDate', 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate) || Number.isNaN(Date.parse(`${dueDate}T00:00:00Z`))) throw new AuthorityError(400, '"dueDate" is a day, YYYY-MM-DD');
  const evidence = o.evidence ?? [];
  if (!Array.isArray(evidence) || evidence.length > MAX_EVIDENCE) throw new AuthorityError(400, `"evidence" is a list of at most ${MAX_EVIDENCE} items`);
  const checked = evidence.map((e: unknown, i): NoticeEvidence => {
    const item = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    if (!(EVIDENCE_TYPES as readonly unknown[]).includes(item.type)) throw new AuthorityError(400, `evidence ${i + 1}: "type" is one of ${EVIDENCE_TYPES.join(', ')}`);
    if (typeof item.ref !== 'string' || !item.ref.trim() || item.ref.length > 200) throw new AuthorityError(400, `evidence ${i + 1}: "ref" names the alarm, clip, pin or photo (up to 200 characters)`);
    const note = typeof item.note === 'string' && item.note.trim() ? { note: item.note.trim().slice(0, 500) } : {};
    return { type: item.type as NoticeEvidence['type'], ref: item.ref.trim(), ...note };
  });
  return { siteId, kind: kind as AuthorityNoticeInput['kind'], title: text('title', 200), body: text('body', 4000), dueDate, evidence: checked };
}

function noticeId(now: Date): string {
  return `AN-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function queueDownlink(client: pg.PoolClient, key: KeyObject, message: Omit<DownlinkMessage, 'v' | 'messageId' | 'at' | 'signature'>): Promise<DownlinkMessage> {
  const signed = signDownlink({ v: 1, messageId: randomUUID(), at: Date.now(), ...message }, key);
  await client.query('INSERT INTO authority_downlink (message_id, notice_id, site_id, type, payload) VALUES ($1,$2,$3,$4,$5)', [
    signed.messageId,
    signed.noticeId,
    signed.site,
    signed.type,
    JSON.stringify(signed),
  ]);
  return signed;
}

/**
 * Issues a notice: refused for a site that does not exist, and for an enterprise user's notice to
 * another enterprise's site (both 404 or 403 with the reason, and audited as refusals).
 */
export async function issueNotice(pool: pg.Pool, key: KeyObject, user: AuthorityUser, input: AuthorityNoticeInput): Promise<AuthorityNoticeView> {
  const site = (await pool.query<{ id: string; enterprise: string }>('SELECT id, enterprise FROM sites WHERE id = $1', [input.siteId])).rows[0];
  if (!site) {
    await appendAudit(pool, { actor: user.username, actorRole: user.role, action: 'notice-refused', siteId: null, detail: { siteId: input.siteId, reason: 'no such site' } });
    throw new AuthorityError(404, `no site "${input.siteId}" is registered with this platform; a notice goes to a registered site`);
  }
  if (user.role === 'enterprise' && site.enterprise !== user.enterprise) {
    await appendAudit(pool, { actor: user.username, actorRole: user.role, action: 'notice-refused', siteId: site.id, detail: { reason: 'another enterprise' } });
    throw new AuthorityError(403, `site "${site.id}" is not a site of ${user.enterprise ?? 'your enterprise'}; an enterprise issues notices to its own sites only`);
  }
  const now = new Date();
  const id = noticeId(now);
  const org = user.role === 'enterprise' ? user.enterprise! : '主管部门';
  await inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO authority_notices (id, site_id, kind, title, body, due_date, evidence, issuer, issuer_role, issuer_org, state)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'issued')`,
      [id, site.id, input.kind, input.title, input.body, input.dueDate, JSON.stringify(input.evidence), user.username, user.role, org],
    );
    const message = await queueDownlink(client, key, {
      type: 'notice',
      noticeId: id,
      site: site.id,
      by: user.username,
      notice: { kind: input.kind, title: input.title, body: input.body, dueDate: input.dueDate, evidence: input.evidence, issuer: `${org} ${user.displayName}` },
    });
    await appendAudit(client, { actor: user.username, actorRole: user.role, action: `notice-issued`, siteId: site.id, noticeId: id, detail: { kind: input.kind, title: input.title, messageId: message.messageId } });
  });
  return noticeView(pool, user, id);
}

const STEPS = {
  verify: { from: ['answered'], to: 'verified', type: 'notice-verified' },
  reopen: { from: ['answered', 'verified'], to: 'issued', type: 'notice-reopened' },
  close: { from: ['verified', 'issued', 'answered'], to: 'closed', type: 'notice-closed' },
} as const satisfies Record<string, { from: readonly AuthorityNoticeState[]; to: AuthorityNoticeState; type: DownlinkMessage['type'] }>;
export type NoticeStep = keyof typeof STEPS;

/** Verify / reopen / close: a state check, the step's signed downlink, its audit row, one transaction. */
export async function stepNotice(pool: pg.Pool, key: KeyObject, user: AuthorityUser, id: string, step: NoticeStep, comment: string): Promise<AuthorityNoticeView> {
  const spec = STEPS[step];
  const current = await noticeView(pool, user, id);
  if (user.role === 'enterprise' && current.issuerOrg !== user.enterprise) throw new AuthorityError(403, 'this notice was issued by the authority; only the authority takes its steps');
  if (!(spec.from as readonly string[]).includes(current.state)) {
    throw new AuthorityError(409, `the notice is ${current.state}; "${step}" is allowed when it is ${spec.from.join(' or ')}`);
  }
  if (step === 'reopen' && !comment.trim()) throw new AuthorityError(400, 'say what is still wrong, so the site can rectify it');
  await inTransaction(pool, async (client) => {
    const updated = await client.query("UPDATE authority_notices SET state = $1, updated_at = now() WHERE id = $2 AND state = $3", [spec.to, id, current.state]);
    if (updated.rowCount === 0) throw new AuthorityError(409, 'the notice changed meanwhile; open it again');
    const message = await queueDownlink(client, key, { type: spec.type, noticeId: id, site: current.siteId, by: user.username, ...(comment.trim() ? { comment: comment.trim().slice(0, 2000) } : {}) });
    await appendAudit(client, { actor: user.username, actorRole: user.role, action: `notice-${step}`, siteId: current.siteId, noticeId: id, detail: { comment: comment.trim(), messageId: message.messageId } });
  });
  return noticeView(pool, user, id);
}

/** Largest answer kept (photos inline): bigger ones are refused and audited, never stored half. */
const MAX_ANSWER_BYTES = 4 * 2 ** 20;

/**
 * Stores a site's answer (uplink kind 'notice-answer'), called by the uplink ingest for each
 * such envelope. Once per (site, seq); an answer to a notice of another site, or to none, is
 * refused with a reason and audited. Returns what happened.
 */
export async function applyNoticeAnswer(db: pg.Pool | pg.PoolClient, envelope: UplinkEnvelope): Promise<'applied' | 'duplicate' | 'refused'> {
  // Inside the ingest's transaction when it passes its client (the message row and this commit together).
  if (!('release' in db)) return inTransaction(db, (client) => applyNoticeAnswer(client, envelope));
  const pool = db;
  const body = envelope.body as Partial<NoticeAnswerBody> | null;
  const refuse = async (reason: string) => {
    await appendAudit(pool, { actor: `site:${envelope.site}`, actorRole: 'site', action: 'notice-answer-refused', siteId: envelope.site, noticeId: null, detail: { seq: envelope.seq, reason } });
    return 'refused' as const;
  };
  if (!body || typeof body.noticeId !== 'string' || typeof body.answer !== 'string' || !Array.isArray(body.photos)) return refuse('not a notice answer');
  if (JSON.stringify(body).length > MAX_ANSWER_BYTES) return refuse('answer larger than 4 MiB');
  const notice = (await pool.query<{ site_id: string; state: AuthorityNoticeState }>('SELECT site_id, state FROM authority_notices WHERE id = $1', [body.noticeId])).rows[0];
  if (!notice) return refuse(`no notice ${body.noticeId}`);
  if (notice.site_id !== envelope.site) return refuse(`notice ${body.noticeId} is not this site's`);
  const inserted = await pool.query('INSERT INTO authority_notice_answers (site_id, seq, notice_id, body) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING', [
    envelope.site,
    envelope.seq,
    body.noticeId,
    JSON.stringify(body),
  ]);
  if (inserted.rowCount === 0) return 'duplicate';
  await pool.query("UPDATE authority_notices SET state = 'answered', updated_at = now() WHERE id = $1 AND state = 'issued'", [body.noticeId]);
  await appendAudit(pool, {
    actor: `site:${envelope.site}`,
    actorRole: 'site',
    action: 'notice-answered',
    siteId: envelope.site,
    noticeId: body.noticeId,
    detail: { seq: envelope.seq, by: body.by ?? null, photos: body.photos.map((p) => (p as { sha256?: string }).sha256 ?? null) },
  });
  return 'applied';
}
