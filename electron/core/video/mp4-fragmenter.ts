import { inBandSps } from './parameter-sets.js';
import { PipeBytes } from './pipe-bytes.js';
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
 * only until their box is complete, and one box may not exceed `maxBoxBytes`. A media segment is
 * a read-only view of the pipe read it came in when it came whole (the common case), else one
 * copy: the video bytes are not copied again on their way to the viewers' sockets.
 *
 * A keyframe whose in-band SPS differs from the run's first one (the camera changed resolution or
 * profile mid-stream) ends the stream with reason 'stream changed' before that fragment is passed
 * on: the supervisor restarts ffmpeg, whose new init segment describes the new picture, and players
 * build a new SourceBuffer for it (W3C Media Source Extensions §3.5.7: an init segment with other
 * track parameters needs `changeType` or a new MediaSource; a new one is the path every browser takes).
 */
export class Mp4Fragmenter {
  private readonly bytes = new PipeBytes();
  /** Size of the box at the front once its header is read and the box is still incomplete: no need to parse it again per chunk. */
  private awaiting = 0;
  private initParts: Buffer[] = [];
  private mediaPrefix: Buffer[] = [];
  private moof: Buffer | undefined;
  private moofHeader = 8;
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
    this.bytes.push(chunk);
    if (this.bytes.length < this.awaiting) return;
    try {
      this.drain();
    } catch (error) {
      this.failed = error instanceof Mp4StreamError ? error : new Mp4StreamError((error as Error).message);
      this.bytes.clear();
      throw this.failed;
    }
  }

  private drain(): void {
    const bytes = this.bytes;
    while (bytes.length >= 8) {
      const box = this.boxHeaderAt(0);
      if (!box) return;
      if (bytes.length < box.size) {
        this.awaiting = box.size;
        return;
      }
      if (box.type === 'moof' && this.mediaPrefix.length === 0) {
        // Wait for the mdat after it, so that moof+mdat can leave as one piece, usually without a copy.
        if (!this.track) throw new Mp4StreamError('moof before moov: the stream did not start with an init segment');
        if (bytes.length < box.size + 8) {
          this.awaiting = box.size + 8;
          return;
        }
        const next = this.boxHeaderAt(box.size);
        if (!next) return;
        if (next.type === 'mdat') {
          if (bytes.length < box.size + next.size) {
            this.awaiting = box.size + next.size;
            return;
          }
          this.awaiting = 0;
          this.onFragment(box.size, box.header, next.size, next.header);
          continue;
        }
      }
      this.awaiting = 0;
      this.onBox(box.type, box.size, box.header);
    }
  }

  /** The box header at `at` (validated), or undefined until enough bytes have come to read it. */
  private boxHeaderAt(at: number): { type: string; size: number; header: number } | undefined {
    const bytes = this.bytes;
    let size = bytes.uint32At(at);
    const type = this.boxType(at);
    let header = 8;
    if (size === 1) {
      if (bytes.length < at + 16) return undefined;
      header = 16;
      const high = bytes.uint32At(at + 8);
      // 2^21 × 2^32 = 2^53: beyond it a Number is not exact, and far beyond any limit anyway.
      size = high >= 0x20_0000 ? Number.MAX_SAFE_INTEGER : high * 0x1_0000_0000 + bytes.uint32At(at + 12);
    } else if (size === 0) {
      throw new Mp4StreamError(`box '${type}' claims to run to the end of the stream, which a live stream has not`);
    } else if (size < 8) {
      throw new Mp4StreamError(`box '${type}' has an impossible size of ${size} bytes`);
    }
    if (size > this.maxBoxBytes) {
      throw new Mp4StreamError(`box '${type}' claims ${size} bytes, over the ${this.maxBoxBytes}-byte limit; the stream is corrupt`);
    }
    return { type, size, header };
  }

  /**
   * A moof and its mdat, both whole at the front: one media segment. ffmpeg writes each fragment
   * in one go and Node reads it whole most of the time (measured: one pipe read of ~47 KB per
   * 100 ms fragment of a 4 Mbit/s camera), so the segment is mostly a view of that read.
   */
  private onFragment(moofSize: number, moofHeader: number, mdatSize: number, mdatHeader: number): void {
    const data = this.bytes.takeView(moofSize + mdatSize);
    const info = readFragmentInfo(data.subarray(moofHeader, moofSize), this.track!);
    if (info.keyframe) this.checkParameterSets(data.subarray(moofSize + mdatHeader));
    this.events.onMedia({ kind: 'media', data, info, durationSec: this.track!.timescale ? info.duration / this.track!.timescale : 0 });
  }

  /** The four type bytes of the box at `at`, which must be printable (ISO/IEC 14496-12 §4.2 four-character codes). */
  private boxType(at: number): string {
    let type = '';
    for (let i = at + 4; i < at + 8; i++) {
      const byte = this.bytes.byteAt(i);
      if (byte < 0x20 || byte > 0x7e) {
        const hex = [4, 5, 6, 7].map((k) => this.bytes.byteAt(at + k).toString(16).padStart(2, '0')).join('');
        throw new Mp4StreamError(`not an MP4 stream: box type bytes ${hex}`);
      }
      type += String.fromCharCode(byte);
    }
    return type;
  }

  /**
   * The whole box (`size` bytes, `header` of them its header) is at the front. Boxes a player
   * needs are copied out once; a media segment is assembled in one buffer of its final size.
   */
  private onBox(type: string, size: number, header: number): void {
    const bytes = this.bytes;
    switch (type) {
      case 'ftyp':
        this.initParts = [bytes.take(size)];
        break;
      case 'moov': {
        const box = bytes.take(size);
        this.track = readTrackInfo(box.subarray(header));
        const data = Buffer.concat([...this.initParts, box]);
        this.initParts = [];
        this.events.onInit({ kind: 'init', data, track: this.track });
        break;
      }
      case 'styp':
      case 'sidx':
      case 'prft':
        this.mediaPrefix.push(bytes.take(size));
        break;
      case 'moof':
        if (!this.track) throw new Mp4StreamError('moof before moov: the stream did not start with an init segment');
        this.moof = bytes.take(size);
        this.moofHeader = header;
        break;
      case 'mdat': {
        if (!this.moof || !this.track) throw new Mp4StreamError('mdat without a moof before it');
        const moof = this.moof;
        const info = readFragmentInfo(moof.subarray(this.moofHeader), this.track);
        let at = 0;
        for (const part of this.mediaPrefix) at += part.length;
        const data = Buffer.allocUnsafe(at + moof.length + size);
        at = 0;
        for (const part of this.mediaPrefix) at += part.copy(data, at);
        at += moof.copy(data, at);
        bytes.copyOut(data, at, size);
        this.moof = undefined;
        this.mediaPrefix = [];
        if (info.keyframe) this.checkParameterSets(data.subarray(at + header));
        this.events.onMedia({ kind: 'media', data, info, durationSec: this.track.timescale ? info.duration / this.track.timescale : 0 });
        break;
      }
      default:
        // free, skip, mfra (the trailer at a clean exit), uuid: nothing a live player needs.
        bytes.skip(size);
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
