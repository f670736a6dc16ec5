import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import type { IntervalSeries } from '../../electron/common/intervals.js';
import type { TelemetryRecord } from '../../electron/common/telemetry.js';
import { formatDataTime } from '../../electron/core/sim/hj212-monitor-client.js';
import { encodeFrame, formatDataSegment } from '../../electron/core/sources/hj212/index.js';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

const MN_REAL_TIME = '88888880000009';
const MN_INTERVALS = '88888880000010';
const ZONE = 'Asia/Shanghai';

/** A monitor's connection: every byte it got back. */
async function monitor(port: number): Promise<{ socket: Socket; replies: () => number }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let received = '';
  socket.on('data', (d) => (received += d.toString('latin1')));
  return { socket, replies: () => received.match(/CN=9014/g)?.length ?? 0 };
}

/** Several frames per write and frames split across writes, as TCP delivers them. */
function writeSplit(socket: Socket, frames: Buffer[]): void {
  const all = Buffer.concat(frames);
  for (let i = 0; i < all.length; i += 777) socket.write(all.subarray(i, i + 777));
}

describe('HJ 212 monitor → dust readings → PM10 alarm', () => {
  it('an hour of real-time data (CN 2011) above the Wuhan stop-work limit raises the critical PM10 alarm; the same values as minute and hour data raise none', async () => {
    const siteDir = writeSiteFile({
      id: 'demo',
      name: 'HJ 212 test',
      timeZone: ZONE,
      devices: [
        { id: 'dust-9', kind: 'dust', name: 'Boundary monitor', expectedIntervalS: 60, hj212: { mn: MN_REAL_TIME, password: '123456' } },
        { id: 'dust-10', kind: 'dust', name: 'Backlog monitor', expectedIntervalS: 60, hj212: { mn: MN_INTERVALS, password: '123456' } },
      ],
      alarms: { dustPreset: 'wuhan' },
    });
    const hj212Port = await freePort();
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate', '--hj212-port', String(hj212Port), '--hj212-host', '127.0.0.1']);
    const token = await login(serve.url);

    // Both monitors report the same hour of PM10 around 215–221 µg/m³: dust-9 as the real-time
    // readings it took, dust-10 as the minute means and hour mean a monitor sends from its backlog
    // after an outage. Only real-time data are judged as "now".
    const now = Date.now();
    const frame = (mn: string, cn: string, at: Date, cp: string) =>
      encodeFrame(formatDataSegment({ qn: formatDataTime(at, ZONE) + '000', st: '22', cn, pw: '123456', mn, flag: 5 }, `DataTime=${formatDataTime(at, ZONE)};${cp}`));
    const realTime: Buffer[] = [];
    const backlog: Buffer[] = [];
    const realTimePm10: number[] = [];
    for (let m = 60; m >= 1; m--) {
      const at = new Date(now - m * 60_000);
      const pm10 = (215 + (m % 7)).toFixed(1);
      realTimePm10.push(Number(pm10));
      realTime.push(frame(MN_REAL_TIME, '2011', at, `a34002-Rtd=${pm10},a34002-Flag=N;a34004-Rtd=96.2,a34004-Flag=N;a34001-Rtd=402.0,a34001-Flag=N`));
      backlog.push(frame(MN_INTERVALS, '2051', at, `a34002-Min=200,a34002-Avg=${pm10},a34002-Max=240,a34002-Flag=N;a34004-Avg=96.2,a34004-Flag=N;a34001-Avg=402.0,a34001-Flag=N`));
    }
    const lastHour = new Date(Math.floor(now / 3600_000) * 3600_000 - 3600_000);
    backlog.push(frame(MN_INTERVALS, '2061', lastHour, 'a34002-Min=200,a34002-Avg=218.0,a34002-Max=240,a34002-Flag=N'));

    const live = await monitor(hj212Port);
    const late = await monitor(hj212Port);
    writeSplit(live.socket, realTime);
    writeSplit(late.socket, backlog);

    let stored: TelemetryRecord[] = [];
    for (let i = 0; i < 50 && stored.length < 60; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = (await getJson<TelemetryRecord[]>(`${serve.url}/api/telemetry/dust-9?from=${new Date(now - 2 * 3600_000).toISOString()}`, token)).body;
    }
    expect(stored).toHaveLength(60);
    const alarms = (await getJson<Alarm[]>(`${serve.url}/api/alarms?device=dust-9`, token)).body;
    const stopWork = alarms.find((a) => a.conditionKey.includes('stop-work'));
    expect(stopWork).toBeDefined();
    expect(stopWork!.priority).toBe('critical');
    expect(stopWork!.value).toBeGreaterThan(200);
    // Every frame asked for a reply (Flag=5): one CN 9014 data reply each, interval data included.
    for (let i = 0; i < 50 && late.replies() < 61; i++) await new Promise((r) => setTimeout(r, 100));
    expect(live.replies()).toBe(60);
    expect(late.replies()).toBe(61);

    // The backlog monitor: every record kept as interval data, none as a reading, no alarm.
    const from = new Date(now - 2 * 3600_000).toISOString();
    const intervals = (kind: string) => getJson<IntervalSeries>(`${serve.url}/api/devices/dust-10/intervals?kind=${kind}&from=${from}`, token).then((r) => r.body.records);
    // Written in batches every 200 ms: wait for the hour record, sent last.
    for (let i = 0; i < 50 && (await intervals('hour')).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await intervals('hour')).map((r) => [r.dataTime, r.values[0]!.avg])).toEqual([[lastHour.getTime(), 218]]);
    const minutes = await intervals('minute');
    expect(minutes).toHaveLength(60);
    expect(minutes.map((r) => r.values.find((v) => v.code === 'a34002')!.avg)).toEqual(realTimePm10);
    expect((await getJson<TelemetryRecord[]>(`${serve.url}/api/telemetry/dust-10?from=${from}`, token)).body).toEqual([]);
    expect((await getJson<Alarm[]>(`${serve.url}/api/alarms?device=dust-10&state=all`, token)).body).toEqual([]);

    live.socket.destroy();
    late.socket.destroy();
    await serve.stop();
  }, 60_000);
});
