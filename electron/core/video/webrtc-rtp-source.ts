import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import type { Logger } from '../log/logger.js';
import { JitteredRestartDelay } from './restart-delay.js';
import { DEFAULT_SOCKET_TIMEOUT_MS, redactUrlsInText } from './ffmpeg-args.js';
import { guardedSpawn, killGroup, type SpawnGuard } from './guarded-spawn.js';
import { sharedStartGate, type StartGate, type StartTicket } from './start-gate.js';
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
  /** Bounds how many streams start at once. Default: the core's gate, shared with the MSE streams (start-gate.ts). */
  startGate?: StartGate;
  log?: Logger;
}

/** One ffmpeg run and the loopback UDP socket it sends to: they live and die together. */
interface RtpRun {
  child: ChildProcessWithoutNullStreams;
  socket: Socket;
  startedAt: number;
  exited: Promise<void>;
  watchdog: NodeJS.Timeout;
}

/**
 * One camera stream's RTP for every WebRTC viewer of it: one ffmpeg and one loopback UDP socket
 * however many viewers (as StreamSupervisor does for MSE). Starts with the first listener, stops
 * `graceMs` after the last, restarts with a jittered backoff (1 s → 30 s) while anyone listens, and restarts
 * a run that sends nothing for `dataTimeoutMs`.
 *
 * Every start, first or restart, waits its turn at the start gate the MSE streams use, and holds
 * its slot until the first RTP packet (the camera answered and ffmpeg is sending) or the run's end:
 * a 32-tile wall opening over WebRTC reaches the cameras a few at a time, not in one burst (the
 * lockstep start that made a shared-encode camera stall for every client, start-gate.ts).
 *
 * Each run binds its own socket: packets a dying ffmpeg of the previous run still sends (after a
 * camera change, for up to its 2-s kill grace) land on a closed port instead of in the new
 * generation.
 */
export class WebRtcRtpSource {
  private readonly listeners = new Set<(packet: SourcePacket) => void>();
  /** The MSE streams' jittered delays (restart-delay.ts): cameras that fail together do not retry together. */
  private readonly backoff = new JitteredRestartDelay();
  private readonly gate: StartGate;
  private labelText: string;
  private run: RtpRun | undefined;
  /** Our place at the start gate, from asking for a slot until the first packet or the run's end. */
  private ticket: StartTicket | undefined;
  /** Waiting at the gate for a slot (ticket asked, not yet granted). */
  private queued = false;
  private askedAt = 0;
  private launchWaiters = new Set<() => void>();
  private generation = 0;
  private lastPacketAt = 0;
  private stderrTail: string[] = [];
  private graceTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
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

  constructor(private readonly options: RtpSourceOptions) {
    this.gate = options.startGate ?? sharedStartGate;
    this.labelText = options.label;
  }

  /** The stream as logs name it (credentials masked). */
  get label(): string {
    return this.labelText;
  }

  /** Packets of the current and later runs. Starts ffmpeg if needed; returns the unsubscribe. */
  subscribe(listener: (packet: SourcePacket) => void): () => void {
    this.listeners.add(listener);
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.stopped = false;
    if (!this.run && !this.restartTimer) this.begin();
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.graceTimer = setTimeout(() => void this.stop(), this.options.graceMs ?? 10_000);
      this.graceTimer.unref();
    };
  }

  /**
   * Resolves once this source is no longer waiting at the start gate (ffmpeg launched, the run
   * ended, or the source stopped), or after `timeoutMs`; true when it got past the gate.
   * A viewer's wait for the camera's parameters should not count the time other cameras took to start.
   */
  async whenLaunched(timeoutMs: number): Promise<boolean> {
    if (!this.queued) return true;
    await waitIn(this.launchWaiters, timeoutMs);
    return !this.queued && !this.stopped;
  }

  /**
   * The stream's profile-level-id once an SPS has passed this run; waits up to `timeoutMs`, and
   * returns at once (undefined) when ffmpeg has announced a codec other than H.264 (see `codec`).
   */
  async profileLevelId(timeoutMs: number): Promise<string | undefined> {
    if (this.profile || this.notH264) return this.profile;
    await waitIn(this.waiters, timeoutMs);
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
    if (this.run && this.lastPacketAt && now - this.lastPacketAt < 2_000) return { state: 'live', since: this.liveSince };
    if (this.ticket || (this.run && !this.lastPacketAt)) return { state: 'starting', since: this.askedAt };
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
    return this.run?.child.pid;
  }

  /**
   * The camera's settings changed (new credentials, new URL): ffmpeg restarts now (no backoff wait)
   * on what `inputUrl()` gives, and the listeners stay. Their viewers rejoin at the new run's first
   * keyframe, as after any restart (a new generation, webrtc-viewer-gate.ts). A source waiting at the
   * start gate keeps its place: it reads the URL when its slot comes.
   */
  async retarget(label: string): Promise<void> {
    this.labelText = label;
    this.backoff.reset();
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
    }
    if (this.run) {
      this.releaseTicket();
      await this.endRun();
    }
    this.begin();
  }

  /** Stops ffmpeg, closes the socket and leaves the start gate now (listeners stay registered but receive nothing more). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.graceTimer);
    clearTimeout(this.restartTimer);
    this.graceTimer = this.restartTimer = undefined;
    this.releaseTicket();
    const ended = this.endRun(); // detaches the run now: a subscriber arriving meanwhile gets a fresh one
    this.profile = undefined;
    this.encoding = undefined;
    this.parameters = [];
    await ended;
  }

  /** Kills the current run's ffmpeg and waits for it; its end is not a failure (no restart). The socket closes with it. */
  private async endRun(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    clearInterval(run.watchdog);
    killGroup(run.child, 'SIGTERM');
    const forced = setTimeout(() => killGroup(run.child, 'SIGKILL'), 2_000);
    await run.exited;
    clearTimeout(forced);
  }

  /** Asks the start gate for a slot; ffmpeg starts when it comes (at once when the gate is free). */
  private begin(): void {
    this.restartTimer = undefined;
    if (this.stopped || this.run || this.ticket || this.listeners.size === 0) return;
    this.askedAt = Date.now();
    const asked: { ticket?: StartTicket } = {};
    let grantedAtOnce = false;
    const ticket = this.gate.enter(() => {
      if (asked.ticket) void this.launch(asked.ticket);
      else grantedAtOnce = true; // granted inside enter(), before it returned the ticket
    });
    asked.ticket = ticket;
    this.ticket = ticket;
    this.queued = !grantedAtOnce;
    if (grantedAtOnce) void this.launch(ticket);
  }

  /** Gives the start slot back (or leaves the queue): the run is sending, has ended, or is being stopped. */
  private releaseTicket(): void {
    const ticket = this.ticket;
    this.ticket = undefined;
    ticket?.release();
    this.leftQueue();
  }

  private leftQueue(): void {
    this.queued = false;
    for (const wake of [...this.launchWaiters]) wake();
  }

  private async launch(ticket: StartTicket): Promise<void> {
    if (this.ticket !== ticket) return;
    this.leftQueue();
    if (this.stopped || this.listeners.size === 0 || this.run) return this.releaseTicket();
    const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    socket.on('error', (error) => this.options.log?.warn('webrtc rtp socket error', { stream: this.labelText, error }));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    // Stopped or retargeted while binding: this start is no longer wanted.
    if (this.ticket !== ticket || this.stopped || this.run) {
      socket.close();
      if (this.ticket === ticket) this.releaseTicket();
      return;
    }
    let input: string;
    try {
      input = this.options.inputUrl();
    } catch (error) {
      socket.close();
      return this.onEnded(`ffmpeg failed: ${(error as Error).message}`);
    }
    this.generation++;
    this.profile = undefined;
    this.encoding = undefined;
    this.sdpText = '';
    this.parameters = [];
    this.stderrTail = [];
    this.lastPacketAt = 0;
    const child = guardedSpawn(this.options.ffmpegPath, rtpForwardArgs(input, socket.address().port), this.options.spawnGuard);
    let resolveExited!: () => void;
    const run: RtpRun = {
      child,
      socket,
      startedAt: Date.now(),
      exited: new Promise<void>((resolve) => (resolveExited = resolve)),
      watchdog: setInterval(() => this.checkData(run), 500),
    };
    run.watchdog.unref();
    this.run = run;
    socket.on('message', (data, from) => this.run === run && from.address === '127.0.0.1' && this.onPacket(data));
    this.options.log?.info('webrtc ffmpeg started', { stream: this.labelText, pid: child.pid });
    child.stdout.on('data', (chunk: Buffer) => this.run === run && this.onSdp(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.run !== run) return;
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        if (line.trim()) this.stderrTail.push(redactUrlsInText(line).slice(0, 300));
      }
      this.stderrTail.splice(0, Math.max(0, this.stderrTail.length - 10));
    });
    child.once('error', (error) => this.run === run && this.stderrTail.push(error.message));
    // 'close' follows every end, a failed spawn's 'error' included (Node emits exit and close after it).
    child.once('close', (code, signal) => {
      socket.close();
      resolveExited();
      if (this.run !== run) return;
      this.run = undefined;
      clearInterval(run.watchdog);
      const reason = classifyFfmpegStderr(this.stderrTail) ?? this.stderrTail.at(-1) ?? `ffmpeg exited with ${signal ?? `code ${code}`}`;
      this.onEnded(reason);
    });
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

  private checkData(run: RtpRun): void {
    const now = Date.now();
    const silentFor = now - (this.lastPacketAt || run.startedAt);
    const allowed = this.lastPacketAt ? (this.options.dataTimeoutMs ?? 5_000) : DEFAULT_SOCKET_TIMEOUT_MS + 2_000;
    if (silentFor > allowed) {
      this.stderrTail.push(`no RTP for ${Math.round(silentFor / 1000)} s`);
      killGroup(run.child, 'SIGKILL');
    }
  }

  private onEnded(reason: string): void {
    this.releaseTicket();
    this.lastError = reason;
    this.offlineSince = Date.now();
    this.options.log?.warn('webrtc ffmpeg ended', { stream: this.labelText, reason });
    if (this.stopped || this.listeners.size === 0) return;
    this.restartTimer = setTimeout(() => this.begin(), this.backoff.next());
    this.restartTimer.unref();
  }

  private onPacket(data: Buffer): void {
    if (isRtcp(data)) return;
    const headerLength = rtpHeaderLength(data);
    if (headerLength < 0) return;
    if (!this.lastPacketAt) {
      // The camera answered and ffmpeg is sending: the start is over, the next stream may begin.
      this.releaseTicket();
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

/** Waits until something calls the callback this adds to `waiters`, or `timeoutMs`; the callback leaves the set either way. */
function waitIn(waiters: Set<() => void>, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    waiters.add(done);
  });
}
