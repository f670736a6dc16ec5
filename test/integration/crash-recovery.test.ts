import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('crash during heavy ingest', () => {
  it('SIGKILL loses at most the batch in flight; the database is intact and the core carries on', async () => {
    const broker = await MosquittoBroker.start();
    const data = tempDir();
    let serve = await ServeProcess.start(['--port', '0', '--data', data, '--mqtt', broker.url, '--no-simulate']);
    await serve.waitFor(/connected to broker/);
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'flood' });
    let sent = 0;
    const payload = (i: number) => JSON.stringify({ pointId: 'P1', distanceM: i / 1000 });
    // Flood for ~1.5 s, then kill the core mid-stream without warning.
    const until = Date.now() + 1500;
    while (Date.now() < until) {
      for (let k = 0; k < 200; k++) publisher.publish('site/demo/crane/crane-1/telemetry', payload(sent++), { qos: 0 });
      await new Promise((r) => setImmediate(r));
    }
    // The whole program, supervisor and core child together (power cut, OOM killer).
    await serve.crash();

    const db = new Database(join(data, 'site-command.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The flood was on purpose the wrong kind for crane-1: all rejected, none stored, no crash.
    expect((db.prepare('SELECT COUNT(*) n FROM telemetry').get() as { n: number }).n).toBe(0);
    db.close();
    expect(sent).toBeGreaterThan(1000);

    // Now a valid flood of dust readings, each numbered: `ts` = t0 + n, and n again in the values
    // (tsp + 20,000 × pm10) so the core's latest reading says how far it has got.
    serve = await ServeProcess.start(['--port', '0', '--data', data, '--mqtt', broker.url, '--no-simulate']);
    await serve.waitFor(/connected to broker/);
    const token1 = await login(serve.url);
    const t0 = Date.now() - 3_600_000;
    const reading = (n: number) => JSON.stringify({ ts: t0 + n, tsp: n % 20_000, pm10: Math.floor(n / 20_000) });
    let dustSent = 0;
    let flooding = true;
    const flood = (async () => {
      while (flooding) {
        for (let k = 0; k < 200; k++) publisher.publish('site/demo/dust/dust-1/telemetry', reading(dustSent++), { qos: 0 });
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    // The newest reading the core has taken in, read just before the kill: everything up to it
    // reached the store's queue, so whatever of it is missing afterwards was lost by the store.
    const dust1 = (await getJson<{ id: string; lastValues: { tsp: number; pm10: number } | null }[]>(`${serve.url}/api/devices`, token1)).body.find((d) => d.id === 'dust-1')!;
    const takenIn = dust1.lastValues!.pm10 * 20_000 + dust1.lastValues!.tsp + 1;
    // SIGKILL while the flood goes on and the writer is committing batches.
    // The whole program, supervisor and core child together (power cut, OOM killer).
    await serve.crash();
    flooding = false;
    await flood;
    const after = new Database(join(data, 'site-command.db'));
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    const numbers = (after.prepare("SELECT ts FROM telemetry WHERE device_id = 'dust-1' ORDER BY ts").all() as { ts: number }[]).map((r) => r.ts - t0);
    after.close();
    const stored = numbers.length;
    console.info(`[crash] sent ${dustSent}, taken in by the core ${takenIn}, stored ${stored}`);
    expect(takenIn).toBeGreaterThan(1000);
    expect(stored).toBeGreaterThan(0);
    // What is stored is exactly the first readings, in order: no reading lost or doubled in between.
    expect(numbers[0]).toBe(0);
    expect(numbers[stored - 1]).toBe(stored - 1);
    expect(new Set(numbers).size).toBe(stored);
    // At most the batch in flight is lost: the writer commits 500 rows at a time (or every 200 ms),
    // so of what the core had taken in, at most one batch is missing.
    expect(takenIn - stored).toBeLessThanOrEqual(500);
    expect(stored).toBeLessThanOrEqual(dustSent);

    serve = await ServeProcess.start(['--port', '0', '--data', data, '--mqtt', broker.url, '--no-simulate']);
    const token = await login(serve.url);
    await serve.waitFor(/connected to broker/);
    await publisher.publishAsync('site/demo/dust/dust-2/telemetry', JSON.stringify({ pm10: 42 }), { qos: 1 });
    let rows: unknown[] = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rows = (await getJson<unknown[]>(`${serve.url}/api/telemetry/dust-2`, token)).body;
    }
    expect(rows).toHaveLength(1);
    await serve.stop();
    await publisher.endAsync();
    await broker.stop();
  });
});
