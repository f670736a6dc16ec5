import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('escalation', () => {
  it('publishes an alarm left unacknowledged past its time to the configured MQTT topic', async () => {
    const broker = await MosquittoBroker.start();
    const siteDir = writeSiteFile({
      id: 'demo',
      name: 'Escalation test',
      devices: [{ id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 60 }],
      alarms: { escalationTopic: 'site/demo/sirens', escalateAfterMinutes: { critical: 0.02 } },
    });
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--mqtt', broker.url]);
    await serve.waitFor(/connected to broker/);
    const listener = await mqtt.connectAsync(broker.url, { clientId: 'siren' });
    const escalations: { conditionKey: string; priority: string; device: string; message: string }[] = [];
    await listener.subscribeAsync('site/demo/sirens', { qos: 1 });
    listener.on('message', (_t, payload) => escalations.push(JSON.parse(String(payload))));
    const publishedAt = Date.now();
    await publishCraneReading(listener, 'crane-1', craneReading({ loadT: 9.5, ratedLoadT: 8, momentPct: 118 }));
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
