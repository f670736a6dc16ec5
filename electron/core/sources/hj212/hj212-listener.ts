import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { SourceStatus } from '../../../common/site.js';
import type { DeviceConfig } from '../../config/site-schema.js';
import { RateLimitedLog, type Logger } from '../../log/logger.js';
import type { IngestPipeline } from '../../pipeline/ingest.js';
import type { Service } from '../../services/service-registry.js';
import type { IntervalWriter } from '../../store/interval-writer.js';
import { parseDataSegment, type Hj212Packet } from './data-segment.js';
import { assertTimeZone } from './data-time.js';
import { parseFlag } from './flag.js';
import { encodeFrame, type Hj212FrameFault } from './frame-codec.js';
import { INTERVAL_COMMANDS, toIntervalRecord } from './interval-records.js';
import { MonitorConnection } from './monitor-connection.js';
import { Hj212MonitorDirectory, type Hj212Monitor } from './monitors.js';
import { dataReplySegment } from './replies.js';
import { REAL_TIME_COMMAND, toDustReading } from './readings.js';

export interface Hj212ListenerOptions {
  /** Address to listen on; default 0.0.0.0, since monitors reach it over the site LAN or a 4G router. */
  host?: string;
  /** TCP port; 0 picks a free one. The standard fixes none: each platform tells its monitors. */
  port: number;
  /** The site file's devices; dust devices with an `hj212` identity may upload. */
  devices: readonly DeviceConfig[];
  /** IANA zone the monitors' clocks are set to (DataTime carries no zone); default Asia/Shanghai. */
  timeZone?: string;
  /**
   * A connection that completes no good frame for this long is closed, ms; default 120 000.
   * Must exceed the monitors' upload interval (2011 real-time data comes every 30–60 s); a
   * monitor that only sends hourly data will simply reconnect for each upload.
   */
  idleTimeoutMs?: number;
  /** Simultaneous connections; beyond this new ones are closed at once. Default 64. */
  maxConnections?: number;
  onStatus: (status: SourceStatus) => void;
  now?: () => number;
}

/** What the listener has seen since it started; every rejected frame is counted in one of these. */
export interface Hj212Counters {
  /** Frames with a good length, trailer and CRC. */
  framesOk: number;
  badCrc: number;
  /** Length field not 4 digits, or the frame did not end where its length said (a stray `##` in line noise counts here too). */
  badLength: number;
  /** Length field over 1024. */
  oversize: number;
  /** Good CRC, but the data segment could not be read (no CN, no CP…). */
  badSegment: number;
  /** MN absent or not in the site file: not ingested. */
  unknownMn: number;
  /** MN known, PW wrong: rejected on the device. */
  badPassword: number;
  /** Authenticated commands other than 2011/2051/2061/2031, ignored. */
  unsupportedCommand: number;
  /** Real-time (2011) readings handed to the pipeline (which may still refuse them on range checks). */
  readings: number;
  /** Real-time frames whose every value was flagged abnormal, or that carried none we map. */
  emptyReadings: number;
  /** Minute, hour and day records (2051/2061/2031) handed to the interval store; a re-sent one counts again. */
  intervals: number;
  /** CN 9014 replies written. */
  replies: number;
  /** Bytes outside any frame. */
  skippedBytes: number;
  connectionsRefused: number;
  idleClosed: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_CONNECTIONS = 64;

/**
 * The HJ 212-2017 adapter: a TCP server that monitors connect to (they are the clients, per the
 * standard's upload model), decoding frames, checking each monitor's MN and PW against the site
 * file, feeding real-time dust readings into the ingest pipeline and storing minute, hour and day
 * data as interval aggregates. Interval data stay out of the pipeline: a monitor re-sending its
 * backlog after a reconnect must not show an hour-old mean as "now" nor raise or clear alarms
 * with it. Nothing a peer sends can throw out of here or grow memory without bound: buffers,
 * connections and silent peers are all capped.
 */
export class Hj212Listener implements Service {
  readonly name = 'hj212';
  readonly required = false;
  private server: Server | null = null;
  private readonly connections = new Set<MonitorConnection>();
  private readonly directory: Hj212MonitorDirectory;
  private readonly rateLimited: RateLimitedLog;
  private readonly timeZone: string;
  private readonly now: () => number;
  private readonly counters: Hj212Counters = {
    framesOk: 0, badCrc: 0, badLength: 0, oversize: 0, badSegment: 0, unknownMn: 0, badPassword: 0,
    unsupportedCommand: 0, readings: 0, emptyReadings: 0, intervals: 0, replies: 0, skippedBytes: 0, connectionsRefused: 0, idleClosed: 0,
  };
  private closedSkippedBytes = 0;
  private status: SourceStatus;

  constructor(
    private readonly options: Hj212ListenerOptions,
    private readonly pipeline: IngestPipeline,
    private readonly intervals: IntervalWriter,
    private readonly log: Logger,
  ) {
    this.timeZone = options.timeZone ?? 'Asia/Shanghai';
    assertTimeZone(this.timeZone);
    this.now = options.now ?? Date.now;
    this.directory = new Hj212MonitorDirectory(options.devices);
    this.rateLimited = new RateLimitedLog(log, 60_000, this.now);
    this.status = { id: 'hj212', label: this.label(options.port), state: 'connecting', since: this.now() };
  }

  async start(): Promise<void> {
    for (const problem of this.directory.problems) this.log.warn(problem);
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    server.on('error', (error) => this.log.error('HJ 212 listener error', { error }));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.options.port, this.options.host ?? '0.0.0.0', () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      this.server = null;
      this.setState('offline', (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'port already in use' : (error as Error).message);
      throw error;
    }
    this.status.label = this.label(this.port ?? this.options.port);
    this.log.info('HJ 212 listener ready', { address: this.status.label, monitors: this.directory.size });
    this.setState('connected', this.connectedDetail());
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const connection of this.connections) connection.close();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.setState('offline', 'stopped');
  }

  /** The port actually listened on (useful with port 0); null before start. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  getStatus(): SourceStatus {
    return this.status.state === 'connected' ? { ...this.status, devices: this.connectedMonitors() } : { ...this.status };
  }

  getCounters(): Hj212Counters {
    let open = 0;
    for (const connection of this.connections) open += connection.skippedBytes;
    return { ...this.counters, skippedBytes: this.closedSkippedBytes + open };
  }

  private accept(socket: Socket): void {
    const max = this.options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    if (this.connections.size >= max || !this.server) {
      this.counters.connectionsRefused++;
      this.rateLimited.warn('refused', 'HJ 212 connection refused: too many open', { max, remote: socket.remoteAddress });
      socket.destroy();
      return;
    }
    const connection = new MonitorConnection(socket, this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, {
      frame: (c, segment) => this.guard(c, () => this.onFrame(c, segment)),
      fault: (c, fault) => this.onFault(c, fault),
      idle: (c) => {
        this.counters.idleClosed++;
        this.rateLimited.warn(`idle:${c.address}`, 'HJ 212 connection closed: no complete frame within the idle timeout', { remote: c.remote });
      },
      closed: (c) => {
        this.connections.delete(c);
        this.closedSkippedBytes += c.skippedBytes;
        if (c.monitors.size && this.server) this.setState(this.status.state, this.connectedDetail());
      },
    });
    this.connections.add(connection);
    this.log.debug('HJ 212 connection opened', { remote: connection.remote });
  }

  /** A bug in handling one frame must cost that frame, not the process. */
  private guard(connection: MonitorConnection, handle: () => void): void {
    try {
      handle();
    } catch (error) {
      this.log.error('HJ 212 frame handling failed', { remote: connection.remote, error });
    }
  }

  private onFault(connection: MonitorConnection, fault: Hj212FrameFault): void {
    if (fault === 'bad-crc') this.counters.badCrc++;
    else if (fault === 'bad-length') this.counters.badLength++;
    else this.counters.oversize++;
    this.rateLimited.warn(`fault:${connection.address}`, 'HJ 212 frame rejected', { fault, remote: connection.remote });
  }

  private onFrame(connection: MonitorConnection, segment: string): void {
    this.counters.framesOk++;
    const parsed = parseDataSegment(segment);
    if (!parsed.ok) {
      this.counters.badSegment++;
      this.rateLimited.warn(`segment:${connection.address}`, 'HJ 212 data segment not understood', { reason: parsed.reason, remote: connection.remote });
      return;
    }
    const packet = parsed.packet;
    const monitor = this.authenticate(connection, packet);
    if (!monitor) return;

    if (packet.cn === REAL_TIME_COMMAND) {
      this.ingest(monitor, packet);
    } else if (INTERVAL_COMMANDS.has(packet.cn)) {
      this.storeInterval(monitor, packet);
    } else {
      this.counters.unsupportedCommand++;
      this.rateLimited.warn(`cn:${monitor.deviceId}:${packet.cn}`, 'HJ 212 command not handled; ignored', { deviceId: monitor.deviceId, cn: packet.cn });
      return;
    }
    // Replied even when the pipeline refused the values: the frame arrived intact, and a monitor
    // that hears nothing only sends the same values again.
    if (packet.flag !== undefined && parseFlag(packet.flag).replyWanted) this.reply(connection, packet);
  }

  /** The monitor the packet's MN and PW identify, or undefined (counted and logged) when they do not. */
  private authenticate(connection: MonitorConnection, packet: Hj212Packet): Hj212Monitor | undefined {
    const monitor = packet.mn === undefined ? undefined : this.directory.find(packet.mn);
    if (!monitor) {
      this.counters.unknownMn++;
      // One key for all unknown MNs: a peer inventing a new MN per frame must not flood the log.
      this.rateLimited.warn('unknown-mn', 'HJ 212 frame from an MN the site file does not list; not stored', {
        mn: packet.mn?.slice(0, 32),
        remote: connection.remote,
      });
      return undefined;
    }
    if (packet.pw !== monitor.password) {
      this.counters.badPassword++;
      this.pipeline.rejectReading(monitor.deviceId, `HJ 212 password (PW) does not match the site file (from ${connection.remote})`, 'hj212');
      return undefined;
    }
    if (!connection.monitors.has(monitor.deviceId)) {
      connection.monitors.add(monitor.deviceId);
      this.setState(this.status.state, this.connectedDetail());
    }
    return monitor;
  }

  private ingest(monitor: Hj212Monitor, packet: Hj212Packet): void {
    const result = toDustReading(packet, this.timeZone, this.now());
    if (!result.ok) {
      this.pipeline.rejectReading(monitor.deviceId, result.reason, 'hj212');
      return;
    }
    const { ts, values, dropped } = result.reading;
    if (dropped.length) this.log.debug('HJ 212 values left out', { deviceId: monitor.deviceId, dropped });
    if (Object.keys(values).length === 0) {
      // Maintenance or calibration flags on everything: expected, not a bad payload.
      this.counters.emptyReadings++;
      return;
    }
    this.counters.readings++;
    this.pipeline.ingest({ deviceId: monitor.deviceId, kind: 'dust', ts, values, via: 'hj212' });
  }

  /**
   * Minute, hour and day data: kept as the monitor's interval statistics, never as the device's
   * current values nor as alarm input. A malformed record is refused on the device like a bad
   * real-time frame (counted, shown with the reason, logged at most once a minute).
   */
  private storeInterval(monitor: Hj212Monitor, packet: Hj212Packet): void {
    const result = toIntervalRecord(packet, this.timeZone, this.now());
    if (!result.ok) {
      this.pipeline.rejectReading(monitor.deviceId, result.reason, 'hj212');
      return;
    }
    // The monitor is there, whatever becomes of the record: a monitor that uploads only minute
    // means (some do) must not read as offline.
    this.pipeline.noteContact(monitor.deviceId);
    const { kind, dataTime, values, dropped } = result.interval;
    if (dropped.length) this.log.debug('HJ 212 interval values left out', { deviceId: monitor.deviceId, kind, dropped });
    if (this.intervals.enqueue({ deviceId: monitor.deviceId, kind, dataTime, values })) {
      this.counters.intervals++;
    } else {
      this.rateLimited.warn('intervals-full', 'HJ 212 interval data dropped: the store is not keeping up', { deviceId: monitor.deviceId, kind });
    }
  }

  private reply(connection: MonitorConnection, packet: Hj212Packet): void {
    let frame: Buffer;
    try {
      frame = encodeFrame(dataReplySegment(packet));
    } catch (error) {
      // QN with characters a frame may not carry: nothing sensible to echo.
      this.rateLimited.warn(`reply:${connection.address}`, 'HJ 212 reply not sent', { remote: connection.remote, error });
      return;
    }
    if (connection.send(frame)) this.counters.replies++;
  }

  private connectedMonitors(): number {
    const monitors = new Set<string>();
    for (const connection of this.connections) for (const id of connection.monitors) monitors.add(id);
    return monitors.size;
  }

  private connectedDetail(): string {
    const count = this.connectedMonitors();
    return `${count} monitor${count === 1 ? '' : 's'} connected`;
  }

  private label(port: number): string {
    return `HJ 212 listener ${this.options.host ?? '0.0.0.0'}:${port}`;
  }

  private setState(state: SourceStatus['state'], detail?: string): void {
    if (this.status.state === state && this.status.detail === detail) return;
    const since = this.status.state === state ? this.status.since : this.now();
    this.status = { ...this.status, state, since, ...(detail ? { detail } : {}) };
    if (!detail) delete this.status.detail;
    this.options.onStatus(this.getStatus());
  }
}
