import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import type { EscalationOutboxView } from '../../electron/common/api.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ServeProcess, getJson, login, postJson } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

interface Escalation {
  id: string;
  alarmId: string;
  conditionKey: string;
  priority: string;
  device: string;
  message: string;
}

const TOPIC = 'site/demo/sirens';
/** Stopped after each test, whatever it left running. */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

function siteDir(escalateAfterMinutes: number): string {
  return writeSiteFile({
    id: 'demo',
    name: 'Escalation test',
    devices: [{ id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 600 }],
    alarms: { escalationTopic: TOPIC, escalateAfterMinutes: { critical: escalateAfterMinutes } },
  });
}

async function startBroker(): Promise<MosquittoBroker> {
  const broker = await MosquittoBroker.start();
  cleanups.push(() => broker.stop());
  return broker;
}

async function startServe(broker: MosquittoBroker, site: string, data: string): Promise<ServeProcess> {
  const serve = await ServeProcess.start(['--port', '0', '--data', data, '--site', site, '--mqtt', broker.url]);
  cleanups.push(() => serve.stop());
  return serve;
}

/**
 * A siren controller: a persistent QoS 1 session (so the broker keeps what arrives while it is
 * away), counting every message it gets, duplicates included.
 */
async function siren(broker: MosquittoBroker): Promise<{ client: MqttClient; received: Escalation[] }> {
  const client = await mqtt.connectAsync(broker.url, { clientId: `siren-${broker.port}`, clean: false, reconnectPeriod: 200 });
  cleanups.push(() => client.endAsync(true));
  const received: Escalation[] = [];
  client.on('message', (_t, payload) => received.push(JSON.parse(String(payload)) as Escalation));
  await client.subscribeAsync(TOPIC, { qos: 1 });
  return { client, received };
}

async function overload(broker: MosquittoBroker): Promise<void> {
  const crane = await mqtt.connectAsync(broker.url, { clientId: `crane-${Date.now()}` });
  await publishCraneReading(crane, 'crane-1', craneReading({ loadT: 9.5, ratedLoadT: 8, momentPct: 118 }));
  await crane.endAsync();
}

/** The critical crane alarms of the overload (load and moment cut-off), once both are there. */
async function criticalAlarms(serve: ServeProcess, token: string): Promise<Alarm[]> {
  const read = async () => (await getJson<Alarm[]>(`${serve.url}/api/alarms`, token)).body.filter((a) => a.conditionKey.startsWith('crane-1:') && a.priority === 'critical');
  return eventually(async () => {
    const alarms = await read();
    expect(alarms.map((a) => a.conditionKey).sort()).toEqual(['crane-1:load:cutoff', 'crane-1:moment:cutoff']);
    return alarms;
  }, 10_000);
}

const escalationIds = (alarms: Alarm[]) => alarms.map((a) => `${a.id}:escalated`).sort();

async function outbox(serve: ServeProcess, token: string): Promise<EscalationOutboxView> {
  return (await getJson<EscalationOutboxView>(`${serve.url}/api/escalations/outbox`, token)).body;
}

/** Runs `check` until it stops throwing (then returns its value) or `timeoutMs` passes (then throws its last error). */
async function eventually<T>(check: () => T | Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const distinctIds = (list: Escalation[]) => [...new Set(list.map((e) => e.id))].sort();

describe('escalation', () => {
  it('publishes an alarm left unacknowledged past its time, once, with an id, and empties the outbox', async () => {
    const broker = await startBroker();
    const serve = await startServe(broker, siteDir(0.02), tempDir());
    await serve.waitFor(/connected to broker/);
    const { received } = await siren(broker);
    const publishedAt = Date.now();
    await overload(broker);
    await eventually(() => expect(received.length).toBeGreaterThan(0), 10_000);
    // Not before the configured 1.2 s.
    expect(Date.now() - publishedAt).toBeGreaterThanOrEqual(1200);
    const token = await login(serve.url);
    const alarms = await criticalAlarms(serve, token);
    const first = alarms.find((a) => a.id === received[0]!.alarmId)!;
    expect(received[0]).toMatchObject({ id: `${first.id}:escalated`, priority: 'critical', device: 'crane-1', conditionKey: first.conditionKey });
    expect(received[0]!.conditionKey).toMatch(/cutoff/);
    await eventually(async () => expect(await outbox(serve, token)).toMatchObject({ pending: 0, dropped: 0 }), 5_000);
    await sleep(1500);
    // One escalation per unacknowledged critical alarm, none twice (the broker was up all along).
    expect(distinctIds(received)).toEqual(escalationIds(alarms));
    expect(received).toHaveLength(2);
  }, 40_000);

  it('does not escalate an alarm acknowledged in time', async () => {
    const broker = await startBroker();
    const serve = await startServe(broker, siteDir(0.05), tempDir());
    await serve.waitFor(/connected to broker/);
    const { received } = await siren(broker);
    await overload(broker);
    const token = await login(serve.url);
    for (const alarm of await criticalAlarms(serve, token)) {
      const ack = await postJson<Alarm>(`${serve.url}/api/alarms/${alarm.id}/ack`, token, { comment: 'load set down, limiter checked' });
      expect(ack.status).toBe(200);
    }
    // Well past the 3 s escalation time.
    await sleep(5000);
    expect(received).toEqual([]);
    expect(await outbox(serve, token)).toMatchObject({ pending: 0 });
    expect(serve.output).not.toMatch(/alarm escalated/);
  }, 40_000);

  it('keeps an escalation made while the broker is down and sends it once the broker is back', async () => {
    const broker = await startBroker();
    const serve = await startServe(broker, siteDir(0.05), tempDir());
    await serve.waitFor(/connected to broker/);
    const { received } = await siren(broker);
    await overload(broker);
    const token = await login(serve.url);
    const alarms = await criticalAlarms(serve, token);
    await broker.stop();
    // Escalated (3 s after activation) with no broker: kept in the outbox, not lost.
    await eventually(async () => expect(await outbox(serve, token)).toMatchObject({ pending: 2, dropped: 0, lastError: expect.stringMatching(/not connected/) }), 10_000);
    await sleep(1500);
    expect(received).toEqual([]);
    await broker.start();
    await eventually(() => expect(received.length).toBeGreaterThan(0), 30_000);
    await eventually(async () => expect((await outbox(serve, token)).pending).toBe(0), 10_000);
    await sleep(1500);
    expect(distinctIds(received)).toEqual(escalationIds(alarms));
  }, 90_000);

  it('sends an escalation still pending when the core stopped after the core starts again', async () => {
    const broker = await startBroker();
    const site = siteDir(0.05);
    const data = tempDir();
    let serve = await startServe(broker, site, data);
    await serve.waitFor(/connected to broker/);
    const { received } = await siren(broker);
    await overload(broker);
    let token = await login(serve.url);
    const alarms = await criticalAlarms(serve, token);
    await broker.stop();
    await eventually(async () => expect(await outbox(serve, token)).toMatchObject({ pending: 2 }), 10_000);
    expect(await serve.stop()).toBe(0);

    await broker.start();
    serve = await startServe(broker, site, data);
    token = await login(serve.url);
    await eventually(() => expect(received.length).toBeGreaterThan(0), 30_000);
    await eventually(async () => expect((await outbox(serve, token)).pending).toBe(0), 10_000);
    await sleep(1500);
    expect(distinctIds(received)).toEqual(escalationIds(alarms));
  }, 90_000);
});
