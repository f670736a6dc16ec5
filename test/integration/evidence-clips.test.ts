import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlarmDetail } from '../../electron/common/api.js';
import type { Alarm } from '../../electron/common/alarms.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, mediaTicketUrl, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('alarm evidence clips', () => {
  it('an alarm on a device linked to a recording camera gets a pre-roll + 20 s clip that plays', async () => {
    const broker = await MosquittoBroker.start();
    const siteDir = writeSiteFile({
      id: 'demo',
      name: 'Clip test',
      devices: [{ id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 1 }],
      cameras: [{ id: 'hook', name: 'Hook', mainUrl: 'testpattern:?label=HOOK&size=320x180&rate=10', linkedDevices: ['crane-1'], recording: true }],
    });
    const data = tempDir();
    const serve = await ServeProcess.start(['--port', '0', '--data', data, '--site', siteDir, '--mqtt', broker.url]);
    const token = await login(serve.url);
    await serve.waitFor(/connected to broker/);
    // Let the recording camera fill its 10 s pre-roll buffer while the crane reports normal loads
    // (a silent crane would raise its own offline alarm, with its own clip).
    const device = await mqtt.connectAsync(broker.url);
    const normal = craneReading({ loadT: 2, ratedLoadT: 8, momentPct: 25 });
    for (let i = 0; i < 12; i++) {
      await publishCraneReading(device, 'crane-1', normal);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await publishCraneReading(device, 'crane-1', craneReading({ loadT: 9.5, ratedLoadT: 8, momentPct: 118 }));
    let alarm: Alarm | undefined;
    for (let i = 0; i < 40 && !alarm; i++) {
      await new Promise((r) => setTimeout(r, 100));
      alarm = (await getJson<Alarm[]>(`${serve.url}/api/alarms?priority=critical`, token)).body[0];
    }
    expect(alarm).toBeDefined();
    let detail: AlarmDetail | undefined;
    for (let i = 0; i < 240 && !detail?.clips.length; i++) {
      await new Promise((r) => setTimeout(r, 250));
      detail = (await getJson<AlarmDetail>(`${serve.url}/api/alarms/${alarm!.id}`, token)).body;
    }
    expect(detail?.clips).toHaveLength(1);
    const clip = detail!.clips[0]!;
    expect(clip.cameraId).toBe('hook');
    expect(clip.durationSec).toBeGreaterThanOrEqual(25);
    // The file plays: ffprobe reads its duration, and it is served to a logged-in user only.
    const clipUrl = await mediaTicketUrl(serve.url, token, clip.url);
    const response = await fetch(clipUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const local = join(tempDir(), 'clip.mp4');
    writeFileSync(local, Buffer.from(await response.arrayBuffer()));
    const seconds = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', local], { encoding: 'utf8' }).trim());
    expect(seconds).toBeGreaterThanOrEqual(25);
    expect((await fetch(`${serve.url}${clip.url}`)).status).toBe(401);
    const ranged = await fetch(clipUrl, { headers: { Range: 'bytes=0-99' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);

    await device.endAsync();
    await serve.stop();
    await broker.stop();
  }, 120_000);
});
