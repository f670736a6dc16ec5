import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateFfmpeg } from '../../../native/ffmpeg.js';
import { DEFAULT_SOCKET_TIMEOUT_MS } from './ffmpeg-args.js';
import { runFfmpeg } from './run-ffmpeg.js';
import type { StreamSupervisor } from './stream-supervisor.js';

export interface SnapshotOptions {
  /** Scale to this width (height keeps the aspect ratio); default: the stream's own size. */
  width?: number;
  /** JPEG quality on ffmpeg's mjpeg scale, 2 (best) … 31. Default 3. */
  quality?: number;
  ffmpegPath?: string;
}

function jpegOutputArgs(options: SnapshotOptions): string[] {
  const args = ['-an', '-c:v', 'mjpeg', '-q:v', String(options.quality ?? 3), '-pix_fmt', 'yuvj420p'];
  if (options.width) args.push('-vf', `scale=${options.width}:-2`);
  return args;
}

/**
 * A JPEG of the newest frame a running stream has, decoded from its buffered init segment and
 * fragments since the latest keyframe (at most one GOP to decode; the camera is not asked
 * again). Returns undefined when the stream has no video buffered (idle, starting, offline).
 */
export async function snapshotFromStream(supervisor: StreamSupervisor, options: SnapshotOptions = {}): Promise<Buffer | undefined> {
  const recent = supervisor.recentVideo(0);
  if (!recent) return undefined;
  const ffmpeg = options.ffmpegPath ?? locateFfmpeg().path;
  const dir = await mkdtemp(join(tmpdir(), 'sc-snapshot-'));
  try {
    const input = join(dir, 'gop.mp4');
    const output = join(dir, 'frame.jpg');
    await writeFile(input, Buffer.concat([recent.init.data, ...recent.fragments.map((f) => f.data)]));
    // `-update 1` rewrites the one image per decoded frame, so the file ends as the last frame.
    await runFfmpeg(ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', input, ...jpegOutputArgs(options), '-f', 'image2', '-update', '1', '-y', output]);
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A JPEG straight from the camera: one decoded frame (its first keyframe), for a stream nobody watches. */
export async function snapshotFromRtsp(url: string, options: SnapshotOptions = {}): Promise<Buffer> {
  const ffmpeg = options.ffmpegPath ?? locateFfmpeg().path;
  const { stdout } = await runFfmpeg(
    ffmpeg,
    ['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-timeout', String(DEFAULT_SOCKET_TIMEOUT_MS * 1000),
      '-i', url, '-frames:v', '1', ...jpegOutputArgs(options), '-f', 'image2', 'pipe:1'],
    DEFAULT_SOCKET_TIMEOUT_MS + 10_000,
  );
  if (stdout.length < 4 || stdout[0] !== 0xff || stdout[1] !== 0xd8) throw new Error('ffmpeg produced no JPEG');
  return stdout;
}
