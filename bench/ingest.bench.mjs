// Sustained telemetry ingest: publisher → mosquitto → the built core (validation, live state,
// alarm rules, SQLite with minute rollups), counted as rows stored over time. Baseline: the same
// publisher → the same mosquitto → a bare mqtt.js subscriber (its own process) counting messages.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { CRANE_READING, startCore, startMosquitto, writeSite } from './broker.mjs';
import { removeDir, stop, tempDir } from './lib.mjs';

export const title = 'Telemetry ingest (issue: telemetry storage)';
export const note =
  'QoS 0 flood of crane and dust readings (4 + 4 devices, round robin, receive-time stamps) from one mqtt.js publisher, BENCH_INGEST_MESSAGES (default 150,000) per run. Core: rows in SQLite (max rowid polled every 50 ms through a read-only connection) from the first to the last stored; rules evaluated on every reading. Baseline: a bare mqtt.js subscriber process on the same broker, messages from the first to the last received. Drops = published − stored (or received).';

const CRANES = ['crane-1', 'crane-2', 'crane-3', 'crane-4'];
const DUSTS = ['dust-1', 'dust-2', 'dust-3', 'dust-4'];

const SUBSCRIBER = `
const mqtt = require('mqtt');
let n = 0, first = 0, last = 0;
const c = mqtt.connect(process.argv[1], { clientId: 'bench-bare-' + process.pid });
c.on('connect', () => c.subscribe(['site/bench/+/+/telemetry'], { qos: 1 }, () => process.stdout.write('ready\\n')));
c.on('message', () => { const t = performance.timeOrigin + performance.now(); if (!n) first = t; last = t; n++; });
setInterval(() => process.stdout.write(JSON.stringify({ n, first, last }) + '\\n'), 50);
`;

function payloads() {
  const out = [];
  for (const id of CRANES) out.push([`site/bench/crane/${id}/telemetry`, JSON.stringify(CRANE_READING)]);
  for (const id of DUSTS) out.push([`site/bench/dust/${id}/telemetry`, JSON.stringify({ pm10: 60, pm25: 30, tsp: 90, noiseDb: 62, windMs: 2, windDir: 90, tempC: 18, rh: 55 })]);
  return out;
}

/** Publishes `total` QoS 0 messages as fast as the client drains them. */
async function flood(url, total) {
  const client = await mqtt.connectAsync(url, { clientId: `bench-pub-${process.pid}-${Date.now()}` });
  const messages = payloads();
  const t0 = performance.now();
  for (let i = 0; i < total; ) {
    for (let k = 0; k < 500 && i < total; k++, i++) {
      const [topic, body] = messages[i % messages.length];
      client.publish(topic, body, { qos: 0 });
    }
    // Let the socket drain so the publisher is paced by TCP, not by an ever-growing buffer.
    await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => client.stream.write('', r));
  const ms = performance.now() - t0;
  await client.endAsync();
  return ms;
}

/** Waits until `read()` stops growing for `quietMs`; returns [{t, n}] samples. */
async function sampleUntilQuiet(read, quietMs = 1500, timeoutMs = 60_000) {
  const samples = [];
  const t0 = Date.now();
  let lastChange = Date.now();
  let prev = -1;
  while (Date.now() - t0 < timeoutMs) {
    const n = read();
    const t = performance.timeOrigin + performance.now();
    if (n !== prev) {
      samples.push({ t, n });
      prev = n;
      lastChange = Date.now();
    } else if (n > 0 && Date.now() - lastChange > quietMs) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return samples;
}

/** Rate from the first non-zero sample to the last change. */
function rate(samples) {
  const nonZero = samples.filter((s) => s.n > 0);
  if (nonZero.length < 2) return { n: nonZero.at(-1)?.n ?? 0, perS: NaN };
  const a = nonZero[0];
  const b = nonZero.at(-1);
  return { n: b.n, perS: (b.n - a.n) / ((b.t - a.t) / 1000) };
}

export async function run({ root }) {
  const total = Number(process.env.BENCH_INGEST_MESSAGES ?? 150_000);
  const { default: Database } = await import('better-sqlite3');
  const broker = await startMosquitto();
  const site = writeSite([
    ...CRANES.map((id) => ({ id, kind: 'crane', name: id, expectedIntervalS: 60 })),
    ...DUSTS.map((id) => ({ id, kind: 'dust', name: id, expectedIntervalS: 60 })),
  ]);
  const data = tempDir();
  try {
    // Baseline first: bare subscriber.
    const sub = spawn(process.execPath, ['-e', SUBSCRIBER, broker.url], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let latest = { n: 0 };
    let ready;
    const isReady = new Promise((r) => (ready = r));
    sub.stdout.on('data', (d) => {
      for (const line of d.toString().split('\n')) {
        if (line === 'ready') ready();
        else if (line.startsWith('{')) latest = JSON.parse(line);
      }
    });
    await isReady;
    const bareSendMs = await flood(broker.url, total);
    await sampleUntilQuiet(() => latest.n, 1000);
    const bare = { n: latest.n, perS: latest.n > 1 ? (latest.n - 1) / ((latest.last - latest.first) / 1000) : NaN };
    await stop(sub);

    // The core, same broker, same publisher.
    const core = await startCore(root, { siteDir: site, dataDir: data, mqttUrl: broker.url });
    const db = new Database(join(data, 'site-command.db'), { readonly: true });
    const maxRowid = db.prepare('SELECT COALESCE(MAX(rowid), 0) n FROM telemetry').pluck();
    const sampling = sampleUntilQuiet(() => maxRowid.get(), 2000);
    const coreSendMs = await flood(broker.url, total);
    const stored = rate(await sampling);
    const rollupRows = db.prepare('SELECT COALESCE(SUM(count), 0) n FROM telemetry_minute WHERE metric IN (?, ?)').pluck().get('loadT', 'pm10');
    db.close();
    await stop(core.child);

    const pubRate = (ms) => total / (ms / 1000);
    process.stderr.write(
      `ingest bench: publisher ${pubRate(bareSendMs).toFixed(0)} / ${pubRate(coreSendMs).toFixed(0)} msg/s; bare got ${bare.n}, core stored ${stored.n}, rollup count ${rollupRows}\n`,
    );
    return [
      {
        name: `stored telemetry, ${total.toLocaleString('en')} QoS 0 messages`,
        value: stored.perS,
        unit: 'msg/s',
        baselineName: 'bare mqtt.js subscriber',
        baseline: bare.perS,
        target: 'ratio ≥ 0.5',
        met: stored.perS / bare.perS >= 0.5,
      },
      { name: 'dropped on the way to SQLite (published − stored)', value: total - stored.n, unit: 'msgs', baselineName: 'bare subscriber', baseline: total - bare.n },
      { name: 'rollup counts of the run (loadT + pm10) vs rows stored', value: rollupRows, unit: 'readings', baselineName: 'rows', baseline: stored.n, target: 'equal', met: rollupRows === stored.n },
    ];
  } finally {
    await stop(broker.child);
    removeDir(broker.dir);
    removeDir(site);
    removeDir(data);
  }
}
