import { readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../electron/core/sim/random.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

const VALID_DUST = { pm25: 30, pm10: 60, tsp: 120, noiseDb: 62, windMs: 2, windDir: 90, tempC: 15, rh: 55 };

/** Garbage of many shapes, from one seed so a failure can be replayed. */
function mutant(random: () => number, i: number): { topic: string; payload: Buffer } {
  const base = JSON.stringify({ ts: Date.now(), ...VALID_DUST });
  const topics = ['site/demo/dust/dust-1/telemetry', 'site/demo/crane/crane-1/telemetry', `site/demo/dust/ghost-${i % 50}/telemetry`, 'site/demo/dust//telemetry', 'site/other/dust/dust-1/telemetry'];
  const topic = topics[Math.floor(random() * topics.length)]!;
  const pick = Math.floor(random() * 8);
  let payload: Buffer;
  switch (pick) {
    case 0: // random bytes
      payload = Buffer.from(Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
      break;
    case 1: // truncated JSON
      payload = Buffer.from(base.slice(0, Math.floor(random() * base.length)));
      break;
    case 2: { // one byte flipped
      const b = Buffer.from(base);
      b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
      payload = b;
      break;
    }
    case 3: // wrong types and out-of-range values
      payload = Buffer.from(JSON.stringify({ ...VALID_DUST, pm10: ['x', -5, 1e308, null, {}, '80'][Math.floor(random() * 6)] }));
      break;
    case 4: // deep nesting
      payload = Buffer.from('['.repeat(2000) + ']'.repeat(2000));
      break;
    case 5: // bad timestamps
      payload = Buffer.from(JSON.stringify({ ...VALID_DUST, ts: ['tomorrow', -1, 9e15, 1e3][Math.floor(random() * 4)] }));
      break;
    case 6: // oversize
      payload = Buffer.alloc(20_000 + Math.floor(random() * 10_000), 0x7b);
      break;
    default: // prototype pollution attempt and unknown fields
      payload = Buffer.from(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"pm10":${Math.floor(random() * 100)}}`);
  }
  return { topic, payload };
}

describe('fuzz: 100,000 broken MQTT payloads', () => {
  it('never crash the core, keep memory bounded, and lose no valid reading among them', async () => {
    const broker = await MosquittoBroker.start();
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--mqtt', broker.url, '--no-simulate']);
    await serve.waitFor(/connected to broker/);
    const token = await login(serve.url);
    const rssBefore = rss(serve.child.pid!);
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'fuzzer' });
    const random = seededRandom(20261124);
    const validTs: number[] = [];
    const t0 = Date.now() - 60_000;
    for (let i = 0; i < 100_000; i++) {
      const { topic, payload } = mutant(random, i);
      publisher.publish(topic, payload, { qos: 0 });
      if (i % 100 === 0) {
        // A valid reading every 100 garbage messages, each with its own timestamp.
        const ts = t0 + validTs.length;
        validTs.push(ts);
        publisher.publish('site/demo/dust/dust-2/telemetry', JSON.stringify({ ts, ...VALID_DUST }), { qos: 1 });
      }
      if (i % 2000 === 0) await new Promise((r) => setImmediate(r));
    }
    let stored = 0;
    for (let i = 0; i < 100 && stored < validTs.length; i++) {
      await new Promise((r) => setTimeout(r, 200));
      stored = (await getJson<unknown[]>(`${serve.url}/api/telemetry/dust-2?from=${new Date(t0 - 1000).toISOString()}&limit=50000`, token)).body.length;
    }
    expect(stored).toBe(validTs.length);
    // Pollution is looked for in the core, which parsed the payloads, not in this process.
    const health = await getJson<{ status: string; prototypesIntact: boolean }>(`${serve.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', prototypesIntact: true });
    expect(serve.exitCode).toBeNull();
    const devices = (await getJson<{ id: string; badPayloads: number }[]>(`${serve.url}/api/devices`, token)).body;
    expect(devices.find((d) => d.id === 'dust-1')!.badPayloads).toBeGreaterThan(1000);
    const site = (await getJson<{ unknownDevices: string[] }>(`${serve.url}/api/site`, token)).body;
    expect(site.unknownDevices.length).toBeGreaterThan(0);
    // Bounded memory: the core grows by far less than the 100k messages would take if kept.
    expect(rss(serve.child.pid!) - rssBefore).toBeLessThan(150);
    await publisher.endAsync();
    await serve.stop();
    await broker.stop();
  }, 180_000);
});

function rss(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}
