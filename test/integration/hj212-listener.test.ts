import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../electron/common/site.js';
import type { DeviceConfig } from '../../electron/core/config/site-schema.js';
import { DeviceStates } from '../../electron/core/devices/device-states.js';
import type { Logger } from '../../electron/core/log/logger.js';
import { IngestPipeline } from '../../electron/core/pipeline/ingest.js';
import { LiveHub } from '../../electron/core/pipeline/live-hub.js';
import { seededRandom } from '../../electron/core/sim/random.js';
import { closeDatabase, openDatabase, type Database } from '../../electron/core/store/database.js';
import { IntervalQuery } from '../../electron/core/store/interval-query.js';
import { IntervalWriter } from '../../electron/core/store/interval-writer.js';
import { TelemetryQuery } from '../../electron/core/store/telemetry-query.js';
import { TelemetryWriter } from '../../electron/core/store/telemetry-writer.js';
import { hj212Crc16 } from '../../electron/core/sources/hj212/crc16.js';
import { encodeFrame, Hj212Listener } from '../../electron/core/sources/hj212/index.js';

/**
 * The HJ 212 listener on real TCP (127.0.0.1, a free port) feeding the real pipeline and the
 * interval store into a SQLite file. Frames are written out here, field by field, the way a monitor would send them.
 */
const MN_1 = '88888880000001';
const MN_2 = '010000A8900016F000169DC0';
const DEVICES: DeviceConfig[] = [
  { id: 'dust-1', kind: 'dust', name: 'Dust north gate', expectedIntervalS: 30, hj212: { mn: MN_1, password: '123456' } },
  { id: 'dust-2', kind: 'dust', name: 'Dust south', expectedIntervalS: 30, hj212: { mn: MN_2, password: '100000' } },
];
const IDLE_TIMEOUT_MS = 600;

/** One upload data segment; DataTime is Shanghai wall-clock time. */
function upload(cn: string, opts: { qn: string; mn?: string; pw?: string; flag: number; dataTime: string; cp: string }): string {
  return `QN=${opts.qn};ST=22;CN=${cn};PW=${opts.pw ?? '123456'};MN=${opts.mn ?? MN_1};Flag=${opts.flag};CP=&&DataTime=${opts.dataTime};${opts.cp}&&`;
}
const ascii = (text: string) => Buffer.from(text, 'latin1');

/** A monitor's side of the connection: what it sent and every byte it got back. */
class TestMonitor {
  received = Buffer.alloc(0);
  closedAt: number | null = null;
  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => (this.received = Buffer.concat([this.received, chunk])));
    socket.on('close', () => (this.closedAt = Date.now()));
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<TestMonitor> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new TestMonitor(socket)));
      socket.once('error', reject);
    });
  }

  write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** Replies received, each checked here as a frame: length field, CRC over the segment, CR LF. */
  replies(): string[] {
    const text = this.received.toString('latin1');
    if (text === '') return [];
    expect(text.endsWith('\r\n')).toBe(true);
    return text
      .split('\r\n')
      .filter((line) => line !== '')
      .map((line) => {
        const m = /^##(\d{4})(.*)([0-9A-F]{4})$/.exec(line);
        expect(m, line).not.toBeNull();
        const [, length, segment, crc] = m!;
        expect(segment!.length).toBe(Number(length));
        expect(parseInt(crc!, 16)).toBe(hj212Crc16(ascii(segment!)));
        return segment!;
      });
  }

  end(): void {
    this.socket.destroy();
  }
}

async function until<T>(probe: () => T | null | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recordingLogger(lines: string[]): Logger {
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), child: () => logger };
  return logger;
}

describe('HJ 212 listener over TCP into the store', () => {
  let dir: string;
  let db: Database;
  let writer: TelemetryWriter;
  let intervalWriter: IntervalWriter;
  let devices: DeviceStates;
  let query: TelemetryQuery;
  let listener: Hj212Listener;
  let port: number;
  const logLines: string[] = [];
  const statuses: SourceStatus[] = [];

  const stored = (deviceId: string) => {
    writer.flush();
    return query.between(deviceId, 0, Date.UTC(2100, 0), 1000);
  };
  const storedIntervals = (deviceId: string, kind: 'minute' | 'hour' | 'day') => {
    intervalWriter.flush();
    return new IntervalQuery(db).between(deviceId, kind, 0, Date.UTC(2100, 0)).records;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sc-hj212-'));
    db = openDatabase(dir);
    const log = recordingLogger(logLines);
    writer = new TelemetryWriter(db, log, { flushIntervalMs: 20 });
    intervalWriter = new IntervalWriter(db, log, { flushIntervalMs: 20 });
    devices = new DeviceStates(DEVICES, () => undefined);
    const pipeline = new IngestPipeline(devices, writer, new LiveHub(), log);
    query = new TelemetryQuery(db);
    listener = new Hj212Listener(
      { host: '127.0.0.1', port: 0, devices: DEVICES, idleTimeoutMs: IDLE_TIMEOUT_MS, onStatus: (s) => statuses.push(s) },
      pipeline,
      intervalWriter,
      log,
    );
    await listener.start();
    port = listener.port!;
  });

  afterAll(async () => {
    await listener.stop();
    writer.close();
    intervalWriter.close();
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens and says where', () => {
    expect(port).toBeGreaterThan(0);
    expect(listener.getStatus()).toMatchObject({ id: 'hj212', label: `HJ 212 listener 127.0.0.1:${port}`, state: 'connected', detail: '0 monitors connected', devices: 0 });
  });

  it('stores split, concatenated and garbage-wrapped frames (real-time as readings, minute/hour/day as intervals), and replies 9014 where Flag asks', async () => {
    const realTime = upload('2011', {
      qn: '20240315143025123',
      flag: 5,
      dataTime: '20240315143000',
      cp: 'a34001-Rtd=186.3,a34001-Flag=N;a34002-Rtd=92.4,a34002-Flag=N;a34004-Rtd=41.7,a34004-Flag=N;a01007-Rtd=2.3,a01007-Flag=N;a01008-Rtd=135,a01008-Flag=M;LA-Rtd=63.8,LA-Flag=N',
    });
    const minute = upload('2051', { qn: '20240315143205000', flag: 4, dataTime: '20240315143100', cp: 'a34002-Min=80,a34002-Avg=90.5,a34002-Max=99,a34002-Flag=N' });
    const hour = upload('2061', { qn: '20240315150005000', flag: 5, dataTime: '20240315140000', cp: 'a34002-Min=60,a34002-Avg=88.25,a34002-Max=140,a34002-Flag=N;LA-Avg=61.5,LA-Flag=N' });
    const day = upload('2031', { qn: '20240316000105000', flag: 4, dataTime: '20240315000000', cp: 'a34004-Min=20,a34004-Avg=35.5,a34004-Max=70,a34004-Flag=N' });
    const badCrc = ascii(encodeFrame(minute).toString('latin1').replace(/[0-9A-F]{4}\r\n$/, 'FFFF\r\n'));

    const monitor = await TestMonitor.connect(port);
    const first = encodeFrame(realTime);
    await monitor.write(ascii('AT+CIPSEND\r\n\x00\xff#'));
    for (const [from, to] of [[0, 3], [3, 50], [50, first.length]] as const) {
      await monitor.write(first.subarray(from, to));
      await pause(15);
    }
    await until(() => monitor.replies().length === 1, 'the reply to the real-time frame');
    await monitor.write(Buffer.concat([badCrc, encodeFrame(minute), ascii('##junk'), encodeFrame(hour)]));
    for (const byte of encodeFrame(day)) await monitor.write(Buffer.of(byte));

    const at = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h, mi);
    await until(() => storedIntervals('dust-1', 'day').length === 1, 'the day record (sent last, a byte at a time)');
    const rows = stored('dust-1');
    // Only the real-time frame is a reading; wind direction (a01008) was flagged M: left out.
    expect(rows.map((r) => [r.ts, r.kind, r.values])).toEqual([[at(2024, 3, 15, 6, 30), 'dust', { tsp: 186.3, pm10: 92.4, pm25: 41.7, windMs: 2.3, noiseDb: 63.8 }]]);
    const view = devices.list().find((d) => d.id === 'dust-1')!;
    expect(view.lastValues).toEqual({ tsp: 186.3, pm10: 92.4, pm25: 41.7, windMs: 2.3, noiseDb: 63.8 });
    // Minute, hour and day data as interval aggregates, each field as sent.
    expect(storedIntervals('dust-1', 'minute').map((r) => [r.dataTime, r.values])).toEqual([
      [at(2024, 3, 15, 6, 31), [{ code: 'a34002', avg: 90.5, min: 80, max: 99, cou: null, flag: 'N' }]],
    ]);
    expect(storedIntervals('dust-1', 'hour').map((r) => [r.dataTime, r.values])).toEqual([
      [
        at(2024, 3, 15, 6, 0),
        [
          { code: 'LA', avg: 61.5, min: null, max: null, cou: null, flag: 'N' },
          { code: 'a34002', avg: 88.25, min: 60, max: 140, cou: null, flag: 'N' },
        ],
      ],
    ]);
    expect(storedIntervals('dust-1', 'day').map((r) => [r.dataTime, r.values])).toEqual([
      [at(2024, 3, 14, 16, 0), [{ code: 'a34004', avg: 35.5, min: 20, max: 70, cou: null, flag: 'N' }]],
    ]);

    const replies = await until(() => monitor.replies().length === 2 && monitor.replies(), 'two replies');
    expect(replies).toEqual([
      `QN=20240315143025123;ST=91;CN=9014;PW=123456;MN=${MN_1};Flag=4;CP=&&&&`,
      `QN=20240315150005000;ST=91;CN=9014;PW=123456;MN=${MN_1};Flag=4;CP=&&&&`,
    ]);
    expect(listener.getStatus()).toMatchObject({ detail: '1 monitor connected', devices: 1 });
    expect(listener.getCounters()).toMatchObject({ framesOk: 4, badCrc: 1, readings: 1, intervals: 3, replies: 2, unknownMn: 0, badPassword: 0 });
    expect(listener.getCounters().skippedBytes).toBeGreaterThan(10);
    expect(listener.getCounters().badLength).toBeGreaterThanOrEqual(1); // "##junk"

    monitor.end();
    await until(() => listener.getStatus().detail === '0 monitors connected', 'the monitor to be gone from the status');
  });

  it('stores nothing from a wrong password or an unknown MN, and counts and logs both', async () => {
    const before = listener.getCounters();
    const monitor = await TestMonitor.connect(port);
    const cp = 'a34002-Rtd=55,a34002-Flag=N';
    await monitor.write(
      Buffer.concat([
        encodeFrame(upload('2011', { qn: '20240315160000001', mn: MN_2, pw: 'guess', flag: 5, dataTime: '20240315160000', cp })),
        encodeFrame(upload('2011', { qn: '20240315160000002', mn: 'NOT-ON-THIS-SITE', pw: '100000', flag: 5, dataTime: '20240315160000', cp })),
        encodeFrame(upload('2011', { qn: '20240315160000003', mn: MN_2, pw: '100000', flag: 5, dataTime: '20240315160100', cp: 'a34002-Rtd=77,a34002-Flag=N' })),
      ]),
    );
    // Only the good frame is answered; once its reply is here the other two have been handled.
    const replies = await until(() => monitor.replies().length === 1 && monitor.replies(), 'the reply to the good frame');
    expect(replies[0]).toContain('QN=20240315160000003;');
    await pause(100);
    expect(monitor.replies()).toHaveLength(1);

    const rows = await until(() => stored('dust-2').length > 0 && stored('dust-2'), 'the good reading');
    expect(rows.map((r) => r.values)).toEqual([{ pm10: 77 }]);
    const after = listener.getCounters();
    expect(after.badPassword - before.badPassword).toBe(1);
    expect(after.unknownMn - before.unknownMn).toBe(1);
    expect(after.readings - before.readings).toBe(1);

    const view = devices.list().find((d) => d.id === 'dust-2')!;
    expect(view.badPayloads).toBe(1);
    expect(view.lastError).toMatch(/password/);
    expect(logLines.some((l) => l.startsWith('warn') && l.includes('does not list') && l.includes('NOT-ON-THIS-SITE'))).toBe(true);
    expect(logLines.some((l) => l.startsWith('warn') && l.includes('password'))).toBe(true);
    monitor.end();
  });

  it('closes a slow-loris connection after the idle timeout, even while bytes trickle in', async () => {
    const before = listener.getCounters().idleClosed;
    const monitor = await TestMonitor.connect(port);
    const opened = Date.now();
    const trickle = ascii(`##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=${MN_2};Flag=5;CP=&&RtdInterval=30&&`);
    for (let i = 0; i < trickle.length && monitor.closedAt === null; i++) {
      await monitor.write(trickle.subarray(i, i + 1)).catch(() => undefined);
      await pause(40);
    }
    const closedAt = await until(() => monitor.closedAt, 'the server to close the connection');
    expect(closedAt - opened).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS - 50);
    expect(closedAt - opened).toBeLessThan(IDLE_TIMEOUT_MS + 1500);
    expect(listener.getCounters().idleClosed).toBe(before + 1);
  });

  it('keeps a connection alive while good frames keep arriving', async () => {
    const monitor = await TestMonitor.connect(port);
    for (let i = 0; i < 6; i++) {
      await monitor.write(encodeFrame(upload('2011', { qn: `2024031517000000${i}`, flag: 4, dataTime: '20240315170000', cp: 'LA-Rtd=60,LA-Flag=N' })));
      await pause(IDLE_TIMEOUT_MS / 3);
    }
    expect(monitor.closedAt).toBeNull();
    monitor.end();
  });

  it('survives 1 MB of random bytes and still takes good frames, on that connection and a new one', async () => {
    const before = listener.getCounters();
    const random = seededRandom(212);
    const noise = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = random() < 0.02 ? 0x23 : Math.floor(random() * 256);
    const good = (qn: string, pm10: number) => encodeFrame(upload('2011', { qn, flag: 5, dataTime: '20240315180000', cp: `a34002-Rtd=${pm10},a34002-Flag=N` }));

    const noisy = await TestMonitor.connect(port);
    await noisy.write(noise);
    await noisy.write(good('20240315180000001', 111));
    await until(() => noisy.replies().length === 1, 'a reply on the noisy connection');

    const fresh = await TestMonitor.connect(port);
    await fresh.write(good('20240315180000002', 112));
    await until(() => fresh.replies().length === 1, 'a reply on a new connection');
    const pm10s = await until(() => {
      const values = stored('dust-1').filter((r) => r.ts === Date.UTC(2024, 2, 15, 10)).map((r) => (r.values as { pm10?: number }).pm10);
      return values.length === 2 && values;
    }, 'both readings stored');
    // Same DataTime: the store's order between them is not defined.
    expect(pm10s.sort()).toEqual([111, 112]);
    expect(listener.getCounters().skippedBytes - before.skippedBytes).toBeGreaterThan(900_000);
    expect(listener.getCounters().readings - before.readings).toBe(2);
    noisy.end();
    fresh.end();
  });
});

describe('HJ 212 listener limits and life cycle', () => {
  const quietLog = recordingLogger([]);
  const pipelineStub = { ingest: () => true, rejectReading: () => false, noteContact: () => undefined } as unknown as IngestPipeline;
  const intervalsStub = { enqueue: () => true } as unknown as IntervalWriter;

  it('refuses connections beyond its cap and counts them', async () => {
    const listener = new Hj212Listener({ host: '127.0.0.1', port: 0, devices: DEVICES, maxConnections: 2, onStatus: () => undefined }, pipelineStub, intervalsStub, quietLog);
    await listener.start();
    const kept = [await TestMonitor.connect(listener.port!), await TestMonitor.connect(listener.port!)];
    await pause(50);
    const extra = await TestMonitor.connect(listener.port!);
    await until(() => extra.closedAt, 'the extra connection to be closed');
    expect(kept.every((m) => m.closedAt === null)).toBe(true);
    expect(listener.getCounters().connectionsRefused).toBe(1);
    await listener.stop();
    await until(() => kept.every((m) => m.closedAt !== null), 'stop to close open connections');
  });

  it('reports offline with the reason when its port is taken, and after stop', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const statuses: SourceStatus[] = [];
    const listener = new Hj212Listener({ host: '127.0.0.1', port: taken, devices: DEVICES, onStatus: (s) => statuses.push(s) }, pipelineStub, intervalsStub, quietLog);
    await expect(listener.start()).rejects.toThrow();
    expect(listener.getStatus()).toMatchObject({ state: 'offline', detail: 'port already in use', label: `HJ 212 listener 127.0.0.1:${taken}` });
    await new Promise<void>((resolve) => blocker.close(() => resolve()));

    const ok = new Hj212Listener({ host: '127.0.0.1', port: 0, devices: DEVICES, onStatus: (s) => statuses.push(s) }, pipelineStub, intervalsStub, quietLog);
    await ok.start();
    await ok.stop();
    expect(statuses.at(-1)).toMatchObject({ state: 'offline', detail: 'stopped' });
  });

  it('refuses an unknown time zone at construction', () => {
    expect(() => new Hj212Listener({ port: 0, devices: [], timeZone: 'Mars/Olympus', onStatus: () => undefined }, pipelineStub, intervalsStub, quietLog)).toThrow(/time zone/);
  });
});
