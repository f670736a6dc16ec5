import mqtt from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uplinkTopic, type UplinkEnvelope } from '../../electron/common/supervision.js';
import { migratePg } from '../../electron/supervision/pg-migrations.js';
import { natsAuthorization, registerSites } from '../../electron/supervision/site-registration.js';
import { eventually } from '../helpers/eventually.js';
import { NatsCluster } from '../helpers/nats-cluster.js';
import { PostgresServer } from '../helpers/postgres.js';
import { SimUplinkSite, simSummary } from '../helpers/sim-uplink-site.js';
import { SupervisionProcess } from '../helpers/supervision-process.js';
import { CuttableLink } from '../helpers/tcp-cut.js';
import { removeTempDirs } from '../helpers/temp-dir.js';

/**
 * #13's uplink end to end on real engines: 200 simulated sites (each its own SQLite outbox and the
 * site console's publisher) publish summaries and alarms through a three-node NATS JetStream
 * cluster's MQTT listeners; the supervision service (a real child process) writes them into a real
 * PostgreSQL. Meanwhile, in overlapping phases: one NATS node is SIGKILLed and restarted, the
 * service is SIGKILLed and restarted, one site's link is cut for a minute, and a rogue site sends
 * garbage, replays, forgeries and a flood. At the end every honest message is in PostgreSQL exactly
 * once and each site's latest row is its own newest summary.
 */
const SITES = Number(process.env.SC_TEST_SITES ?? 200);
const CUT_MS = Number(process.env.SC_TEST_CUT_MS ?? 60_000);
const SERVICE_PASSWORD = 'service-password-for-tests';
const passwordOf = (id: string) => `password-of-${id}`;
const ids = Array.from({ length: SITES }, (_, i) => `site-${String(i + 1).padStart(3, '0')}`);
const ROGUE = 'site-rogue';
const CUT_SITE = ids[6]!;

let cluster: NatsCluster;
let postgres: PostgresServer;
let pool: pg.Pool;
let service: SupervisionProcess;
let link: CuttableLink;
const sites: SimUplinkSite[] = [];

const serviceArgs = () => ['--nats', cluster.url, '--pg', postgres.url('supervision'), '--port', '0', '--mqtt', cluster.mqttUrl(0)];
const serviceEnv = { SC_NATS_USER: 'supervision', SC_NATS_PASSWORD: SERVICE_PASSWORD };

beforeAll(async () => {
  const auth = natsAuthorization({ user: 'supervision', password: SERVICE_PASSWORD }, [...ids, ROGUE].map((id) => ({ id, password: passwordOf(id) })));
  [cluster, postgres] = await Promise.all([NatsCluster.start({ nodes: 3, extraConfig: auth }), PostgresServer.start({ database: 'supervision' })]);
  pool = new pg.Pool({ connectionString: postgres.url('supervision'), max: 4 });
  await migratePg(pool);
  await registerSites(
    pool,
    [...ids, ROGUE].map((id, i) => ({ id, name: `工地 ${id}`, district: i % 2 ? '浦东新区' : '徐汇区', enterprise: `企业 ${i % 10}`, lon: 121.4 + i * 0.001, lat: 31.2 })),
  );
  service = await SupervisionProcess.start(serviceArgs(), serviceEnv);
  // The cut site reaches node 2 through a relay the test can cut; node 0 is the one killed.
  link = await CuttableLink.start(cluster.nodes[2]!.mqttPort);
  const urls = cluster.nodes.map((_, i) => cluster.mqttUrl(i));
  for (const id of ids) {
    const site = new SimUplinkSite(id, {
      urls: id === CUT_SITE ? [link.url] : urls,
      password: passwordOf(id),
      receiptTimeoutMs: 5_000,
      backoffMs: 200,
      maxBackoffMs: 3_000,
    });
    sites.push(site);
    site.publisher.start();
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(sites.map((s) => s.close()));
  await service?.kill('SIGTERM');
  await link?.close();
  await pool?.end();
  // SIGKILL: a graceful JetStream shutdown of three nodes costs seconds and proves nothing here.
  await Promise.all((cluster?.nodes ?? []).map((_, i) => cluster.stopNode(i)));
  postgres?.stop();
  removeTempDirs();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rogueClient(): Promise<mqtt.MqttClient> {
  const client = mqtt.connect(cluster.mqttUrl(1), { clientId: ROGUE, username: ROGUE, password: passwordOf(ROGUE), reconnectPeriod: 500 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

/** Garbage, forged envelopes, another site's topic, replays of its own seqs, then a flood. */
async function rogueSite(): Promise<{ honestSeqs: Set<number> }> {
  const client = await rogueClient();
  const publish = (topic: string, payload: string | Buffer) => client.publishAsync(topic, payload, { qos: 1 }).catch(() => undefined);
  const envelope = (seq: number, site = ROGUE): UplinkEnvelope => ({ v: 1, site, seq, kind: 'summary', at: Date.now(), body: simSummary(seq) });
  const own = uplinkTopic(ROGUE, 'summary');
  await publish(own, Buffer.from([0xff, 0x00, 0x13, 0x37]));
  await publish(own, '{"v":1,"site":');
  await publish(own, JSON.stringify({ ...envelope(1), seq: -4 }));
  await publish(own, JSON.stringify({ ...envelope(2), body: { ...simSummary(2), headcount: 'many' } }));
  // Claims site-001 in the envelope on its own subject: the service refuses the forgery.
  await publish(own, JSON.stringify(envelope(900_000_001, ids[0])));
  // Publishes on site-002's topic: the broker refuses (its permissions), nothing reaches the stream.
  await publish(uplinkTopic(ids[1]!, 'summary'), JSON.stringify(envelope(900_000_002, ids[1])));
  const honestSeqs = new Set<number>();
  for (let seq = 1; seq <= 50; seq += 1) {
    await publish(own, JSON.stringify(envelope(seq)));
    honestSeqs.add(seq);
  }
  // Replays of old seqs with other figures: stored once, the first one kept.
  for (let seq = 1; seq <= 50; seq += 1) await publish(own, JSON.stringify({ ...envelope(seq), body: simSummary(seq + 1000) }));
  // A flood: 3,000 messages as fast as QoS 1 goes, every fifth one garbage.
  const flood: Promise<unknown>[] = [];
  for (let i = 0; i < 3000; i += 1) {
    const seq = 1000 + i;
    if (i % 5 === 0) flood.push(publish(own, `garbage ${i}`));
    else {
      flood.push(publish(own, JSON.stringify(envelope(seq))));
      honestSeqs.add(seq);
    }
  }
  await Promise.all(flood);
  await client.endAsync();
  return { honestSeqs };
}

describe('supervision uplink through a three-node NATS cluster into PostgreSQL', () => {
  it('keeps every site message exactly once through a node kill, a service kill, a cut link and a rogue site', async () => {
    const started = Date.now();
    const at = (ms: number) => sleep(Math.max(0, started + ms - Date.now()));
    let publishing = true;
    const publishers = (async () => {
      let round = 0;
      while (publishing) {
        for (const site of sites) {
          site.summary();
          if (round % 3 === 0) site.event('alarm', { alarmId: `a-${round}`, deviceId: 'crane-1', deviceName: '1号塔吊', priority: 'high', text: '力矩超限', state: 'raised', at: Date.now() });
        }
        round += 1;
        await sleep(1000);
      }
    })();
    const phases = (async () => {
      await at(2_000);
      link.cut(CUT_MS);
      await at(3_000);
      // The rogue finishes before the node kill: it has no receipts (a bare MQTT client), and a
      // PUBACK from NATS 2.9's MQTT listener is not proof of storage (see publisher.ts).
      const rogue = await rogueSite();
      await sleep(1_000);
      await at(6_000);
      await cluster.stopNode(0);
      await at(12_000);
      await cluster.startNode(0);
      await at(16_000);
      await service.kill('SIGKILL');
      await at(19_000);
      service = await SupervisionProcess.start(serviceArgs(), serviceEnv);
      return rogue;
    })();
    let honestSeqs: Set<number>;
    try {
      ({ honestSeqs } = await phases);
      await at(Math.max(22_000, 2_000 + CUT_MS + 2_000));
    } finally {
      publishing = false;
      await publishers;
    }

    // Every outbox drains once the cut link is back: the receipts say each message is stored.
    const pendingLeft = await eventually(
      async () => sites.reduce((n, s) => n + s.written().pending, 0),
      (n) => n === 0,
      40_000,
      250,
    );
    expect(pendingLeft).toBe(0);
    expect(service.alive).toBe(true);

    const counts = new Map((await pool.query<{ site_id: string; n: string }>('SELECT site_id, count(*) AS n FROM site_messages GROUP BY site_id')).rows.map((r) => [r.site_id, Number(r.n)]));
    const latest = new Map((await pool.query<{ site_id: string; seq: string; body: unknown }>('SELECT site_id, seq, body FROM site_latest')).rows.map((r) => [r.site_id, r]));
    const wrong: string[] = [];
    for (const site of sites) {
      const own = site.written();
      if (counts.get(site.siteId) !== own.count) wrong.push(`${site.siteId}: ${counts.get(site.siteId)} stored, ${own.count} written`);
      const row = latest.get(site.siteId);
      if (Number(row?.seq) !== own.newestSummary?.seq) wrong.push(`${site.siteId}: latest seq ${row?.seq} ≠ ${own.newestSummary?.seq}`);
      else expect(row!.body).toEqual(own.newestSummary!.body);
    }
    expect(wrong).toEqual([]);
    // The cut site was away a minute and came back with everything.
    expect(counts.get(CUT_SITE)).toBeGreaterThan(CUT_MS / 1000);

    // The rogue site: its honest messages once each, the first of each replayed seq kept.
    expect(counts.get(ROGUE)).toBe(honestSeqs.size);
    const replayed = await pool.query<{ body: { headcount: number } }>(`SELECT body FROM site_messages WHERE site_id = $1 AND seq = 7`, [ROGUE]);
    expect(replayed.rows[0]?.body.headcount).toBe(simSummary(7).headcount);
    // Forged and broker-refused messages never landed under another site.
    const forged = await pool.query(`SELECT 1 FROM site_messages WHERE seq IN (900000001, 900000002)`);
    expect(forged.rowCount).toBe(0);
    const refused = new Map(
      (await pool.query<{ reason: string; n: string }>(`SELECT reason, sum(count) AS n FROM uplink_rejection_counts WHERE site_key = $1 GROUP BY reason`, [ROGUE])).rows.map((r) => [r.reason, Number(r.n)]),
    );
    const total = [...refused.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(4 + 600);
    expect([...refused.keys()].some((r) => r.startsWith('envelope claims site'))).toBe(true);
    expect([...refused.keys()].some((r) => r === 'payload is not JSON')).toBe(true);
    expect([...refused.keys()].some((r) => r.startsWith('summary invalid'))).toBe(true);
    // Samples are capped per site and minute; counts are not.
    const samples = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM uplink_rejections WHERE site_id = $1`, [ROGUE]);
    expect(Number(samples.rows[0]!.n)).toBeLessThanOrEqual(40);
  }, 180_000);
});
