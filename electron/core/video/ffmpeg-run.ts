import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Logger } from '../log/logger.js';
import { redactUrlsInText } from './ffmpeg-args.js';
import { guardedSpawn, killGroup, type SpawnGuard } from './guarded-spawn.js';
import { Mp4Fragmenter, Mp4StreamError, type InitSegment, type MediaSegment } from './mp4-fragmenter.js';
import { watchdogVerdict } from './run-watchdog.js';
import { classifyFfmpegStderr, type OfflineReason } from './stderr-reason.js';

const STDERR_LINES_KEPT = 20;

export interface FfmpegRunOptions {
  ffmpegPath: string;
  args: string[];
  /** The stream as logs may name it (credentials masked). */
  label: string;
  mode: 'remux' | 'transcode';
  /** Kill the run after this long without a byte on stdout once data has flowed, ms. */
  dataTimeoutMs: number;
  /** ffmpeg's own RTSP socket timeout, ms: before the first byte the watchdog allows three (run-watchdog.ts). */
  socketTimeoutMs: number;
  spawnGuard?: SpawnGuard;
  log?: Logger;
  now: () => number;
}

export interface FfmpegRunEvents {
  onInit(segment: InitSegment): void;
  onMedia(segment: MediaSegment): void;
  /** The run ended by itself (not by `stop`): why, in an operator's words, and ffmpeg's last line. */
  onEnded(reason: OfflineReason, detail: string): void;
}

/**
 * One ffmpeg process turning a camera stream into fragmented MP4: spawned under the orphan guard,
 * its stdout cut into init and media segments, its stderr's last lines kept (passwords masked) to
 * say why it ended, and a watchdog that kills it when no data comes. StreamSupervisor owns the
 * lifecycle around it (viewers, grace, backoff, restarts); this owns one process.
 */
export class FfmpegRun {
  readonly startedAt: number;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<void>;
  private readonly watchdog: NodeJS.Timeout;
  private lastDataAt: number | undefined;
  private gotMedia = false;
  private killReason: OfflineReason | undefined;
  private detail: string | undefined;
  private stopping: Promise<void> | undefined;
  private stderrTail: string[] = [];
  private stderrPartial = '';

  constructor(
    private readonly options: FfmpegRunOptions,
    private readonly events: FfmpegRunEvents,
  ) {
    this.startedAt = options.now();
    const fragmenter = new Mp4Fragmenter({
      onInit: (segment) => this.stopping === undefined && events.onInit(segment),
      onMedia: (segment) => {
        if (this.stopping !== undefined) return;
        this.gotMedia = true;
        events.onMedia(segment);
      },
    });
    const child = (this.child = guardedSpawn(options.ffmpegPath, options.args, options.spawnGuard));
    options.log?.info('ffmpeg started', { stream: options.label, pid: child.pid, mode: options.mode });

    child.stdout.on('data', (chunk: Buffer) => {
      if (this.stopping) return; // a run being stopped delivers nothing more
      this.lastDataAt = options.now();
      try {
        fragmenter.push(chunk);
      } catch (error) {
        options.log?.error('ffmpeg output is not a usable MP4 stream', { stream: options.label, error });
        this.killReason = error instanceof Mp4StreamError ? error.reason : 'ffmpeg failed';
        this.detail = (error as Error).message;
        killGroup(child, 'SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => this.onStderr(chunk));
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        clearInterval(this.watchdog);
        resolve();
        this.onExit(code, signal);
      });
    });
    child.once('error', (error) => {
      // spawn itself failed (ENOENT, EACCES); 'close' follows.
      this.killReason = 'ffmpeg not found';
      this.detail = error.message;
    });
    this.watchdog = setInterval(() => this.checkData(), 500);
    this.watchdog.unref();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Ends the run (SIGTERM, then SIGKILL after 2 s); resolves once the process has exited. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    clearInterval(this.watchdog);
    killGroup(this.child, 'SIGTERM');
    const forced = setTimeout(() => killGroup(this.child, 'SIGKILL'), 2_000);
    this.stopping = this.exited.then(() => clearTimeout(forced));
    return this.stopping;
  }

  private checkData(): void {
    if (this.stopping) return;
    const now = this.options.now();
    const verdict = watchdogVerdict({ startedAt: this.startedAt, lastDataAt: this.lastDataAt, now }, this.options);
    if (verdict === 'ok') return;
    this.killReason = verdict;
    if (verdict === 'stalled') this.detail = `no video data for ${Math.round((now - this.lastDataAt!) / 1000)} s`;
    else this.detail = `no video within ${Math.round((now - this.startedAt) / 1000)} s of starting`;
    killGroup(this.child, 'SIGKILL');
  }

  private onStderr(chunk: Buffer): void {
    const text = this.stderrPartial + chunk.toString('utf8');
    const lines = text.split(/\r?\n|\r/);
    this.stderrPartial = (lines.pop() ?? '').slice(-2000);
    for (const line of lines) {
      if (!line.trim()) continue;
      // ffmpeg prints the input URL, password included, in its error lines.
      this.stderrTail.push(redactUrlsInText(line).slice(0, 500));
      if (this.stderrTail.length > STDERR_LINES_KEPT) this.stderrTail.shift();
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stderrPartial.trim()) this.onStderr(Buffer.from('\n'));
    const { log, label } = this.options;
    if (this.stopping) {
      log?.info('ffmpeg stopped', { stream: label });
      return;
    }
    const ranMs = this.options.now() - this.startedAt;
    const reason =
      this.killReason ??
      classifyFfmpegStderr(this.stderrTail) ??
      (this.lastDataAt === undefined && ranMs >= this.options.socketTimeoutMs * 0.9 ? 'timed out' : this.gotMedia ? 'stream ended' : 'ffmpeg failed');
    const detail = this.detail ?? this.stderrTail[this.stderrTail.length - 1] ?? `ffmpeg exited with ${signal ?? `code ${code}`}`;
    log?.warn('ffmpeg exited', { stream: label, code, signal, reason, detail, ranMs });
    this.events.onEnded(reason, detail);
  }
}
