/** Types of the pre-encoded RTSP test camera (rtsp-file-camera.mjs, plain Node so benches run it without a build). */

export const MAX_RTP_PAYLOAD: number;

export interface ClipOptions {
  width?: number;
  height?: number;
  /** Frames per second of the clip and of its playback. */
  fps?: number;
  /** H.264 bitrate, kbit/s. */
  bitrate?: number;
  /** Clip length, s; it is served looped. */
  seconds?: number;
  cacheDir?: string;
}

export interface FileCameraOptions extends ClipOptions {
  /** 0 (default): any free port. */
  port?: number;
  host?: string;
  /** An H.264 Annex B file to serve instead of a made clip. */
  file?: string;
  /** A client with more than this many bytes waiting in its socket buffer is dropped. Default 4 MiB. */
  maxQueuedBytes?: number;
}

export interface FileCameraStats {
  /** Frames the clock has sent (to every playing client), since start. */
  framesSent: number;
  /** Socket writes: one per frame per playing client. */
  writes: number;
  /** Clients dropped for reading too slowly. */
  dropped: number;
  /** Requests answered 400. */
  badRequests: number;
  /** Times the clock fell more than a few frames behind and restarted its schedule. */
  lateTicks: number;
  connectionsSeen: number;
  /** Open connections now. */
  connections: number;
  playing: number;
  /** Sessions after PLAY that wait for the next IDR. */
  waiting: number;
  clipFrames: number;
  clipBytes: number;
}

export interface AccessUnit {
  nals: Buffer[];
  keyframe: boolean;
}

export interface PacketTemplate {
  buffer: Buffer;
  offsets: number[];
}

export class FileCamera {
  readonly port: number;
  readonly fps: number;
  url(path?: string): string;
  stats(): FileCameraStats;
  close(): Promise<void>;
}

export function defaultCacheDir(): string;
export function makeClip(options?: ClipOptions): Promise<string>;
export function startFileCamera(options?: FileCameraOptions): Promise<FileCamera>;
export function nalUnits(stream: Buffer): Buffer[];
export function accessUnits(nals: Buffer[]): AccessUnit[];
export function sdpFor(units: AccessUnit[], fps: number): string;
export function rtpPayloads(nals: Buffer[], maxPayload?: number): Buffer[];
export function packetTemplate(nals: Buffer[], ssrc: number, maxPayload?: number): PacketTemplate;
export function stamp(template: PacketTemplate, channel: number, firstSeq: number, timestamp: number): Buffer;
