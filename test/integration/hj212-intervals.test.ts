import Database from 'better-sqlite3';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import type { ApiErrorBody, HealthReport } from '../../electron/common/api.js';
import type { IntervalSeries } from '../../electron/common/intervals.js';
import type { DeviceView } from '../../electron/common/site.js';
import type { TelemetryRecord } from '../../electron/common/telemetry.js';
import { formatDataTime } from '../../electron/core/sim/hj212-monitor-client.js';
import { encodeFrame, formatDataSegment } from '../../electron/core/sources/hj212/index.js';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

const MN = '88888880000021';
const ZONE = 'Asia/Shanghai';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A monitor's connection: counts the CN 9014 replies it got back. */
class Monitor {
  private received = '';
  private constructor(readonly socket: Socket) {
    socket.on('data', (d) => (this.received += d.toString('latin1')));
  }

  static async connect(port: number): Promise<Monitor> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    return new Monitor(socket);
  }

  replies(): number {
    return this.received.match(/CN=9014/g)?.length ?? 0;
  }

  /** Writes frames one at a time and waits for each one's reply (all ask for one: Flag=5). */
  async send(...frames: Buffer[]): Promise<void> {
    for (const frame of frames) {
      const before = this.replies();
      this.socket.write(frame);
      await until(() => this.replies() > before, 'the CN 9014 reply');
    }
  }
}

async function until<T>(probe: () => T | false | Promise<T | false>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One upload frame with a good length and CRC; `dataTime` null leaves DataTime out. */
function upload(cn: string, qn: string, dataTime: string | null, cp: string): Buffer {
  const time = dataTime === null ? '' : `DataTime=${dataTime};`;
  return encodeFrame(formatDataSegment({ qn, st: '22', cn, pw: '123456', mn: MN, flag: 5 }, time + cp));
}

describe('HJ 212 interval data through the built core', () => {
  it('stores minute/hour/day data as intervals (a re-sent hour once), never as the current value or alarm input; refuses malformed ones; serves them on /api/devices/:id/intervals', async () => {
    const siteDir = writeSiteFile({
      id: 'demo',
      name: 'HJ 212 intervals',
      timeZone: ZONE,
      devices: [{ id: 'dust-21', kind: 'dust', name: 'North boundary', expectedIntervalS: 60, hj212: { mn: MN, password: '123456' } }],
      alarms: { dustPreset: 'wuhan' },
    });
    const dataDir = tempDir();
    const hj212Port = await freePort();
    const serve = await ServeProcess.start(['--port', '0', '--data', dataDir, '--site', siteDir, '--no-simulate', '--hj212-port', String(hj212Port), '--hj212-host', '127.0.0.1']);
    const token = await login(serve.url);
    const api = <T>(path: string, withToken = true) => getJson<T>(`${serve.url}/api${path}`, withToken ? token : undefined);

    const now = Date.now();
    // Shanghai is UTC+8 all year: its hours start with UTC's.
    const lastHour = Math.floor(now / HOUR) * HOUR - HOUR;
    const hourText = formatDataTime(new Date(lastHour), ZONE);
    // Yesterday, 00:00 in Shanghai (16:00 UTC the day before).
    const dayText = formatDataTime(new Date(now - DAY), ZONE).slice(0, 8) + '000000';
    const dayStart = Date.UTC(Number(dayText.slice(0, 4)), Number(dayText.slice(4, 6)) - 1, Number(dayText.slice(6, 8))) - 8 * HOUR;
    const minuteAt = Math.floor(now / 60_000) * 60_000 - 5 * 60_000;

    // PM10 250 µg/m³ as an hour mean: above the Wuhan stop-work limit (200).
    const hourRecord = upload('2061', `${hourText}001`, hourText, 'a34002-Min=180,a34002-Avg=250.0,a34002-Max=320,a34002-Flag=N;a34004-Avg=120.5,a34004-Flag=M');
    const realTime = upload('2011', `${formatDataTime(new Date(now), ZONE)}002`, formatDataTime(new Date(now - 5000), ZONE), 'a34002-Rtd=42.5,a34002-Flag=N');

    const first = await Monitor.connect(hj212Port);
    await first.send(hourRecord, realTime);
    first.socket.destroy();
    // The monitor reconnects and re-sends its backlog: the same hour record, byte for byte; then
    // malformed interval records, a minute record with one garbled pollutant, and a good day record.
    const again = await Monitor.connect(hj212Port);
    await again.send(
      hourRecord,
      upload('2061', `${hourText}003`, null, 'a34002-Avg=100,a34002-Flag=N'),
      upload('2061', `${hourText}004`, hourText, 'a34002-Avg=abc,a34002-Flag=N;a34004-Max=--1'),
      upload('2051', `${hourText}005`, formatDataTime(new Date(minuteAt), ZONE), 'a34002-Avg=61.5,a34002-Flag=N;a34004-Avg=1.2.3'),
      upload('2031', `${hourText}006`, dayText, 'a34002-Min=40,a34002-Avg=71.25,a34002-Max=250,a34002-Flag=N'),
    );

    // The current value is the real-time reading, not the hour mean sent before and after it.
    const device = (await api<DeviceView[]>('/devices')).body.find((d) => d.id === 'dust-21')!;
    expect(device.lastValues).toEqual({ pm10: 42.5 });
    const from = new Date(now - 2 * DAY).toISOString();
    const readings = (await api<TelemetryRecord[]>(`/telemetry/dust-21?from=${from}`)).body;
    expect(readings.map((r) => r.values)).toEqual([{ pm10: 42.5 }]);

    // Interval records are written in batches (every 200 ms): wait for the one sent last.
    const days = await until(async () => {
      const reply = await api<IntervalSeries>(`/devices/dust-21/intervals?kind=day&from=${new Date(now - 3 * DAY).toISOString()}`);
      return reply.body.records.length > 0 && reply.body;
    }, 'the day record to be stored');
    expect(days.records.map((r) => [r.dataTime, r.values[0]!.avg])).toEqual([[dayStart, 71.25]]);

    // The hour record, once, with every field and flag as sent.
    const to = new Date(now + 60_000).toISOString();
    const hours = await api<IntervalSeries>(`/devices/dust-21/intervals?kind=hour&from=${from}&to=${to}`);
    expect(hours.status).toBe(200);
    expect(hours.body).toMatchObject({ deviceId: 'dust-21', kind: 'hour', from: Date.parse(from), to: Date.parse(to) });
    expect(hours.body.records).toHaveLength(1);
    expect(hours.body.records[0]).toMatchObject({
      dataTime: lastHour,
      values: [
        { code: 'a34002', avg: 250, min: 180, max: 320, cou: null, flag: 'N' },
        { code: 'a34004', avg: 120.5, min: null, max: null, cou: null, flag: 'M' },
      ],
    });
    const minutes = (await api<IntervalSeries>(`/devices/dust-21/intervals?kind=minute&from=${new Date(now - HOUR).toISOString()}`)).body;
    expect(minutes.records.map((r) => [r.dataTime, r.values.map((v) => [v.code, v.avg])])).toEqual([[minuteAt, [['a34002', 61.5]]]]);

    // The two malformed records were refused on the device like any bad payload; nothing crashed.
    expect(device.badPayloads).toBe(2);
    expect(device.lastError).toMatch(/^hour data refused: no usable pollutant value \(a34002: Avg "abc" is not a number; a34004: Max "--1" is not a number\)$/);
    // Logged at most once a minute per device: the first refusal is the one in the log.
    expect(serve.output).toMatch(/bad payload rejected.*CP has no DataTime/);
    expect((await api<HealthReport>('/health')).body.services.hj212).toBe('running');
    // No alarm from the 250 µg/m³ hour mean: interval data are not alarm input.
    expect((await api<Alarm[]>('/alarms?device=dust-21&state=all')).body).toEqual([]);

    // Bad requests get a clear 4xx, like the other routes.
    const bad = async (path: string, status: number, field?: string) => {
      const reply = await api<ApiErrorBody>(path);
      expect(reply.status, path).toBe(status);
      if (field) expect(reply.body.field, path).toBe(field);
      return reply.body.error;
    };
    expect(await bad('/devices/dust-99/intervals?kind=hour', 404, 'id')).toMatch(/no device "dust-99"/);
    expect(await bad('/devices/dust-21/intervals?kind=week', 400, 'kind')).toMatch(/minute|hour|day/);
    await bad('/devices/dust-21/intervals', 400, 'kind');
    expect(await bad(`/devices/dust-21/intervals?kind=hour&from=${to}&to=${from}`, 400, 'from')).toMatch(/after/);
    expect(await bad(`/devices/dust-21/intervals?kind=minute&from=${from}&to=${to}`, 400, 'from')).toMatch(/minute data can be read at most 2 days at a time/);
    await bad('/devices/dust-21/intervals?kind=hour&from=yesterday', 400, 'from');
    await bad('/devices/dust-21/intervals?kind=hour&limit=5', 400);
    expect((await api('/devices/dust-21/intervals?kind=hour', false)).status).toBe(401);

    again.socket.destroy();
    expect(await serve.stop()).toBe(0);
    // Sent twice, stored once: one row per pollutant of the hour.
    const db = new Database(join(dataDir, 'site-command.db'), { readonly: true });
    expect(db.prepare(`SELECT kind, COUNT(*) n FROM interval_aggregates GROUP BY kind ORDER BY kind`).all()).toEqual([
      { kind: 'day', n: 1 },
      { kind: 'hour', n: 2 },
      { kind: 'minute', n: 1 },
    ]);
    db.close();
  }, 60_000);
});
