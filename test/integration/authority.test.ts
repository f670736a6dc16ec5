import { generateKeyPairSync, randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorityNoticeView, AuthoritySession, AuthoritySiteDetail, AuthoritySiteRow } from '../../electron/common/api/authority.js';
import type { Alarm } from '../../electron/common/alarms.js';
import { downlinkTopic, type DownlinkMessage } from '../../electron/common/supervision.js';
import { signDownlink } from '../../electron/core/uplink/notice-signature.js';
import { verifyAuditChain } from '../../electron/supervision/authority/audit.js';
import { applyNoticeAnswer, applyNoticeReceipt } from '../../electron/supervision/authority/index.js';
import {
  answerOnSite,
  AUTHORITY_ADMIN_PASSWORD,
  pendingAnswers,
  SITE_ID,
  siteAuthorityNotices,
  startAuthorityWorld,
  startSite,
  today,
  type AuthorityWorld,
} from '../helpers/authority-fixture.js';
import { eventually } from '../helpers/eventually.js';
import { getJson, login } from '../helpers/serve-process.js';
import { removeTempDirs } from '../helpers/temp-dir.js';

// The authority console against real PostgreSQL + NATS (MQTT listener) and a real site core:
// roles and the enterprise's scope, notices refused for unknown or foreign sites, a notice down
// over MQTT QoS 1 to a site that is offline when it is sent (its persistent session keeps it),
// the answer up, verify and close applied on the site, redelivery applied once, forgery refused.
let w: AuthorityWorld;
const tokens: Record<string, string> = {};

async function api<T>(verb: 'GET' | 'POST', path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T & { error?: string } }> {
  const r = await fetch(`${w.authority.url}${path}`, {
    method: verb,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, body: (await r.json()) as T & { error?: string } };
}

async function publishRaw(message: unknown): Promise<void> {
  const client = await mqtt.connectAsync(w.nats.mqttUrl(0), { clientId: `test-${randomUUID().slice(0, 8)}` });
  await client.publishAsync(downlinkTopic(SITE_ID), JSON.stringify(message), { qos: 1 });
  await client.endAsync();
}

beforeAll(async () => {
  w = await startAuthorityWorld(6);
  tokens.admin = (await api<AuthoritySession>('POST', '/api/authority/login', null, { username: 'admin', password: AUTHORITY_ADMIN_PASSWORD })).body.token;
  for (const [username, role, enterprise] of [
    ['inspector', 'authority', null],
    ['ent-jg', 'enterprise', '福建建工'],
  ] as const) {
    expect((await api('POST', '/api/authority/users', tokens.admin, { username, role, enterprise, password: 'password-1234', displayName: username })).status).toBe(200);
    tokens[username] = (await api<AuthoritySession>('POST', '/api/authority/login', null, { username, password: 'password-1234' })).body.token;
  }
}, 60_000);

afterAll(async () => {
  await w?.stop();
  removeTempDirs();
});

describe('authority console', () => {
  it('says it is the authority mode, refuses the unauthenticated and the wrong password', async () => {
    expect((await api<{ mode: string }>('GET', '/api/mode', null)).body.mode).toBe('authority');
    // The console's pages carry the site console's headers: only this origin's scripts, no framing.
    const page = await fetch(`${w.authority.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await api('GET', '/api/authority/sites', null)).status).toBe(401);
    expect((await api('POST', '/api/authority/login', null, { username: 'admin', password: 'nope' })).status).toBe(401);
    expect((await api('POST', '/api/authority/users', tokens.inspector!, { username: 'x1', role: 'authority', password: 'password-1234' })).status).toBe(403);
  });

  it('the authority sees every site with its status; an enterprise only its own', async () => {
    const all = (await api<AuthoritySiteRow[]>('GET', '/api/authority/sites', tokens.inspector!)).body;
    expect(all.map((s) => s.id)).toHaveLength(6);
    expect(all.find((s) => s.id === 'site-a03')!.status).toBe('offline');
    expect(all.find((s) => s.id === 'site-a04')!.status).toBe('warning');
    const own = (await api<AuthoritySiteRow[]>('GET', '/api/authority/sites', tokens['ent-jg']!)).body;
    expect(own.map((s) => s.id).sort()).toEqual(['site-a01', 'site-a04']);
    expect(new Set(own.map((s) => s.enterprise))).toEqual(new Set(['福建建工']));
    expect((await api('GET', '/api/authority/sites/site-a02', tokens['ent-jg']!)).status).toBe(404);
    const detail = (await api<AuthoritySiteDetail>('GET', '/api/authority/sites/site-a01', tokens['ent-jg']!)).body;
    expect(detail.days).toHaveLength(7);
    expect(detail.summary?.consoleUrl).toMatch(/^https:/);
  });

  it('refuses a notice for a site that does not exist, an enterprise notice to another enterprise, and bad input', async () => {
    const base = { kind: 'rectification', title: '临边防护缺失', body: '5层东侧临边无防护', dueDate: today, evidence: [] };
    const none = await api('POST', '/api/authority/notices', tokens.inspector!, { ...base, siteId: 'site-zz99' });
    expect(none.status).toBe(404);
    expect(none.body.error).toMatch(/no site "site-zz99"/);
    const foreign = await api('POST', '/api/authority/notices', tokens['ent-jg']!, { ...base, siteId: 'site-a02' });
    expect(foreign.status).toBe(403);
    expect((await api('POST', '/api/authority/notices', tokens.inspector!, { ...base, siteId: SITE_ID, kind: 'fine' })).status).toBe(400);
    expect((await api('POST', '/api/authority/notices', tokens.inspector!, { ...base, siteId: SITE_ID, evidence: [{ type: 'alarm' }] })).status).toBe(400);
    const refusals = await w.pool.query("SELECT count(*)::int AS n FROM authority_audit WHERE action = 'notice-refused'");
    expect(refusals.rows[0].n).toBe(2);
  });

  it('a notice goes down to a site that is offline when sent, is answered with a photo, verified and closed at both ends', async () => {
    // The site is down while the notice is issued: its persistent MQTT session keeps the QoS 1 message.
    await w.site.stop();
    const issued = await api<AuthorityNoticeView>('POST', '/api/authority/notices', tokens['ent-jg']!, {
      siteId: SITE_ID,
      kind: 'rectification',
      title: '5层东侧临边防护缺失',
      body: '依据 JGJ 80-2016 第4.1.1条，立即设置防护栏杆',
      dueDate: today,
      evidence: [{ type: 'alarm', ref: 'ALM-1234', note: '监控抓拍' }],
    });
    expect(issued.status).toBe(200);
    const id = issued.body.id;
    const acked = await eventually(() => api<AuthorityNoticeView>('GET', `/api/authority/notices/${id}`, tokens.inspector!), (r) => r.body.audit.length === 2, 10_000);
    expect(acked.body.audit.map((a) => a.action)).toEqual(['notice-issued', 'downlink-acked']);
    // The broker's PUBACK is not delivery: the notice waits for the site's own receipt.
    expect(acked.body.pendingDownlinks).toBe(1);

    w.site = await startSite(w.siteFile, w.siteData, w.nats.mqttUrl(0), w.authority.publicKeyPem);
    w.siteToken = await login(w.site.url);
    const onSite = await eventually(() => siteAuthorityNotices(w.site, w.siteToken), (n) => n.length === 1, 10_000);
    expect(onSite).toHaveLength(1);
    expect(onSite[0]!.externalRef).toBe(id);
    expect(onSite[0]!.description).toMatch(/监督整改通知.*5层东侧临边防护缺失/);
    expect(onSite[0]!.description).toMatch(/报警 ALM-1234/);

    // The site confirms what it holds through its outbox; a receipt counts for its own site only.
    const receipts = await eventually(async () => pendingAnswers(w.siteData, SITE_ID, 'notice-receipt'), (r) => r.length >= 1);
    const client = await w.pool.connect();
    try {
      expect(await applyNoticeReceipt(client, { ...receipts[0]!, site: 'site-a02' })).toBe(0);
      expect(await applyNoticeReceipt(client, receipts[0]!)).toBe(1);
      expect(await applyNoticeReceipt(client, receipts[0]!)).toBe(0);
    } finally {
      client.release();
    }
    const delivered = (await api<AuthorityNoticeView>('GET', `/api/authority/notices/${id}`, tokens.inspector!)).body;
    expect(delivered.pendingDownlinks).toBe(0);
    expect(delivered.audit.map((a) => a.action)).toContain('downlink-delivered');

    // The same message again (QoS 1 is at least once): applied once.
    const row = await w.pool.query<{ payload: DownlinkMessage }>("SELECT payload FROM authority_downlink WHERE notice_id = $1 AND type = 'notice'", [id]);
    await publishRaw(row.rows[0]!.payload);
    // A forged one (another key), for the same site: refused.
    const forger = generateKeyPairSync('ed25519').privateKey;
    await publishRaw(signDownlink({ ...row.rows[0]!.payload, messageId: randomUUID(), noticeId: 'AN-20990101-DEADBEEF', signature: undefined }, forger));
    await w.site.waitFor(/signature does not verify/, 10_000);
    expect(await siteAuthorityNotices(w.site, w.siteToken)).toHaveLength(1);

    await answerOnSite(w.site, w.siteToken, onSite[0]!.id);
    const answers = await eventually(async () => pendingAnswers(w.siteData), (a) => a.length === 1);
    expect(answers[0]!.body).toMatchObject({ noticeId: id, answer: '已补设临边防护栏杆并挂设安全网' });
    expect(await applyNoticeAnswer(w.pool, answers[0]!)).toBe('applied');
    expect(await applyNoticeAnswer(w.pool, answers[0]!)).toBe('duplicate');
    // An answer claimed by another site for this notice is refused.
    expect(await applyNoticeAnswer(w.pool, { ...answers[0]!, site: 'site-a02' })).toBe('refused');

    const answered = (await api<AuthorityNoticeView>('GET', `/api/authority/notices/${id}`, tokens.inspector!)).body;
    expect(answered.state).toBe('answered');
    expect(answered.answers[0]!.photos[0]!.dataBase64).toBeTruthy();
    expect((await api('POST', `/api/authority/notices/${id}/verify`, tokens['ent-jg']!, { comment: '复查合格' })).status).toBe(200);
    expect((await api('POST', `/api/authority/notices/${id}/verify`, tokens['ent-jg']!, {})).status).toBe(409);
    expect((await api('POST', `/api/authority/notices/${id}/close`, tokens['ent-jg']!, {})).status).toBe(200);
    const closed = await eventually(() => siteAuthorityNotices(w.site, w.siteToken), (n) => n[0]?.state === 'closed', 10_000);
    expect(closed[0]!.state).toBe('closed');

    // Audited at both ends: the authority's chain is whole; the site's audit has the steps.
    expect(await verifyAuditChain(w.pool)).toBeNull();
    const view = (await getJson<{ log: { action: string; actor: string }[] }>(`${w.site.url}/api/quality/notices/${onSite[0]!.id}`, w.siteToken)).body;
    expect(view.log.map((l) => l.action)).toEqual(['raise', 'acknowledge', 'answer', 'verify-pass']);
    expect(view.log[0]!.actor).toBe('authority:ent-jg');
  }, 40_000);

  it('a stop-work order raises a critical alarm on the site', async () => {
    const issued = await api<AuthorityNoticeView>('POST', '/api/authority/notices', tokens.inspector!, { siteId: SITE_ID, kind: 'stop-work', title: '深基坑变形超限', body: '立即停工', dueDate: today, evidence: [] });
    expect(issued.status).toBe(200);
    const alarms = await eventually(
      () => getJson<Alarm[]>(`${w.site.url}/api/alarms`, w.siteToken),
      (r) => r.body.some((a) => a.conditionKey === `authority:stop-work:${issued.body.id}`),
      10_000,
    );
    expect(alarms.body.find((a) => a.conditionKey.startsWith('authority:stop-work:'))!.priority).toBe('critical');
  });
});
