import { locateFfmpeg } from '../../../native/ffmpeg.js';
import type { Logger } from '../log/logger.js';
import { DEFAULT_SOCKET_TIMEOUT_MS, TEST_PATTERN_SCHEME, testPatternArgs, redactRtspUrl, remuxArgs, transcodeArgs, type RemuxOptions, type TranscodeOptions } from './ffmpeg-args.js';
import { FfmpegRun } from './ffmpeg-run.js';
import { FragmentRing } from './fragment-ring.js';
import { StreamRates } from './stream-rates.js';
import type { SpawnGuard } from './guarded-spawn.js';
import type { InitSegment, MediaSegment } from './mp4-fragmenter.js';
import { JitteredRestartDelay, type RestartDelays } from './restart-delay.js';
import { sharedStartGate, type StartGate, type StartTicket } from './start-gate.js';
import type { OfflineReason } from './stderr-reason.js';
import { DEFAULT_QUEUE_LIMITS, SubscriberQueue, type QueueLimits, type SegmentSink } from './subscriber-queue.js';
import type { LiveFragment, LiveInit, StreamState, StreamStatus } from './video-types.js';

export interface StreamSupervisorOptions {
  /** RTSP URL, credentials included. Never on ffmpeg's command line (see `inputUrl`); logs and status carry `redactRtspUrl`. */
  url: string;
  /**
   * What ffmpeg is told to read for `url`, asked again for every run: the video service hands
   * back a one-time loopback address of its RTSP auth proxy when the URL carries credentials,
   * because ffmpeg's command line is readable by every local user (/proc/PID/cmdline). Default:
   * the URL itself.
   */
  inputUrl?: (url: string) => string;
  /** Transcode to H.264 instead of remuxing (codecs a browser cannot play). Costs a core. */
  transcode?: boolean | TranscodeOptions;
  remux?: RemuxOptions;
  /** Keep ffmpeg running this long after the last viewer leaves, ms. Default 10 s. */
  graceMs?: number;
  /** Video kept for late joiners and alarm pre-roll, ms. Default 10 s. */
  preRollMs?: number;
  /** Kill and restart ffmpeg after this long without a byte on its stdout, ms. Default 5 s. */
  dataTimeoutMs?: number;
  queueLimits?: QueueLimits;
  ffmpegPath?: string;
  spawnGuard?: SpawnGuard;
  /** Delays between restarts. Default: 1 s → 30 s, doubling, with equal jitter (restart-delay.ts). */
  backoff?: RestartDelays;
  /** Bounds how many streams start at once. Default: the core's shared gate (start-gate.ts). */
  startGate?: StartGate;
  log?: Logger;
  now?: () => number;
}

export interface SubscribeOptions {
  /**
   * Where a new subscriber starts: 'latest-keyframe' (default) replays the init segment and the
   * buffered fragments from the latest keyframe for an immediate picture; 'next-keyframe' waits
   * for the next one; 'now' receives every fragment from now on (recorders, evidence clips).
   */
  join?: 'latest-keyframe' | 'next-keyframe' | 'now';
}

export interface VideoSubscription {
  unsubscribe(): void;
  /** Fragments this subscriber missed because it was too slow. */
  readonly dropped: number;
}

/**
 * One camera stream: one ffmpeg (RTSP → fragmented MP4, an FfmpegRun) shared by every viewer of
 * that URL. Starts on the first subscriber, stops `graceMs` after the last one leaves, restarts
 * with jittered exponential backoff (1 s → 30 s) while anyone is subscribed, and sends a new init
 * segment after every restart. Every start, first or restart, waits its turn at a start gate
 * shared by the core's streams, so 32 tiles opening at once reach the cameras a few at a time.
 */
export class StreamSupervisor {
  private labelText: string;
  private url: string;
  private readonly subscribers = new Set<SubscriberQueue>();
  private readonly ring: FragmentRing;
  private readonly backoff: RestartDelays;
  private readonly startGate: StartGate;
  private readonly now: () => number;
  private readonly graceMs: number;
  private readonly dataTimeoutMs: number;
  private readonly socketTimeoutMs: number;

  private state: StreamState = 'idle';
  private since: number;
  private reason: OfflineReason | undefined;
  private detail: string | undefined;
  private restarts = 0;
  private generation = 0;
  private init: LiveInit | undefined;
  /** Frame rate and bitrate for the status; keeps sizes and times only, not the fragments' bytes. */
  private readonly rates = new StreamRates();
  private statusListeners = new Set<(status: StreamStatus) => void>();

  private run: FfmpegRun | undefined;
  /** Our place at the start gate, from asking for a slot until the run is live or has ended. */
  private startTicket: StartTicket | undefined;
  private gotMedia = false;
  private stopInFlight: Promise<void> | undefined;

  private graceTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: StreamSupervisorOptions) {
    this.url = options.url;
    this.labelText = redactRtspUrl(options.url);
    this.now = options.now ?? Date.now;
    this.since = this.now();
    this.ring = new FragmentRing(options.preRollMs ?? 10_000);
    this.backoff = options.backoff ?? new JitteredRestartDelay();
    this.startGate = options.startGate ?? sharedStartGate;
    this.graceMs = options.graceMs ?? 10_000;
    this.dataTimeoutMs = options.dataTimeoutMs ?? 5_000;
    this.socketTimeoutMs = options.remux?.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS;
  }

  /** The stream as logs and status name it (credentials masked). */
  get label(): string {
    return this.labelText;
  }

  /**
   * Points the stream at a new URL (new credentials) without dropping anyone: subscribers, the
   * evidence recorder's hold among them, stay; ffmpeg restarts on the new URL now (no backoff
   * wait), and they get a new init segment. Stopping the stream instead would lose a recording
   * camera's pre-roll until someone watched it again.
   */
  async retarget(url: string): Promise<void> {
    this.url = url;
    this.labelText = redactRtspUrl(url);
    this.backoff.reset();
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
    }
    if (this.run || this.stopInFlight) {
      await this.stopFfmpeg(); // starts a fresh run on the new URL when anyone is subscribed
      return;
    }
    if (this.subscribers.size > 0) this.spawnFfmpeg();
  }

  /** Receives the init segment, then fragments from a keyframe on. Starts ffmpeg if needed. */
  subscribe(sink: SegmentSink, options: SubscribeOptions = {}): VideoSubscription {
    const join = options.join ?? 'latest-keyframe';
    const queue = new SubscriberQueue(
      sink,
      this.options.queueLimits ?? DEFAULT_QUEUE_LIMITS,
      (error) => this.options.log?.warn('video subscriber failed', { stream: this.label, error }),
      join !== 'now',
    );
    if (this.init && join !== 'now' && !this.stopInFlight) {
      queue.pushInit(this.init);
      if (join === 'latest-keyframe') for (const fragment of this.ring.fromLatestKeyframe()) queue.pushMedia(fragment);
    }
    this.subscribers.add(queue);
    this.clearGrace();
    // While a stop is in flight, stopFfmpeg starts a fresh run once the old one has exited.
    if (!this.run && !this.restartTimer && !this.stopInFlight) this.spawnFfmpeg();
    let active = true;
    return {
      unsubscribe: () => {
        if (!active) return;
        active = false;
        queue.close();
        this.subscribers.delete(queue);
        if (this.subscribers.size === 0) this.scheduleGrace();
      },
      get dropped() {
        return queue.dropped;
      },
    };
  }

  status(): StreamStatus {
    const status: StreamStatus = {
      label: this.label,
      state: this.state,
      since: this.since,
      subscribers: this.subscribers.size,
      restarts: this.restarts,
      droppedFragments: [...this.subscribers].reduce((n, q) => n + q.dropped, 0),
    };
    if (this.state === 'offline' && this.reason) status.reason = this.reason;
    if (this.state === 'offline' && this.detail) status.detail = this.detail;
    if (this.init) Object.assign(status, { codec: this.init.codec, width: this.init.width, height: this.init.height });
    if (this.state === 'live') Object.assign(status, this.rates.figures(this.now()));
    return status;
  }

  onStatus(listener: (status: StreamStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** The current init segment, if ffmpeg has produced one this run. */
  currentInit(): LiveInit | undefined {
    return this.init;
  }

  /** The last `ms` of video, starting at a keyframe, with its init segment (for snapshots and clips). */
  recentVideo(ms: number): { init: LiveInit; fragments: LiveFragment[] } | undefined {
    if (!this.init) return undefined;
    const fragments = this.ring.lastMs(ms, this.now());
    return fragments.length ? { init: this.init, fragments } : undefined;
  }

  /** ffmpeg's process id while it runs (tests and diagnostics). */
  get ffmpegPid(): number | undefined {
    return this.run?.pid;
  }

  /** Drops every subscriber and stops ffmpeg now. */
  async stop(): Promise<void> {
    for (const queue of this.subscribers) queue.close();
    this.subscribers.clear();
    this.clearGrace();
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.setState('idle');
    await this.stopFfmpeg();
  }

  private scheduleGrace(): void {
    this.clearGrace();
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      if (this.subscribers.size > 0) return;
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
      this.setState('idle');
      void this.stopFfmpeg();
    }, this.graceMs);
    this.graceTimer.unref();
  }

  private clearGrace(): void {
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }

  /**
   * Asks the start gate for a slot and starts ffmpeg when it comes (at once when the gate is
   * free). Does nothing while this stream already waits for, or holds, a slot.
   */
  private spawnFfmpeg(): void {
    if (this.startTicket) return;
    if (this.state === 'idle') this.setState('starting');
    const asked: { ticket?: StartTicket } = {};
    let grantedAtOnce = false;
    const ticket = (asked.ticket = this.startGate.enter(() => {
      if (asked.ticket) this.onStartSlot(asked.ticket);
      else grantedAtOnce = true; // granted inside enter(), before it returned the ticket
    }));
    this.startTicket = ticket;
    if (grantedAtOnce) this.onStartSlot(ticket);
  }

  private onStartSlot(ticket: StartTicket): void {
    if (this.startTicket !== ticket) return;
    if (this.subscribers.size === 0 || this.run || this.stopInFlight) {
      this.releaseStartSlot();
      return;
    }
    this.launchFfmpeg();
  }

  /** Gives the start slot back: the run is live, has ended or is being stopped. */
  private releaseStartSlot(): void {
    const ticket = this.startTicket;
    this.startTicket = undefined;
    ticket?.release();
  }

  private launchFfmpeg(): void {
    let ffmpegPath: string;
    try {
      ffmpegPath = this.options.ffmpegPath ?? locateFfmpeg().path;
    } catch (error) {
      this.onRunEnded('ffmpeg not found', (error as Error).message);
      return;
    }
    const { transcode } = this.options;
    const transcodeOptions = transcode ? { ...this.options.remux, ...(typeof transcode === 'object' ? transcode : {}) } : undefined;
    let args: string[];
    if (this.url.startsWith(TEST_PATTERN_SCHEME)) args = testPatternArgs(this.url, this.options.remux, transcodeOptions);
    else {
      let input: string;
      try {
        input = this.options.inputUrl ? this.options.inputUrl(this.url) : this.url;
      } catch (error) {
        this.onRunEnded('ffmpeg failed', (error as Error).message);
        return;
      }
      args = transcodeOptions ? transcodeArgs(input, transcodeOptions) : remuxArgs(input, this.options.remux);
    }

    this.generation++;
    this.init = undefined;
    this.ring.clear();
    this.rates.clear();
    this.gotMedia = false;
    const generation = this.generation;
    const run: FfmpegRun = new FfmpegRun(
      { ffmpegPath, args, label: this.label, mode: transcode ? 'transcode' : 'remux', dataTimeoutMs: this.dataTimeoutMs, socketTimeoutMs: this.socketTimeoutMs, spawnGuard: this.options.spawnGuard, log: this.options.log, now: this.now },
      {
        onInit: (segment) => this.onInit(segment, generation),
        onMedia: (segment) => this.onMedia(segment, generation),
        onEnded: (reason, detail) => {
          if (this.run !== run) return;
          this.run = undefined;
          this.onRunEnded(reason, detail);
        },
      },
    );
    this.run = run;
  }

  private onInit(segment: InitSegment, generation: number): void {
    if (generation !== this.generation) return;
    const init: LiveInit = {
      kind: 'init',
      data: segment.data,
      codec: segment.track.codec,
      width: segment.track.width,
      height: segment.track.height,
      generation,
    };
    this.init = init;
    this.ring.clear();
    for (const queue of this.subscribers) queue.pushInit(init);
  }

  private onMedia(segment: MediaSegment, generation: number): void {
    if (generation !== this.generation) return;
    const fragment: LiveFragment = {
      kind: 'media',
      data: segment.data,
      keyframe: segment.info.keyframe,
      samples: segment.info.sampleCount,
      durationSec: segment.durationSec,
      receivedAt: this.now(),
      generation,
    };
    if (!this.gotMedia) {
      this.gotMedia = true;
      this.releaseStartSlot();
      this.backoff.reset();
      this.reason = undefined;
      this.detail = undefined;
      this.setState('live');
      this.options.log?.info('stream live', { stream: this.label, codec: this.init?.codec, firstFragmentMs: fragment.receivedAt - (this.run?.startedAt ?? fragment.receivedAt) });
    }
    this.ring.push(fragment);
    this.rates.push(fragment);
    for (const queue of this.subscribers) queue.pushMedia(fragment);
  }

  private onRunEnded(reason: OfflineReason, detail: string): void {
    this.releaseStartSlot();
    this.restarts++;
    this.reason = reason;
    this.detail = detail;
    if (this.state === 'offline') this.emitStatus(); // same state, new reason
    else this.setState('offline');
    if (this.subscribers.size === 0) return;
    const delay = this.backoff.next();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.subscribers.size > 0 && !this.run) this.spawnFfmpeg();
    }, delay);
    this.restartTimer.unref();
  }

  /** Stops the running ffmpeg; if someone subscribed meanwhile, starts a new run for them. */
  private stopFfmpeg(): Promise<void> {
    if (this.stopInFlight) return this.stopInFlight;
    const run = this.run;
    if (!run) {
      this.releaseStartSlot(); // still waiting at the gate: leave the queue
      return Promise.resolve();
    }
    this.releaseStartSlot();
    this.stopInFlight = run.stop().then(() => {
      if (this.run === run) this.run = undefined;
      this.stopInFlight = undefined;
      if (this.subscribers.size > 0 && !this.run && !this.restartTimer) this.spawnFfmpeg();
    });
    return this.stopInFlight;
  }

  private setState(state: StreamState): void {
    if (state === this.state) return;
    this.state = state;
    this.since = this.now();
    if (state !== 'offline') {
      this.reason = undefined;
      if (state !== 'live') this.detail = undefined;
    }
    this.emitStatus();
  }

  private emitStatus(): void {
    if (this.statusListeners.size === 0) return;
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }
}
