import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import type { DeviceView } from '../../electron/common/site.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, loginAs, postJson as post, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('devices out of service (alarms suppressed by design)', () => {
  it('hides a crane under repair from the operator, survives a restart, and comes back', async () => {
    const broker = await MosquittoBroker.start();
    const data = tempDir();
    let serve = await ServeProcess.start(['--port', '0', '--data', data, '--mqtt', broker.url]);
    let admin = await login(serve.url);
    await serve.waitFor(/connected to broker/);
    await post(`${serve.url}/api/users`, admin, { username: 'viewer1', password: 'password-123', role: 'viewer' });
    const viewer = await loginAs(serve.url, 'viewer1', 'password-123');

    expect((await post(`${serve.url}/api/devices/crane-1/service`, viewer, { inService: false, reason: 'x' })).status).toBe(403);
    expect((await post(`${serve.url}/api/devices/crane-1/service`, admin, { inService: false })).status).toBe(400);
    const marked = await post(`${serve.url}/api/devices/crane-1/service`, admin, { inService: false, reason: 'climbing the mast' });
    expect(marked.status).toBe(200);
    expect((marked.body as DeviceView).outOfService).toMatchObject({ reason: 'climbing the mast', by: 'admin' });

    const device = await mqtt.connectAsync(broker.url);
    await publishCraneReading(device, 'crane-1', craneReading({ loadT: 9.5, ratedLoadT: 8, momentPct: 118 }));
    let all: Alarm[] = [];
    for (let i = 0; i < 30 && !all.some((a) => a.conditionKey === 'crane-1:load:cutoff'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      all = (await getJson<Alarm[]>(`${serve.url}/api/alarms?state=all&device=crane-1`, admin)).body;
    }
    const cutoff = all.find((a) => a.conditionKey === 'crane-1:load:cutoff');
    expect(cutoff?.suppressed).not.toBeNull();
    const shown = (await getJson<Alarm[]>(`${serve.url}/api/alarms?device=crane-1`, admin)).body;
    expect(shown.filter((a) => a.conditionKey.startsWith('crane-1:'))).toEqual([]);

    await serve.stop();
    serve = await ServeProcess.start(['--port', '0', '--data', data, '--mqtt', broker.url]);
    admin = await login(serve.url);
    const after = (await getJson<DeviceView[]>(`${serve.url}/api/devices`, admin)).body.find((d) => d.id === 'crane-1');
    expect(after?.outOfService?.reason).toBe('climbing the mast');

    await post(`${serve.url}/api/devices/crane-1/service`, admin, { inService: true });
    await publishCraneReading(device, 'crane-1', craneReading({ loadT: 9.6, ratedLoadT: 8, momentPct: 119 }));
    let visible: Alarm[] = [];
    for (let i = 0; i < 30 && !visible.some((a) => a.conditionKey === 'crane-1:load:cutoff'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      visible = (await getJson<Alarm[]>(`${serve.url}/api/alarms?device=crane-1`, admin)).body;
    }
    expect(visible.some((a) => a.conditionKey === 'crane-1:load:cutoff')).toBe(true);
    await device.endAsync();
    await serve.stop();
    await broker.stop();
  }, 60_000);
});
