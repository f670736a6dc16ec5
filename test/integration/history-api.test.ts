import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistorySeries } from '../../electron/common/api.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

const CORE_ARGS = (data: string, broker: MosquittoBroker) => ['--port', '0', '--data', data, '--mqtt', broker.url, '--no-simulate'];

describe('history through the built core and a real mosquitto', () => {
  it('rollups stay consistent with raw rows after a SIGKILL mid-ingest; the history API serves them and rejects bad requests', async () => {
    const broker = await MosquittoBroker.start();
    const data = tempDir();
    let serve = await ServeProcess.start(CORE_ARGS(data, broker));
    await serve.waitFor(/connected to broker/);
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'history-flood' });

    // Readings 10 ms apart in device time, starting an hour ago: the flood spans many minutes.
    const base = Math.floor((Date.now() - 3600_000) / 60_000) * 60_000;
    let sent = 0;
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      for (let k = 0; k < 200; k++, sent++) {
        publisher.publish('site/demo/dust/dust-1/telemetry', JSON.stringify({ ts: base + sent * 10, pm10: (sent % 300) + 0.5, rh: 55 }), { qos: 0 });
      }
      await new Promise((r) => setImmediate(r));
    }
    await serve.crash();
    await serve.waitForExit();

    const db = new Database(join(data, 'site-command.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const raw = db
      .prepare<[], { minute: number; n: number }>(`SELECT (ts / 60000) * 60000 minute, COUNT(*) n FROM telemetry WHERE device_id = 'dust-1' GROUP BY 1 ORDER BY 1`)
      .all();
    const rolled = db
      .prepare<[string], { minute: number; n: number }>(`SELECT minute, count n FROM telemetry_minute WHERE device_id = 'dust-1' AND metric = ? ORDER BY minute`)
      .all('pm10');
    const rawTotal = raw.reduce((s, r) => s + r.n, 0);
    db.close();
    expect(rawTotal).toBeGreaterThan(1000);
    expect(rawTotal).toBeLessThanOrEqual(sent);
    expect(raw.length).toBeGreaterThan(1);
    // Same transaction: every minute's rollup count is exactly its raw row count, none extra.
    expect(rolled).toEqual(raw);

    // The restarted core receives what mosquitto still held for its persistent session: wait
    // until ingest is quiet, then compare against the raw rows as they are then.
    const count = (sql: string, ...params: number[]) => {
      const again = new Database(join(data, 'site-command.db'), { readonly: true });
      const n = (again.prepare(sql).get(...params) as { n: number }).n;
      again.close();
      return n;
    };
    const rawNow = () => count(`SELECT COUNT(*) n FROM telemetry WHERE device_id = 'dust-1'`);
    serve = await ServeProcess.start(CORE_ARGS(data, broker));
    await serve.waitFor(/connected to broker/);
    for (let last = -1, n = rawNow(); n !== last; ) {
      await new Promise((r) => setTimeout(r, 600));
      [last, n] = [n, rawNow()];
    }
    const firstTenMinutes = count(`SELECT COUNT(*) n FROM telemetry WHERE ts >= ? AND ts <= ?`, base, base + 600_000);
    const token = await login(serve.url);
    const url = (path: string) => `${serve.url}/api/history/${path}`;
    const from = new Date(base).toISOString();
    const to = new Date(base + 3 * 3600_000).toISOString();
    const series = await getJson<HistorySeries>(url(`dust-1/pm10?from=${from}&to=${to}&maxPoints=100`), token);
    expect(series.status).toBe(200);
    expect(series.body).toMatchObject({ deviceId: 'dust-1', metric: 'pm10', source: 'rollup', bucketMs: 120_000 });
    expect(series.body.points.length).toBeLessThanOrEqual(100);
    expect(series.body.points.reduce((n, p) => n + p.count, 0)).toBe(rawNow());
    expect(Math.min(...series.body.points.map((p) => p.min))).toBe(0.5);

    const recent = await getJson<HistorySeries>(url(`dust-1/pm10?from=${from}&to=${new Date(base + 600_000).toISOString()}`), token);
    expect(recent.body.source).toBe('raw');
    expect(recent.body.points.reduce((n, p) => n + p.count, 0)).toBe(firstTenMinutes);

    const unknownMetric = await getJson<{ code: string; field: string; error: string }>(url('dust-1/loadT'), token);
    expect(unknownMetric.status).toBe(400);
    expect(unknownMetric.body).toMatchObject({ code: 'bad-request', field: 'metric' });
    expect(unknownMetric.body.error).toMatch(/pm10/);
    const unknownDevice = await getJson<{ code: string }>(url('crane-99/loadT'), token);
    expect(unknownDevice.status).toBe(404);
    expect(unknownDevice.body.code).toBe('not-found');
    expect((await getJson(url('dust-1/pm10?maxPoints=1'), token)).status).toBe(400);
    expect((await getJson(url('dust-1/pm10'))).status).toBe(401);

    await serve.stop();
    await publisher.endAsync();
    await broker.stop();
  });
});
