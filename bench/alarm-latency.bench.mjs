// Publish → alarm event on the live WebSocket, under 1,000 msg/s of background telemetry.
// Baseline: the same publishes arriving at a bare mqtt.js subscriber on the same broker, same run.
import mqtt from 'mqtt';
import WebSocket from 'ws';
import { CRANE_READING, startCore, startMosquitto, writeSite } from './broker.mjs';
import { percentile, removeDir, stop, tempDir } from './lib.mjs';

export const title = 'Alarm latency (issue: telemetry storage)';
export const note =
  'Each of 200 hoists gets one reading with the cage door open while moving (a critical condition without on-delay), 40 ms apart, while 10 cranes send 1,000 normal readings/s in total (QoS 0 throughout). The broker runs with `set_tcp_nodelay true` and the publisher’s socket without Nagle, so neither path waits for delayed ACKs (both paths share that setting); the last two rows repeat the run with mosquitto’s and Node’s defaults (Nagle on). Measured: publish → the `activated` alarm event on `/api/live` (logged in as admin), in the bench process. Baseline: publish → the same message at a bare mqtt.js subscriber in the same process, measured on the same messages at the same time.';

const HOISTS = Array.from({ length: 200 }, (_, i) => `hoist-${String(i + 1).padStart(3, '0')}`);
const CRANES = Array.from({ length: 10 }, (_, i) => `crane-${i + 1}`);
const DOOR_OPEN_MOVING = { loadKg: 600, ratedLoadKg: 2000, people: 3, ratedPeople: 9, floor: 4, heightM: 12, speedMs: 1, doorOpen: true, tiltDeg: 0 };
const PASSWORD = 'bench-password';

export async function run({ root }) {
  const tuned = await measure(root, true);
  const stock = await measure(root, false);
  const p = (values, q) => (values.length ? percentile(values, q) : NaN);
  const complete = (r) => r.core.length === HOISTS.length;
  return [
    { name: `publish → alarm on /api/live, p50 (${tuned.core.length} of ${HOISTS.length})`, value: p(tuned.core, 50), unit: 'ms', baselineName: 'bare subscriber p50', baseline: p(tuned.bare, 50) },
    { name: 'publish → alarm on /api/live, p99', value: p(tuned.core, 99), unit: 'ms', baselineName: 'bare subscriber p99', baseline: p(tuned.bare, 99), target: '< 50 ms', met: complete(tuned) && p(tuned.core, 99) < 50 },
    { name: 'background telemetry during the run', value: tuned.backgroundRate, unit: 'msg/s', target: '≈ 1000' },
    { name: `same, mosquitto and publisher with Nagle on (defaults): p50 (${stock.core.length} of ${HOISTS.length})`, value: p(stock.core, 50), unit: 'ms', baselineName: 'bare subscriber p50', baseline: p(stock.bare, 50) },
    { name: 'same, Nagle on: p99', value: p(stock.core, 99), unit: 'ms', baselineName: 'bare subscriber p99', baseline: p(stock.bare, 99), target: '< 50 ms', met: complete(stock) && p(stock.core, 99) < 50 },
  ];
}

async function measure(root, noDelay) {
  const broker = await startMosquitto({ noDelay });
  const site = writeSite([
    ...HOISTS.map((id) => ({ id, kind: 'hoist', name: id, expectedIntervalS: 3600 })),
    ...CRANES.map((id) => ({ id, kind: 'crane', name: id, expectedIntervalS: 3600 })),
  ]);
  const data = tempDir();
  const core = await startCore(root, { siteDir: site, dataDir: data, mqttUrl: broker.url, password: PASSWORD });
  const clients = [];
  try {
    const login = await fetch(`${core.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const { token } = await login.json();
    const ws = new WebSocket(`${core.url.replace(/^http/, 'ws')}/api/live`);
    await new Promise((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
      ws.on('message', function onReady(raw) {
        if (JSON.parse(String(raw)).type !== 'ready') return;
        ws.off('message', onReady);
        resolve();
      });
      ws.once('error', reject);
    });

    const sentAt = new Map();
    const coreLatency = [];
    const bareLatency = [];
    let dropped = 0;
    ws.on('message', (raw) => {
      const now = performance.now();
      const event = JSON.parse(String(raw));
      if (event.type === 'dropped') dropped += event.count;
      if (event.type !== 'alarm' || event.event.type !== 'activated' || !event.event.conditionKey.endsWith(':door-open-moving')) return;
      const t = sentAt.get(event.event.sourceDevice);
      if (t !== undefined) coreLatency.push(now - t);
    });

    const bare = await mqtt.connectAsync(broker.url, { clientId: `bench-bare-${process.pid}` });
    clients.push(bare);
    await bare.subscribeAsync('site/bench/hoist/+/telemetry', { qos: 1 });
    bare.on('message', (topic) => {
      const t = sentAt.get(topic.split('/')[3]);
      if (t !== undefined) bareLatency.push(performance.now() - t);
    });

    const publisher = await mqtt.connectAsync(broker.url, { clientId: `bench-pub-${process.pid}` });
    clients.push(publisher);
    // A field device sends one reading at a time; do not let Nagle hold it back behind the background load.
    publisher.stream.setNoDelay(noDelay);
    const crane = JSON.stringify(CRANE_READING);
    let background = 0;
    const load = setInterval(() => {
      for (const id of CRANES) publisher.publish(`site/bench/crane/${id}/telemetry`, crane, { qos: 0 });
      background += CRANES.length;
    }, 10);
    // One second of background alone first, so the measurement starts under load.
    await new Promise((r) => setTimeout(r, 1000));
    const started = performance.now();
    for (const id of HOISTS) {
      sentAt.set(id, performance.now());
      publisher.publish(`site/bench/hoist/${id}/telemetry`, JSON.stringify(DOOR_OPEN_MOVING), { qos: 0 });
      await new Promise((r) => setTimeout(r, 40));
    }
    const deadline = Date.now() + 3000;
    while ((coreLatency.length < HOISTS.length || bareLatency.length < HOISTS.length) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    clearInterval(load);
    const backgroundRate = background / ((performance.now() - started + 1000) / 1000);
    ws.close();
    process.stderr.write(`alarm bench (nodelay ${noDelay}): ${coreLatency.length}/${HOISTS.length} alarms, ${bareLatency.length} bare, background ${backgroundRate.toFixed(0)} msg/s, ws dropped ${dropped}\n`);

    return { core: coreLatency, bare: bareLatency, backgroundRate };
  } finally {
    for (const c of clients) await c.endAsync().catch(() => undefined);
    await stop(core.child);
    await stop(broker.child);
    removeDir(broker.dir);
    removeDir(site);
    removeDir(data);
  }
}
