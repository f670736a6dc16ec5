import { inBandSps } from './parameter-sets.js';
import type { OfflineReason } from './stderr-reason.js';
import { readFragmentInfo, readTrackInfo, type FragmentInfo, type TrackInfo } from './mp4-boxes.js';

/** ftyp+moov: what a Media Source needs before any fragment, and the codec string to create it with. */
export interface InitSegment {
  kind: 'init';
  data: Buffer;
  track: TrackInfo;
}

/** One moof+mdat (plus any styp/sidx/prft that preceded it): a piece MSE can append on its own. */
export interface MediaSegment {
  kind: 'media';
  data: Buffer;
  info: FragmentInfo;
  /** Duration in seconds (from trun sample durations and the mdhd timescale). */
  durationSec: number;
}

export interface FragmenterEvents {
  onInit(segment: InitSegment): void;
  onMedia(segment: MediaSegment): void;
}

/** Boxes larger than this are taken as garbage on the pipe, not video (a 4K I-frame is ~1–2 MB). */
export const DEFAULT_MAX_BOX_BYTES = 16 * 1024 * 1024;

export class Mp4StreamError extends Error {
  constructor(
    message: string,
    /** What the tile says: a corrupt pipe is an ffmpeg fault; a new SPS is the camera's doing. */
    readonly reason: OfflineReason = 'ffmpeg failed',
  ) {
    super(message);
    this.name = 'Mp4StreamError';
  }
}

/**
 * Cuts the fragmented MP4 byte stream that ffmpeg writes to its stdout into the init segment and
 * media segments. Chunks from the pipe split boxes anywhere, headers included; bytes are kept
 * only until their box is complete, and one box may not exceed `maxBoxBytes`.
 *
 * A keyframe whose in-band SPS differs from the run's first one (the camera changed resolution or
 * profile mid-stream) ends the stream with reason 'stream changed' before that fragment is passed
 * on: the supervisor restarts ffmpeg, whose new init segment describes the new picture, and players
 * build a new SourceBuffer for it (W3C Media Source Extensions §3.5.7: an init segment with other
 * track parameters needs `changeType` or a new MediaSource; a new one is the path every browser takes).
 */
export class Mp4Fragmenter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private initParts: Buffer[] = [];
  private mediaPrefix: Buffer[] = [];
  private moof: Buffer | undefined;
  private track: TrackInfo | undefined;
  private failed: Mp4StreamError | undefined;
  /** The run's first in-band SPS; a different one later means the camera changed its stream. */
  private sps: Buffer | undefined;

  constructor(
    private readonly events: FragmenterEvents,
    private readonly maxBoxBytes = DEFAULT_MAX_BOX_BYTES,
  ) {}

  get trackInfo(): TrackInfo | undefined {
    return this.track;
  }

  /** Feeds bytes from the pipe. Throws Mp4StreamError on a malformed stream; later calls rethrow it. */
  push(chunk: Buffer): void {
    if (this.failed) throw this.failed;
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    try {
      this.drain();
    } catch (error) {
      this.failed = error instanceof Mp4StreamError ? error : new Mp4StreamError((error as Error).message);
      this.pending = [];
      this.pendingBytes = 0;
      throw this.failed;
    }
  }

  private drain(): void {
    while (this.pendingBytes >= 8) {
      const head = this.peek(16);
      let size = head.readUInt32BE(0);
      const type = head.toString('latin1', 4, 8);
      if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Mp4StreamError(`not an MP4 stream: box type bytes ${head.subarray(4, 8).toString('hex')}`);
      if (size === 1) {
        if (this.pendingBytes < 16) return;
        const large = head.readBigUInt64BE(8);
        size = large > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(large);
      } else if (size === 0) {
        throw new Mp4StreamError(`box '${type}' claims to run to the end of the stream, which a live stream has not`);
      } else if (size < 8) {
        throw new Mp4StreamError(`box '${type}' has an impossible size of ${size} bytes`);
      }
      if (size > this.maxBoxBytes) {
        throw new Mp4StreamError(`box '${type}' claims ${size} bytes, over the ${this.maxBoxBytes}-byte limit; the stream is corrupt`);
      }
      if (this.pendingBytes < size) return;
      this.onBox(type, this.take(size));
    }
  }

  /** Up to `n` bytes from the front without consuming them. */
  private peek(n: number): Buffer {
    const first = this.pending[0]!;
    if (first.length >= n || this.pending.length === 1) return first.subarray(0, n);
    return Buffer.concat(this.pending, Math.min(n, this.pendingBytes));
  }

  private take(n: number): Buffer {
    const first = this.pending[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.pending.shift();
      else this.pending[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.pending, this.pendingBytes);
      out = all.subarray(0, n);
      this.pending = all.length > n ? [all.subarray(n)] : [];
    }
    this.pendingBytes -= n;
    // Copy so that a kept fragment does not pin the whole pipe chunk it came in.
    return Buffer.from(out);
  }

  private onBox(type: string, box: Buffer): void {
    const header = box.readUInt32BE(0) === 1 ? 16 : 8;
    switch (type) {
      case 'ftyp':
        this.initParts = [box];
        break;
      case 'moov': {
        this.track = readTrackInfo(box.subarray(header));
        const data = Buffer.concat([...this.initParts, box]);
        this.initParts = [];
        this.events.onInit({ kind: 'init', data, track: this.track });
        break;
      }
      case 'styp':
      case 'sidx':
      case 'prft':
        this.mediaPrefix.push(box);
        break;
      case 'moof':
        if (!this.track) throw new Mp4StreamError('moof before moov: the stream did not start with an init segment');
        this.moof = box;
        break;
      case 'mdat': {
        if (!this.moof || !this.track) throw new Mp4StreamError('mdat without a moof before it');
        const moof = this.moof;
        const info = readFragmentInfo(moof.subarray(moof.readUInt32BE(0) === 1 ? 16 : 8), this.track);
        if (info.keyframe) this.checkParameterSets(box.subarray(header));
        const data = Buffer.concat([...this.mediaPrefix, moof, box]);
        this.moof = undefined;
        this.mediaPrefix = [];
        this.events.onMedia({ kind: 'media', data, info, durationSec: this.track.timescale ? info.duration / this.track.timescale : 0 });
        break;
      }
      default:
        // free, skip, mfra (the trailer at a clean exit), uuid: nothing a live player needs.
        break;
    }
  }

  /** The keyframe sample opens the mdat (ffmpeg's default_base_moof layout: one trun, data right after the moof). */
  private checkParameterSets(mdatBody: Buffer): void {
    const sps = inBandSps(mdatBody, this.track!.codec);
    if (!sps) return;
    if (!this.sps) {
      this.sps = Buffer.from(sps);
      return;
    }
    if (!this.sps.equals(sps)) {
      throw new Mp4StreamError(`the camera changed its stream parameters mid-stream (new SPS; init segment says ${this.track!.codec} ${this.track!.width}x${this.track!.height})`, 'stream changed');
    }
  }
}
