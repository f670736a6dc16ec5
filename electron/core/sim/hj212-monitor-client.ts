import { Socket } from 'node:net';
import type { DustReading } from '../../common/telemetry.js';
import type { Logger } from '../log/logger.js';
import { encodeFrame, formatDataSegment, POLLUTANT_FIELDS } from '../sources/hj212/index.js';
import { IntervalAccumulator } from './interval-accumulator.js';

/** Internal field: noise as sound energy, for the interval's Leq. Never sent. */
const NOISE_ENERGY = '~LA-energy';
const round = (v: number) => Math.round(v * 10) / 10;

/**
 * A simulated HJ 212-2017 dust/noise monitor: connects to the listener and sends a real-time data
 * frame (CN 2011, ST 22, Flag 5 = 2017 version, reply wanted) per reading, and, as real monitors
 * do, each finished minute's and hour's means with their min and max (CN 2051, 2061); reconnects
 * when dropped.
 */
export class Hj212MonitorClient {
  private socket: Socket | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly intervals = new IntervalAccumulator();

  constructor(
    private readonly target: { host: string; port: number },
    private readonly identity: { mn: string; password: string },
    private readonly timeZone: string,
    private readonly log: Logger,
  ) {
    this.connect();
  }

  sendRealtime(reading: DustReading, at = new Date()): void {
    if (!this.socket || this.socket.connecting || this.socket.destroyed) return;
    const parts = [`DataTime=${formatDataTime(at, this.timeZone)}`];
    for (const [code, field] of POLLUTANT_FIELDS) {
      const value = reading[field];
      if (value !== undefined) parts.push(`${code}-Rtd=${value},${code}-Flag=N`);
    }
    if (reading.noiseDb !== undefined) parts.push(`LA-Rtd=${reading.noiseDb},LA-Flag=N`);
    this.write('2011', at, parts.join(';'));

    const sample: Record<string, number | undefined> = {};
    for (const [code, field] of POLLUTANT_FIELDS) sample[code] = reading[field];
    if (reading.noiseDb !== undefined) {
      sample.LA = reading.noiseDb;
      // Sound levels average as energy (Leq), not as decibels.
      sample[NOISE_ENERGY] = 10 ** (reading.noiseDb / 10);
    }
    for (const interval of this.intervals.add(formatDataTime(at, this.timeZone), sample)) {
      const fields = [`DataTime=${interval.dataTime}`];
      for (const [code, stats] of interval.fields) {
        if (code === NOISE_ENERGY) continue;
        const energy = code === 'LA' ? interval.fields.get(NOISE_ENERGY) : undefined;
        const avg = energy ? 10 * Math.log10(energy.sum / energy.count) : stats.sum / stats.count;
        fields.push(`${code}-Avg=${round(avg)},${code}-Min=${round(stats.min)},${code}-Max=${round(stats.max)},${code}-Flag=N`);
      }
      this.write(interval.cn, at, fields.join(';'));
    }
  }

  private write(cn: string, at: Date, cp: string): void {
    const segment = formatDataSegment({ qn: formatDataTime(at, this.timeZone) + String(at.getMilliseconds()).padStart(3, '0'), st: '22', cn, pw: this.identity.password, mn: this.identity.mn, flag: 5 }, cp);
    this.socket?.write(encodeFrame(segment));
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket?.destroy();
  }

  private connect(): void {
    const socket = new Socket();
    this.socket = socket;
    socket.on('error', (error) => this.log.debug('simulated HJ 212 monitor connection error', { error }));
    socket.on('data', () => undefined); // 9014 replies; nothing to do with them here
    socket.on('close', () => {
      if (this.closed) return;
      this.retry = setTimeout(() => this.connect(), 2000);
      this.retry.unref();
    });
    socket.connect(this.target.port, this.target.host);
  }
}

/** `yyyyMMddHHmmss` in the monitor's local time, as HJ 212 DataTime and QN are written. */
export function formatDataTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}${get('month')}${get('day')}${get('hour')}${get('minute')}${get('second')}`;
}
