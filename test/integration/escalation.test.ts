import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('escalation', () => {
  it('publishes an alarm left unacknowledged past its time to the configured MQTT topic', async () => {
    const broker = await MosquittoBroker.start();
    const siteDir = tempDir();
    writeFileSync(
      join(siteDir, 'site.json'),
      JSON.stringify({
        id: 'demo',
        name: 'Escalation test',
        devices: [{ id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 60 }],
        alarms: { escalationTopic: 'site/demo/sirens', escalateAfterMinutes: { critical: 0.02 } },
      }),
    );
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--mqtt', broker.url]);
    await serve.waitFor(/connected to broker/);
    const listener = await mqtt.connectAsync(broker.url, { clientId: 'siren' });
    const escalations: { conditionKey: string; priority: string; device: string; message: string }[] = [];
    await listener.subscribeAsync('site/demo/sirens', { qos: 1 });
    listener.on('message', (_t, payload) => escalations.push(JSON.parse(String(payload))));
    const publishedAt = Date.now();
    await listener.publishAsync(
      'site/demo/crane/crane-1/telemetry',
      JSON.stringify({ loadT: 9.5, ratedLoadT: 8, momentPct: 118, radiusM: 20, heightM: 30, slewDeg: 90, windMs: 3, tiltDeg: 0.1 }),
      { qos: 1 },
    );
    for (let i = 0; i < 60 && escalations.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(escalations.length).toBeGreaterThan(0);
    expect(escalations[0]).toMatchObject({ priority: 'critical', device: 'crane-1' });
    expect(escalations[0]!.conditionKey).toMatch(/cutoff/);
    // Not before the configured 1.2 s.
    expect(Date.now() - publishedAt).toBeGreaterThanOrEqual(1200);
    await listener.endAsync();
    await serve.stop();
    await broker.stop();
  }, 30_000);
});
