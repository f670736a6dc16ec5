import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import { formatDataTime } from '../../electron/core/sim/hj212-monitor-client.js';
import { encodeFrame, formatDataSegment } from '../../electron/core/sources/hj212/index.js';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('HJ 212 monitor → dust readings → PM10 alarm', () => {
  it('an hour of minute data (CN 2051) above the Wuhan stop-work limit raises the critical PM10 alarm', async () => {
    const siteDir = tempDir();
    writeFileSync(
      join(siteDir, 'site.json'),
      JSON.stringify({
        id: 'demo',
        name: 'HJ 212 test',
        timeZone: 'Asia/Shanghai',
        devices: [{ id: 'dust-9', kind: 'dust', name: 'Boundary monitor', expectedIntervalS: 60, hj212: { mn: '88888880000009', password: '123456' } }],
        alarms: { dustPreset: 'wuhan' },
      }),
    );
    const hj212Port = await freePort();
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate', '--hj212-port', String(hj212Port), '--hj212-host', '127.0.0.1']);
    const token = await login(serve.url);

    // A monitor back from an outage sends its last hour of minute data, as captured on site.
    const socket = connect(hj212Port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const replies: string[] = [];
    socket.on('data', (d) => replies.push(d.toString('latin1')));
    const now = Date.now();
    const frames: Buffer[] = [];
    for (let m = 60; m >= 1; m--) {
      const at = new Date(now - m * 60_000);
      const cp = `DataTime=${formatDataTime(at, 'Asia/Shanghai')};a34002-Avg=${(215 + (m % 7)).toFixed(1)},a34002-Flag=N;a34004-Avg=96.2,a34004-Flag=N;a34001-Avg=402.0,a34001-Flag=N`;
      frames.push(encodeFrame(formatDataSegment({ qn: formatDataTime(at, 'Asia/Shanghai') + '000', st: '22', cn: '2051', pw: '123456', mn: '88888880000009', flag: 5 }, cp)));
    }
    // Several frames per write and frames split across writes, as TCP delivers them.
    const all = Buffer.concat(frames);
    for (let i = 0; i < all.length; i += 777) socket.write(all.subarray(i, i + 777));

    let stored: unknown[] = [];
    for (let i = 0; i < 50 && stored.length < 60; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = (await getJson<unknown[]>(`${serve.url}/api/telemetry/dust-9?from=${new Date(now - 2 * 3600_000).toISOString()}`, token)).body;
    }
    expect(stored).toHaveLength(60);
    const alarms = (await getJson<Alarm[]>(`${serve.url}/api/alarms?device=dust-9`, token)).body;
    const stopWork = alarms.find((a) => a.conditionKey.includes('stop-work'));
    expect(stopWork).toBeDefined();
    expect(stopWork!.priority).toBe('critical');
    expect(stopWork!.value).toBeGreaterThan(200);
    // Every frame asked for a reply (Flag=5): 60 CN 9014 data replies came back.
    expect(replies.join('').match(/CN=9014/g)?.length).toBe(60);
    socket.destroy();
    await serve.stop();
  }, 60_000);
});
