import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UplinkStatus } from '../../electron/common/api/uplink.js';
import type { SiteSummaryBody } from '../../electron/common/supervision.js';
import { migratePg } from '../../electron/supervision/pg-migrations.js';
import { natsAuthorization, registerSites } from '../../electron/supervision/site-registration.js';
import type { AuthorityNoticeView } from '../../electron/common/api/authority.js';
import { makeGb11643 } from '../../electron/common/id-number.js';
import { AUTHORITY_ADMIN_PASSWORD, answerOnSite, siteAuthorityNotices, today } from '../helpers/authority-fixture.js';
import { eventually } from '../helpers/eventually.js';
import { NatsCluster } from '../helpers/nats-cluster.js';
import { PostgresServer } from '../helpers/postgres.js';
import { getJson, login, postJson, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { SupervisionProcess } from '../helpers/supervision-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * A real site core with a `supervision` section reports to a real supervision service: the admin
 * sets the broker password through the API (the uplink waits for it and says so), then the core's
 * summaries land in PostgreSQL with the core's own figures and its outbox drains. Then the whole
 * enforcement loop over the same engine, with the broker's per-site permissions on: the authority's
 * notice comes down the uplink's own connection, checked with the key named in the site file, and
 * the site's answer goes up through the outbox into the authority's notice.
 */
const SITE_ID = 'core-site-1';
const SITE_PASSWORD = 'core-site-1-broker-password';
let cluster: NatsCluster;
let postgres: PostgresServer;
let pool: pg.Pool;
let service: SupervisionProcess;
let core: ServeProcess;
/** The notice issued while the site had never connected (its broker session did not exist yet). */
let firstNoticeId = '';

async function authority<T>(verb: 'GET' | 'POST', path: string, bearer: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await fetch(`${service.url}${path}`, {
    method: verb,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: r.status, body: (await r.json()) as T };
}

beforeAll(async () => {
  const auth = natsAuthorization({ user: 'supervision', password: 'service-password' }, [{ id: SITE_ID, password: SITE_PASSWORD }]);
  [cluster, postgres] = await Promise.all([NatsCluster.start({ nodes: 1, extraConfig: auth }), PostgresServer.start({ database: 'supervision' })]);
  pool = new pg.Pool({ connectionString: postgres.url('supervision'), max: 2 });
  await migratePg(pool);
  await registerSites(pool, [{ id: SITE_ID, name: '一号工地', district: '徐汇区', enterprise: '某建工集团', lon: 121.43, lat: 31.18 }]);
  service = await SupervisionProcess.start(['--nats', cluster.url, '--pg', postgres.url('supervision'), '--port', '0', '--mqtt', cluster.mqttUrl(0)], {
    SC_NATS_USER: 'supervision',
    SC_NATS_PASSWORD: 'service-password',
    SUPERVISION_ADMIN_PASSWORD: AUTHORITY_ADMIN_PASSWORD,
  });
  const authorityKey = ((await (await fetch(`${service.url}/api/authority/public-key`)).json()) as { publicKeyPem: string }).publicKeyPem;
  const site = writeSiteFile({
    id: 'demo',
    name: 'Uplink test site',
    devices: [
      { id: 'crane-1', kind: 'crane', name: '1号塔吊', expectedIntervalS: 600 },
      { id: 'dust-1', kind: 'dust', name: '扬尘 1', expectedIntervalS: 600 },
    ],
    supervision: { siteId: SITE_ID, uplink: cluster.mqttUrl(0), summaryEverySeconds: 2, authorityPublicKey: authorityKey },
  });
  core = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', site, '--no-simulate']);
}, 60_000);

afterAll(async () => {
  await core?.crash();
  await service?.kill('SIGKILL');
  await pool?.end();
  await Promise.all((cluster?.nodes ?? []).map((_, i) => cluster.stopNode(i)));
  postgres?.stop();
  removeTempDirs();
});

describe('site core → supervision service', () => {
  it('waits for the password, then its summaries reach PostgreSQL with its own figures', async () => {
    const token = await login(core.url);
    const before = await getJson<UplinkStatus>(`${core.url}/api/uplink/status`, token);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ enabled: true, siteId: SITE_ID, passwordSet: false, connected: false });
    expect(before.body.lastError).toMatch(/password is not set/);
    // Summaries wait in the outbox meanwhile (store and forward).
    const waiting = await eventually(() => getJson<UplinkStatus>(`${core.url}/api/uplink/status`, token), (r) => r.body.pending > 0, 8000);
    expect(waiting.body.pending).toBeGreaterThan(0);

    // Someone on site to address a notice to, and a notice from the authority before the site has
    // ever connected (test 2 follows it down).
    const companyId = (await postJson<{ id: number }>(`${core.url}/api/workforce/companies`, token, { creditCode: '91350100M000100Y43', name: '中建海峡总承包', kind: 'general' })).body.id;
    const teamId = (await postJson<{ id: number }>(`${core.url}/api/workforce/teams`, token, { companyId, name: '安全文明施工班' })).body.id;
    await postJson(`${core.url}/api/workforce/workers`, token, {
      worker: { name: '李建华', idType: 'mainland', idNumber: makeGb11643('350102', '19800305', 215), trade: '架子工' },
      membership: { companyId, teamId, enteredOn: today },
    });
    const admin = (await authority<{ token: string }>('POST', '/api/authority/login', null, { username: 'admin', password: AUTHORITY_ADMIN_PASSWORD })).body.token;
    const issued = await authority<AuthorityNoticeView>('POST', '/api/authority/notices', admin, {
      siteId: SITE_ID,
      kind: 'rectification',
      title: '塔吊基础积水',
      body: '立即排水并复查基础',
      dueDate: today,
      evidence: [{ type: 'alarm', ref: 'ALM-77' }],
    });
    expect(issued.status).toBe(200);
    firstNoticeId = issued.body.id;
    await eventually(() => authority<AuthorityNoticeView>('GET', `/api/authority/notices/${firstNoticeId}`, admin), (r) => r.body.audit.some((a) => a.action === 'downlink-acked'), 10_000);

    expect((await postJson(`${core.url}/api/uplink/password`, token, { password: 'short' })).status).toBe(400);
    const set = await postJson<UplinkStatus>(`${core.url}/api/uplink/password`, token, { password: SITE_PASSWORD });
    expect(set.status).toBe(200);
    expect(set.body.passwordSet).toBe(true);
    expect(JSON.stringify(set.body)).not.toContain(SITE_PASSWORD);

    const drained = await eventually(() => getJson<UplinkStatus>(`${core.url}/api/uplink/status`, token), (r) => r.body.connected && r.body.pending === 0 && r.body.sent > 1, 20_000, 200);
    expect(drained.body).toMatchObject({ connected: true, pending: 0 });
    const latest = await eventually(
      () => pool.query<{ body: SiteSummaryBody }>('SELECT body FROM site_latest WHERE site_id = $1', [SITE_ID]),
      (r) => r.rowCount === 1,
      10_000,
    );
    expect(latest.rows[0]!.body).toMatchObject({ timeZone: 'Asia/Shanghai', devicesTotal: 2, craneAlarmsToday: 0, attendanceRate: 0 });
    const stored = await pool.query<{ n: string }>('SELECT count(*) AS n FROM site_messages WHERE site_id = $1', [SITE_ID]);
    expect(Number(stored.rows[0]!.n)).toBeGreaterThanOrEqual(drained.body.sent);
  }, 60_000);

  it('takes an authority notice down the uplink connection and sends its answer up into the notice', async () => {
    const token = await login(core.url);
    const admin = (await authority<{ token: string }>('POST', '/api/authority/login', null, { username: 'admin', password: AUTHORITY_ADMIN_PASSWORD })).body.token;
    // Issued before the site ever connected: the broker had no session to keep it in and dropped it
    // after its PUBACK; the platform sent it again once the site was heard from, until its receipt.
    const onSite = await eventually(() => siteAuthorityNotices(core, token), (n) => n.length === 1, 20_000, 200);
    if (onSite.length !== 1) throw new Error(`the notice did not reach the site\n${JSON.stringify((await authority('GET', `/api/authority/notices/${firstNoticeId}`, admin)).body)}\n--- site core ---\n${core.output.slice(-4000)}\n--- service ---\n${service.output.slice(-3000)}`);
    expect(onSite[0]!.externalRef).toBe(firstNoticeId);
    const delivered = await eventually(() => authority<AuthorityNoticeView>('GET', `/api/authority/notices/${firstNoticeId}`, admin), (r) => r.body.pendingDownlinks === 0, 15_000, 200);
    expect(delivered.body.audit.map((a) => a.action)).toEqual(['notice-issued', 'downlink-acked', 'downlink-delivered']);
    const sends = await pool.query<{ attempts: number }>("SELECT attempts FROM authority_downlink WHERE notice_id = $1 AND type = 'notice'", [firstNoticeId]);
    // The first send went to no session: the platform sent it again once the site was heard from.
    expect(sends.rows[0]!.attempts).toBeGreaterThanOrEqual(2);

    await answerOnSite(core, token, onSite[0]!.id);
    const answered = await eventually(() => authority<AuthorityNoticeView>('GET', `/api/authority/notices/${firstNoticeId}`, admin), (r) => r.body.state === 'answered', 20_000, 200);
    expect(answered.body.answers).toHaveLength(1);
    // Applied once however often it came down.
    expect(await siteAuthorityNotices(core, token)).toHaveLength(1);
    expect(answered.body.answers[0]!.photos[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The answer is one message of the site's own sequence, kept once beside its summaries.
    const rows = await pool.query<{ n: string }>("SELECT count(*) AS n FROM site_messages WHERE site_id = $1 AND kind = 'notice-answer'", [SITE_ID]);
    expect(Number(rows.rows[0]!.n)).toBe(1);
  }, 60_000);

  it('keeps the status for admins only', async () => {
    const anonymous = await getJson(`${core.url}/api/uplink/status`);
    expect(anonymous.status).toBe(401);
  });
});
