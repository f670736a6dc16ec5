import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishCraneReading } from '../helpers/crane-telemetry.js';
import { eventually } from '../helpers/eventually.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// A real mosquitto between a field-device publisher and the core, as on site.
let broker: MosquittoBroker;
let serve: ServeProcess;
let token: string;
let device: MqttClient;
const data = tempDir();

interface DeviceRow {
  id: string;
  status: string;
  badPayloads: number;
  lastError?: string;
  lastValues: Record<string, unknown> | null;
}
interface SiteBody {
  unknownDevices: string[];
  sources: { id: string; state: string; detail?: string }[];
}

const crane = { loadT: 3.2, ratedLoadT: 8, momentPct: 52.5, radiusM: 30, heightM: 40, slewDeg: 123.4, windMs: 6.1, tiltDeg: 0.2 };

const devices = () => getJson<DeviceRow[]>(`${serve.url}/api/devices`, token).then((r) => r.body);
const site = () => getJson<SiteBody>(`${serve.url}/api/site`, token).then((r) => r.body);
const mqttSource = () => site().then((s) => s.sources.find((x) => x.id === 'mqtt'));

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  serve = await ServeProcess.start(['--port', '0', '--data', data, '--mqtt', broker.url]);
  token = await login(serve.url);
  await eventually(mqttSource, (s) => s?.state === 'connected');
  device = await mqtt.connectAsync(broker.url, { clientId: 'field-device-test' });
});
afterAll(async () => {
  await device?.endAsync();
  await serve?.stop();
  await broker?.stop();
  removeTempDirs();
});

describe('MQTT ingest through a real mosquitto', () => {
  it('stores a crane reading and shows it as the device last values', async () => {
    await publishCraneReading(device, 'crane-1', { ts: new Date().toISOString(), ...crane });
    const rows = await eventually(devices, (d) => d.find((x) => x.id === 'crane-1')?.status === 'online');
    expect(rows.find((x) => x.id === 'crane-1')?.lastValues).toEqual(crane);
    const stored = await eventually(
      () => getJson<unknown[]>(`${serve.url}/api/telemetry/crane-1`, token).then((r) => r.body),
      (b) => b.length > 0,
    );
    expect(stored).toHaveLength(1);
  });

  it('counts broken JSON and wrong types per device, and keeps going', async () => {
    await device.publishAsync('site/demo/dust/dust-1/telemetry', '{"pm10": 80,', { qos: 1 });
    await device.publishAsync('site/demo/dust/dust-1/telemetry', JSON.stringify({ pm10: 'high' }), { qos: 1 });
    await device.publishAsync('site/demo/dust/dust-1/telemetry', JSON.stringify({ pm10: 81, pm25: 40 }), { qos: 1 });
    const rows = await eventually(devices, (d) => d.find((x) => x.id === 'dust-1')?.lastValues?.pm10 === 81);
    const dust = rows.find((x) => x.id === 'dust-1')!;
    expect(dust.badPayloads).toBe(2);
    expect(dust.lastError).toMatch(/^pm10:/);
  });

  it('reports a device the site file does not list', async () => {
    await publishCraneReading(device, 'crane-99', crane);
    const body = await eventually(site, (s) => s.unknownDevices.includes('crane-99'));
    expect(body.unknownDevices).toContain('crane-99');
  });

  it('survives a broker restart: shows reconnecting, then connected, and ingests again', async () => {
    await broker.stop();
    expect(await eventually(mqttSource, (s) => s?.state === 'reconnecting')).toMatchObject({ state: 'reconnecting' });
    await broker.start();
    expect(await eventually(mqttSource, (s) => s?.state === 'connected', 20_000)).toMatchObject({ state: 'connected' });
    await device.endAsync(true);
    device = await mqtt.connectAsync(broker.url, { clientId: 'field-device-test' });
    await publishCraneReading(device, 'crane-2', { ...crane, slewDeg: 10 });
    const rows = await eventually(devices, (d) => d.find((x) => x.id === 'crane-2')?.status === 'online');
    expect(rows.find((x) => x.id === 'crane-2')?.lastValues?.slewDeg).toBe(10);
  });

  it('loses no QoS 1 reading sent while the core was down (persistent session)', async () => {
    await serve.stop();
    for (let i = 0; i < 20; i++) {
      await device.publishAsync('site/demo/ranging/rng-x/telemetry', JSON.stringify({ pointId: 'P', distanceM: i }), { qos: 1 });
      await device.publishAsync('site/demo/hoist/hoist-1/telemetry', JSON.stringify({ ts: Date.now() - (20 - i) * 1000, loadKg: 500 + i, ratedLoadKg: 2000, people: 3, ratedPeople: 9, floor: i, heightM: i * 3, speedMs: 0, doorOpen: false, tiltDeg: 0.1 }), { qos: 1 });
    }
    serve = await ServeProcess.start(['--port', '0', '--data', data, '--mqtt', broker.url]);
    token = await login(serve.url);
    const stored = await eventually(
      () => getJson<{ values: { floor: number } }[]>(`${serve.url}/api/telemetry/hoist-1?limit=100`, token).then((r) => r.body),
      (b) => b.length >= 20,
    );
    expect(stored.map((r) => r.values.floor)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
