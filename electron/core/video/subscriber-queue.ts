import type { LiveFragment, LiveInit, VideoSegment } from './video-types.js';

/**
 * Receives segments. Return a promise to apply backpressure (e.g. resolve in a WebSocket send
 * callback); nothing more is delivered to this subscriber until it settles.
 */
export type SegmentSink = (segment: VideoSegment) => void | Promise<void>;

export interface QueueLimits {
  /** Segments waiting for a slow subscriber before it drops to the next keyframe. Default 100. */
  maxSegments: number;
  /** Bytes waiting before the same. Default 4 MiB. */
  maxBytes: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { maxSegments: 100, maxBytes: 4 * 1024 * 1024 };

/**
 * One viewer's bounded queue. When a viewer cannot keep up, everything queued after its init
 * segment is dropped and it resumes at the next keyframe: memory stays bounded, the picture
 * jumps forward instead of falling behind, and `dropped` counts what the viewer missed.
 */
export class SubscriberQueue {
  dropped = 0;
  private queue: VideoSegment[] = [];
  private bytes = 0;
  private waitingForKeyframe: boolean;
  /** Waiting for a keyframe because of an overflow (skips count as drops), not because it just joined. */
  private overflowed = false;
  private busy = false;
  private closed = false;

  constructor(
    private readonly sink: SegmentSink,
    private readonly limits: QueueLimits = DEFAULT_QUEUE_LIMITS,
    private readonly onSinkError: (error: unknown) => void = () => {},
    startAtKeyframe = true,
  ) {
    this.waitingForKeyframe = startAtKeyframe;
  }

  get queued(): number {
    return this.queue.length;
  }

  close(): void {
    this.closed = true;
    this.queue = [];
    this.bytes = 0;
  }

  /** A new ffmpeg run: fragments of the old one cannot follow the new init, so they go. */
  pushInit(init: LiveInit): void {
    if (this.closed) return;
    this.dropped += this.queue.filter((s) => s.kind === 'media').length;
    this.queue = [init];
    this.bytes = init.data.length;
    this.waitingForKeyframe = true;
    this.overflowed = false;
    this.pump();
  }

  pushMedia(fragment: LiveFragment): void {
    if (this.closed) return;
    if (this.waitingForKeyframe) {
      if (!fragment.keyframe) {
        if (this.overflowed) this.dropped++;
        return;
      }
      this.waitingForKeyframe = false;
      this.overflowed = false;
    } else if (this.queue.length >= this.limits.maxSegments || this.bytes + fragment.data.length > this.limits.maxBytes) {
      const kept = this.queue.filter((s) => s.kind === 'init');
      this.dropped += this.queue.length - kept.length;
      this.queue = kept;
      this.bytes = kept.reduce((n, s) => n + s.data.length, 0);
      if (!fragment.keyframe) {
        this.dropped++;
        this.waitingForKeyframe = true;
        this.overflowed = true;
        return;
      }
    }
    this.queue.push(fragment);
    this.bytes += fragment.data.length;
    this.pump();
  }

  private pump(): void {
    while (!this.busy && !this.closed && this.queue.length > 0) {
      const segment = this.queue.shift()!;
      this.bytes -= segment.data.length;
      let result: void | Promise<void>;
      try {
        result = this.sink(segment);
      } catch (error) {
        this.onSinkError(error);
        continue;
      }
      if (result && typeof (result as Promise<void>).then === 'function') {
        this.busy = true;
        (result as Promise<void>).then(
          () => this.resume(),
          (error: unknown) => {
            this.onSinkError(error);
            this.resume();
          },
        );
      }
    }
  }

  private resume(): void {
    this.busy = false;
    this.pump();
  }
}
