import Sqlite from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { makeGb11643 } from '../../electron/common/id-number.js';
import type { NoticeView } from '../../electron/common/api.js';
import type { SiteSummaryBody, UplinkEnvelope } from '../../electron/common/supervision.js';
import { siteLocalTime } from '../../electron/core/alarms/rules/site-clock.js';
import { DATABASE_FILE } from '../../electron/core/store/database.js';
import { startAuthority, type AuthorityHandle } from '../../electron/supervision/authority/index.js';
import { migratePg } from '../../electron/supervision/pg-migrations.js';
import { NatsCluster } from './nats-cluster.js';
import { PostgresServer } from './postgres.js';
import { ROOT, getJson, login, postJson, ServeProcess } from './serve-process.js';
import { writeSiteFile } from './site-file.js';
import { tempDir } from './temp-dir.js';

/** The platform's first admin in these tests. */
export const AUTHORITY_ADMIN_PASSWORD = 'authority-admin-pw';
export const SITE_ID = 'site-a01';
export const today = siteLocalTime(Date.now(), 'Asia/Shanghai').day;

export function summary(over: Partial<SiteSummaryBody> = {}): SiteSummaryBody {
  return {
    day: today,
    timeZone: 'Asia/Shanghai',
    openAlarms: { critical: 0, high: 0, medium: 0, low: 0 },
    craneAlarmsToday: 0,
    dustExceedancesToday: 0,
    dustComplianceRate: 1,
    headcount: 120,
    managersPresent: 3,
    attendanceRate: 0.9,
    certificateProblems: 0,
    overdueRectifications: 0,
    devicesOffline: 0,
    devicesTotal: 12,
    blacklistedDevicesInUse: 0,
    ...over,
  };
}

/**
 * Seeds `count` sites (ids site-a01…), districts and enterprises in turn, with a latest summary
 * and `days` of site_day rows each, the way the uplink ingest leaves them.
 */
export async function seedSites(pool: pg.Pool, count: number, days = 7): Promise<void> {
  const districts = ['鼓楼区', '台江区', '仓山区', '晋安区'];
  const enterprises = ['中建海峡', '福建建工', '中铁二十二局'];
  for (let i = 1; i <= count; i++) {
    const id = `site-a${String(i).padStart(2, '0')}`;
    const lon = 119.25 + (i % 6) * 0.03 + (i % 2) * 0.004;
    const lat = 26.05 + Math.floor(i / 6) * 0.025;
    await pool.query("INSERT INTO sites (id, name, district, enterprise, location) VALUES ($1,$2,$3,$4, ST_SetSRID(ST_MakePoint($5,$6),4326)::geography)", [
      id,
      `${['滨江', '金山', '五四', '东湖', '南门'][i % 5]}${i}号地块项目`,
      districts[i % districts.length],
      enterprises[i % enterprises.length],
      lon,
      lat,
    ]);
    const body = summary({
      openAlarms: { critical: i % 7 === 0 ? 1 : 0, high: i % 4 === 0 ? 2 : 0, medium: i % 3, low: 1 },
      dustExceedancesToday: i % 5 === 0 ? 2 : 0,
      headcount: 80 + i * 3,
      overdueRectifications: i % 6 === 0 ? 1 : 0,
      ...(i % 10 === 0 ? {} : { consoleUrl: `https://site-${i}.example.invalid` }),
    });
    // One site has not reported for 10 minutes: offline.
    const at = i === 3 ? new Date(Date.now() - 600_000) : new Date();
    await pool.query('INSERT INTO site_latest (site_id, seq, at, body, received_at) VALUES ($1, 100, $2, $3, now())', [id, at, JSON.stringify(body)]);
    for (let d = days - 1; d >= 0; d--) {
      const day = new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
      await pool.query('INSERT INTO site_day (site_id, day, seq, body) VALUES ($1,$2,$3,$4)', [id, day, 100 - d, JSON.stringify({ ...body, headcount: body.headcount - d * 4, day })]);
    }
  }
}

export interface AuthorityWorld {
  pgServer: PostgresServer;
  nats: NatsCluster;
  pool: pg.Pool;
  authority: AuthorityHandle;
  site: ServeProcess;
  siteData: string;
  siteFile: string;
  siteToken: string;
  stop(): Promise<void>;
}

export async function startSite(siteFile: string, dataDir: string, mqttUrl: string, publicKeyPem: string): Promise<ServeProcess> {
  const site = await ServeProcess.start(['--port', '0', '--data', dataDir, '--site', siteFile, '--no-simulate'], {
    SITE_COMMAND_DOWNLINK_MQTT_URL: mqttUrl,
    SITE_COMMAND_AUTHORITY_PUBLIC_KEY: publicKeyPem,
  });
  await site.waitFor(/downlink connected/, 10_000);
  return site;
}

/** PostgreSQL + a one-node NATS (MQTT on) + the authority console + one real site core (site-a01) with a company on site. */
export async function startAuthorityWorld(sites: number): Promise<AuthorityWorld> {
  const [pgServer, nats] = await Promise.all([PostgresServer.start({ database: 'supervision' }), NatsCluster.start({ nodes: 1 })]);
  const pool = new pg.Pool({ connectionString: pgServer.url('supervision'), max: 6 });
  await migratePg(pool);
  await seedSites(pool, sites);
  const authority = await startAuthority({
    pool,
    host: '127.0.0.1',
    port: 0,
    staticRoot: join(ROOT, 'renderer', 'dist'),
    downlinkMqttUrls: [nats.mqttUrl(0)],
    adminPassword: AUTHORITY_ADMIN_PASSWORD,
    log: () => undefined,
  });
  const siteData = tempDir();
  const siteFile = writeSiteFile({ id: SITE_ID, name: '滨江1号地块项目', devices: [] });
  const site = await startSite(siteFile, siteData, nats.mqttUrl(0), authority.publicKeyPem);
  const siteToken = await login(site.url);
  const companyId = (await postJson<{ id: number }>(`${site.url}/api/workforce/companies`, siteToken, { creditCode: '91350100M000100Y43', name: '中建海峡总承包', kind: 'general' })).body.id;
  const teamId = (await postJson<{ id: number }>(`${site.url}/api/workforce/teams`, siteToken, { companyId, name: '安全文明施工班' })).body.id;
  await postJson(`${site.url}/api/workforce/workers`, siteToken, {
    worker: { name: '李建华', idType: 'mainland', idNumber: makeGb11643('350102', '19800305', 215), trade: '架子工' },
    membership: { companyId, teamId, enteredOn: today },
  });
  const world: AuthorityWorld = {
    pgServer,
    nats,
    pool,
    authority,
    site,
    siteData,
    siteFile,
    siteToken,
    async stop() {
      await world.site.stop().catch(() => undefined);
      await authority.close();
      await pool.end();
      await Promise.all([nats.stop(), pgServer.stop()]);
    },
  };
  return world;
}

export async function siteAuthorityNotices(site: ServeProcess, token: string): Promise<NoticeView[]> {
  const list = await getJson<NoticeView[]>(`${site.url}/api/quality/notices`, token);
  return list.body.filter((n) => n.origin === 'authority');
}

/** The site answers its authority notice with a real JPEG through its own API (acknowledge, upload, answer). */
export async function answerOnSite(site: ServeProcess, token: string, localId: number): Promise<void> {
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#3a7d44' } }).jpeg().toBuffer();
  await postJson(`${site.url}/api/quality/notices/${localId}/acknowledge`, token, {});
  const up = await fetch(`${site.url}/api/quality/photos`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg' }, body: photo });
  const { file } = (await up.json()) as { file: string };
  const answered = await postJson(`${site.url}/api/quality/notices/${localId}/answer`, token, { text: '已补设临边防护栏杆并挂设安全网', photos: [file] });
  if (answered.status !== 200) throw new Error(`answer refused: ${JSON.stringify(answered.body)}`);
}

/**
 * What the uplink publisher would send: the site's pending messages of one kind (default
 * 'notice-answer') from its outbox (read from its SQLite file), as envelopes for the ingest.
 */
export function pendingAnswers(siteData: string, siteId = SITE_ID, kind: 'notice-answer' | 'notice-receipt' = 'notice-answer'): UplinkEnvelope[] {
  const db = new Sqlite(join(siteData, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT seq, kind, body, created_at FROM uplink_outbox WHERE channel = 'supervision' AND kind = ? ORDER BY seq").all(kind) as { seq: number; kind: string; body: string; created_at: number }[];
    return rows.map((r) => ({ v: 1, site: siteId, seq: r.seq, kind, at: r.created_at, body: JSON.parse(r.body) as unknown }));
  } finally {
    db.close();
  }
}
