import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import type { Logger } from '../log/logger.js';
import { JitteredRestartDelay } from './restart-delay.js';
import { DEFAULT_SOCKET_TIMEOUT_MS, redactUrlsInText } from './ffmpeg-args.js';
import { guardedSpawn, killGroup, type SpawnGuard } from './guarded-spawn.js';
import { classifyFfmpegStderr } from './stderr-reason.js';
import { inspectH264Payload, isRtcp, profileLevelIdOf, rtpHeaderLength } from './webrtc-h264.js';
import type { SourcePacket } from './webrtc-viewer-gate.js';

/** RTP payload limit: 1200 bytes keeps SRTP (+10 B tag), UDP and IP headers inside a 1280–1500 B path MTU. */
const RTP_PACKET_BYTES = 1200;
/** Parameter-set packets kept for a viewer whose IDR comes without them (SPS and PPS, maybe split). */
const PARAMETER_SET_PACKETS = 4;

/**
 * ffmpeg for the WebRTC path: RTSP in over TCP, the first video stream copied (no transcode) into
 * RTP (RFC 6184 packetization-mode 1) sent to the core's own loopback UDP port, RTCP to the same
 * port. `dump_extra` repeats the SPS/PPS before every keyframe (cameras that send them only in the
 * RTSP SDP's sprop-parameter-sets would otherwise leave a late joiner without them).
 */
export function rtpForwardArgs(inputUrl: string, port: number, socketTimeoutMs = DEFAULT_SOCKET_TIMEOUT_MS): string[] {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-rtsp_transport', 'tcp',
    '-timeout', String(socketTimeoutMs * 1000),
    '-probesize', '32768', '-analyzeduration', '200000',
    '-i', inputUrl,
    '-map', '0:v:0', '-an', '-c:v', 'copy', '-bsf:v', 'dump_extra',
    '-f', 'rtp', '-pkt_size', String(RTP_PACKET_BYTES),
    `rtp://127.0.0.1:${port}?rtcpport=${port}&pkt_size=${RTP_PACKET_BYTES}`,
  ];
}

export interface RtpSourceOptions {
  /** The stream as logs name it (credentials masked). */
  label: string;
  /** What ffmpeg reads, asked again for every run (the auth proxy's one-time URL for cameras with a password). */
  inputUrl: () => string;
  ffmpegPath: string;
  spawnGuard?: SpawnGuard;
  /** Keep ffmpeg running this long after the last viewer leaves, ms. Default 10 s. */
  graceMs?: number;
  /** Restart ffmpeg after this long without an RTP packet, ms. Default 5 s. */
  dataTimeoutMs?: number;
  log?: Logger;
}

/**
 * One camera stream's RTP for every WebRTC viewer of it: one ffmpeg and one loopback UDP socket
 * however many viewers (as StreamSupervisor does for MSE). Starts with the first listener, stops
 * `graceMs` after the last, restarts with a jittered backoff (1 s → 30 s) while anyone listens, and restarts
 * a run that sends nothing for `dataTimeoutMs`.
 */
export class WebRtcRtpSource {
  private readonly listeners = new Set<(packet: SourcePacket) => void>();
  /** The MSE streams' jittered delays (restart-delay.ts): cameras that fail together do not retry together. */
  private readonly backoff = new JitteredRestartDelay();
  private socket: Socket | undefined;
  private port = 0;
  private child: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> | undefined;
  private generation = 0;
  private lastPacketAt = 0;
  private startedAt = 0;
  private stderrTail: string[] = [];
  private graceTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private parameters: Buffer[] = [];
  private profile: string | undefined;
  /** The RTP encoding name ffmpeg announced for this run (its SDP on stdout), e.g. `H264`, `H265`. */
  private encoding: string | undefined;
  private sdpText = '';
  private waiters = new Set<() => void>();
  private stopped = false;
  private liveSince = 0;
  private offlineSince = 0;
  /** Why the last run ended, in an operator's words. */
  lastError: string | undefined;

  constructor(private readonly options: RtpSourceOptions) {}

  /** Packets of the current and later runs. Starts ffmpeg if needed; returns the unsubscribe. */
  subscribe(listener: (packet: SourcePacket) => void): () => void {
    this.listeners.add(listener);
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.stopped = false;
    if (!this.child && !this.restartTimer) void this.start();
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.graceTimer = setTimeout(() => void this.stop(), this.options.graceMs ?? 10_000);
      this.graceTimer.unref();
    };
  }

  /**
   * The stream's profile-level-id once an SPS has passed this run; waits up to `timeoutMs`, and
   * returns at once (undefined) when ffmpeg has announced a codec other than H.264 (see `codec`).
   */
  async profileLevelId(timeoutMs: number): Promise<string | undefined> {
    if (this.profile || this.notH264) return this.profile;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
    return this.profile;
  }

  /** The codec ffmpeg announced in its RTP SDP this run (RFC 6184 `H264`, RFC 7798 `H265`, …), if yet known. */
  get codec(): string | undefined {
    return this.encoding;
  }

  private get notH264(): boolean {
    return this.encoding !== undefined && this.encoding.toUpperCase() !== 'H264';
  }

  /** The stream as the tile's status line shows it (the MSE socket's `status` message, same shape). */
  status(): { state: 'starting' | 'live' | 'offline'; since: number; reason?: string } {
    const now = Date.now();
    if (this.child && this.lastPacketAt && now - this.lastPacketAt < 2_000) return { state: 'live', since: this.liveSince };
    if (this.child && !this.lastPacketAt) return { state: 'starting', since: this.startedAt };
    return { state: 'offline', since: this.offlineSince || now, ...(this.lastError ? { reason: this.lastError } : {}) };
  }

  /** The latest packets that carried SPS/PPS. */
  get parameterSets(): readonly Buffer[] {
    return this.parameters;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** ffmpeg's pid while it runs (tests and diagnostics). */
  get ffmpegPid(): number | undefined {
    return this.child?.pid;
  }

  /** Stops ffmpeg and closes the socket now (listeners stay registered but receive nothing more). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.graceTimer);
    clearTimeout(this.restartTimer);
    clearInterval(this.watchdog);
    this.graceTimer = this.restartTimer = this.watchdog = undefined;
    const child = this.child;
    const exited = this.exited;
    this.child = undefined;
    if (child) {
      killGroup(child, 'SIGTERM');
      const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 2_000);
      await exited;
      clearTimeout(forced);
    }
    this.socket?.close();
    this.socket = undefined;
    this.profile = undefined;
    this.encoding = undefined;
    this.parameters = [];
  }

  private async start(): Promise<void> {
    this.restartTimer = undefined;
    if (this.stopped) return;
    if (!this.socket) {
      const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
      socket.on('message', (data, from) => from.address === '127.0.0.1' && this.onPacket(data));
      socket.on('error', (error) => this.options.log?.warn('webrtc rtp socket error', { stream: this.options.label, error }));
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
      if (this.stopped) {
        socket.close();
        return;
      }
      this.socket = socket;
      this.port = socket.address().port;
    }
    let input: string;
    try {
      input = this.options.inputUrl();
    } catch (error) {
      return this.onEnded(`ffmpeg failed: ${(error as Error).message}`);
    }
    this.generation++;
    this.profile = undefined;
    this.encoding = undefined;
    this.sdpText = '';
    this.parameters = [];
    this.stderrTail = [];
    this.startedAt = Date.now();
    this.lastPacketAt = 0;
    const child = guardedSpawn(this.options.ffmpegPath, rtpForwardArgs(input, this.port), this.options.spawnGuard);
    this.child = child;
    this.options.log?.info('webrtc ffmpeg started', { stream: this.options.label, pid: child.pid });
    child.stdout.on('data', (chunk: Buffer) => this.onSdp(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (line.trim()) this.stderrTail.push(redactUrlsInText(line).slice(0, 300));
      }
      this.stderrTail.splice(0, Math.max(0, this.stderrTail.length - 10));
    });
    child.once('error', (error) => this.stderrTail.push(error.message));
    this.exited = new Promise((resolve) =>
      child.once('close', (code, signal) => {
        resolve();
        if (this.child !== child) return;
        this.child = undefined;
        clearInterval(this.watchdog);
        const reason = classifyFfmpegStderr(this.stderrTail) ?? this.stderrTail.at(-1) ?? `ffmpeg exited with ${signal ?? `code ${code}`}`;
        this.onEnded(reason);
      }),
    );
    this.watchdog = setInterval(() => this.checkData(child), 500);
    this.watchdog.unref();
  }

  /**
   * ffmpeg's RTP muxer prints the session's SDP on stdout as soon as it has opened the camera,
   * before any packet: its `a=rtpmap` names the codec (RFC 8866 §6.6), so a viewer of a camera that
   * is not H.264 hears at once that WebRTC cannot carry it instead of waiting for an SPS.
   */
  private onSdp(chunk: Buffer): void {
    if (this.encoding !== undefined || this.sdpText.length > 4096) return;
    this.sdpText += chunk.toString('utf8');
    const rtpmap = /a=rtpmap:\d+ ([A-Za-z0-9-]+)\//.exec(this.sdpText);
    if (!rtpmap) return;
    this.encoding = rtpmap[1];
    if (this.notH264) for (const wake of [...this.waiters]) wake();
  }

  private checkData(child: ChildProcessWithoutNullStreams): void {
    const now = Date.now();
    const silentFor = now - (this.lastPacketAt || this.startedAt);
    const allowed = this.lastPacketAt ? (this.options.dataTimeoutMs ?? 5_000) : DEFAULT_SOCKET_TIMEOUT_MS + 2_000;
    if (silentFor > allowed) {
      this.stderrTail.push(`no RTP for ${Math.round(silentFor / 1000)} s`);
      killGroup(child, 'SIGKILL');
    }
  }

  private onEnded(reason: string): void {
    this.lastError = reason;
    this.offlineSince = Date.now();
    this.options.log?.warn('webrtc ffmpeg ended', { stream: this.options.label, reason });
    if (this.stopped || this.listeners.size === 0) return;
    this.restartTimer = setTimeout(() => void this.start(), this.backoff.next());
    this.restartTimer.unref();
  }

  private onPacket(data: Buffer): void {
    if (!this.child || isRtcp(data)) return;
    const headerLength = rtpHeaderLength(data);
    if (headerLength < 0) return;
    if (!this.lastPacketAt) {
      this.backoff.reset();
      this.liveSince = Date.now();
    }
    this.lastPacketAt = Date.now();
    const info = inspectH264Payload(data.subarray(headerLength));
    if (info.sps) {
      this.parameters = [data];
      this.profile ??= profileLevelIdOf(info.sps);
      for (const wake of [...this.waiters]) wake();
    } else if (info.pps && this.parameters.length > 0 && this.parameters.length < PARAMETER_SET_PACKETS) {
      this.parameters.push(data);
    }
    const packet: SourcePacket = { data, generation: this.generation };
    for (const listener of this.listeners) listener(packet);
  }
}
