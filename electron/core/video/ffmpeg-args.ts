/**
 * ffmpeg command lines for live camera video: RTSP in, fragmented MP4 on stdout.
 *
 * Remux first, as go2rtc and Frigate do: `-c:v copy` costs about 2 % of a core per 1080p25 H.264
 * stream at 4 Mbit/s (measured with ffmpeg 5.1 against a GStreamer RTSP server), a transcode to
 * MPEG-1 at 1 Mbit/s about 25 %, and about a whole core on detailed real footage.
 */

/** How the muxer cuts the stream into MSE media segments. */
export type Fragmentation =
  /** One moof+mdat per frame: the player is one frame behind the camera, the lowest latency fMP4 offers. */
  | { mode: 'every-frame' }
  /** Fragments of at most `ms` (and always a new one at a keyframe): fewer, larger messages. */
  | { mode: 'duration'; ms: number };

export interface RemuxOptions {
  /** Default every frame; see `fragmentationFlags`. */
  fragmentation?: Fragmentation;
  /** Socket I/O timeout for the RTSP connection, ms (ffmpeg `-timeout`, µs). Default 5 s. */
  socketTimeoutMs?: number;
  /**
   * Bytes ffmpeg may read to find the stream's parameters. Default 32 KiB, ffmpeg's minimum: the
   * SPS/PPS come in the SDP (sprop-parameter-sets) or the first packets, which is all `-c copy`
   * needs. Measured here (640x360 15 fps camera, start to first fragment): 32 KiB + 200 ms ≈ 0.4–0.6 s,
   * 256 KiB + 500 ms ≈ 1.0 s, ffmpeg's defaults ≈ 2.0 s.
   */
  probeSizeBytes?: number;
  /** How long ffmpeg may analyse the input, ms. Default 200 ms. 0 would mean ffmpeg's default of 5 s. */
  analyzeDurationMs?: number;
}

export interface TranscodeOptions extends RemuxOptions {
  /** Output width in pixels; height follows the aspect ratio. Default 640. */
  width?: number;
  /** Output frame rate cap. Default: the input's. */
  fps?: number;
  /** Keyframe interval in frames; default 25 (1 s at 25 fps, so late joiners start fast). */
  gop?: number;
}

export const DEFAULT_SOCKET_TIMEOUT_MS = 5_000;

/**
 * Default: a fragment every 100 ms (2–3 frames at 25 fps). Measured here (bench/video.bench.mjs):
 * per-frame fragments cost the core about twice the CPU of ffmpeg's own remux in message
 * handling, while 100 ms fragments keep the player well inside its 0.5 s live-edge target.
 */
export const DEFAULT_FRAGMENTATION: Fragmentation = { mode: 'duration', ms: 100 };

/**
 * Movflags for low-latency fragmented MP4:
 * - `empty_moov`: the init segment (ftyp+moov) comes first and carries no samples, so MSE can take it alone;
 * - `default_base_moof`: offsets inside each moof are relative to it, so a fragment stands alone
 *   (Chromium's MSE requires it);
 * - `frag_keyframe`: a keyframe always opens a new fragment, so a late joiner can start on a fragment
 *   boundary;
 * - `frag_every_frame` (default) or `-frag_duration`: fragment size decides latency. frag_keyframe
 *   alone cuts one fragment per GOP, so the player cannot get closer to live than a whole GOP
 *   (2 s at a 50-frame GOP). Per-frame fragments cost a ~100-byte moof per frame (≈ 20 kbit/s at
 *   25 fps, 1 % of a 2 Mbit/s camera) and give the lowest latency; `duration` mode trades a
 *   little latency for fewer messages on a busy wall.
 */
export function fragmentationFlags(fragmentation: Fragmentation = DEFAULT_FRAGMENTATION): string[] {
  const base = 'empty_moov+default_base_moof+frag_keyframe';
  if (fragmentation.mode === 'every-frame') return ['-movflags', `${base}+frag_every_frame`];
  return ['-movflags', base, '-frag_duration', String(Math.round(fragmentation.ms * 1000))];
}

function inputArgs(url: string, options: RemuxOptions): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel', 'error',
    // RTP over the RTSP TCP connection: no UDP ports to open, no loss on a busy site network.
    '-rtsp_transport', 'tcp',
    '-timeout', String((options.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS) * 1000),
    // Short probing: ffmpeg's first frame otherwise waits ~1.3 s for stream analysis (measured against a GStreamer RTSP server).
    '-probesize', String(Math.max(32, options.probeSizeBytes ?? 32 * 1024)),
    '-analyzeduration', String(Math.max(1, Math.round((options.analyzeDurationMs ?? 200) * 1000))),
    '-i', url,
  ];
}

function outputArgs(options: RemuxOptions): string[] {
  return [
    '-f', 'mp4',
    ...fragmentationFlags(options.fragmentation),
    // Write each fragment to the pipe as soon as it is cut instead of filling a 32 KiB buffer first.
    '-flush_packets', '1',
    'pipe:1',
  ];
}

/** Remux: first video stream copied as is (H.264 or H.265), audio dropped. */
export function remuxArgs(url: string, options: RemuxOptions = {}): string[] {
  return [...inputArgs(url, options), '-map', '0:v:0', '-an', '-c:v', 'copy', ...outputArgs(options)];
}

/**
 * Fallback for streams a browser cannot play (MJPEG, MPEG-4 part 2, H.265 where Chromium lacks it):
 * H.264 at reduced size with x264's cheapest settings. Costs CPU; use per camera, not by default.
 */
export function transcodeArgs(url: string, options: TranscodeOptions = {}): string[] {
  const width = options.width ?? 640;
  const filters = [`scale=${width}:-2`];
  if (options.fps) filters.push(`fps=${options.fps}`);
  const gop = options.gop ?? 25;
  return [
    ...inputArgs(url, options),
    '-map', '0:v:0', '-an',
    '-vf', filters.join(','),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency',
    '-profile:v', 'baseline', '-pix_fmt', 'yuv420p',
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    ...outputArgs(options),
  ];
}

/** URL scheme of the demo site's simulated cameras: `testpattern:?label=Gate&size=640x360&rate=15`. */
export const TEST_PATTERN_SCHEME = 'testpattern:';

/**
 * A simulated camera for the demo site (no camera on a fresh machine): ffmpeg draws a moving test
 * pattern with the camera's name and a burnt-in clock, encodes it as H.264 (the cheapest x264
 * settings, small by default) and hands it to the same fragmenter, fan-out and player as a real
 * RTSP camera. Unlike real cameras this costs encoding CPU, only while someone watches.
 */
export function testPatternArgs(url: string, options: RemuxOptions = {}, transcode?: TranscodeOptions): string[] {
  const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  const asked = /^\d{2,4}x\d{2,4}$/.test(params.get('size') ?? '') ? params.get('size')! : '640x360';
  // Transcoding a simulated camera = drawing it as H.264 at the transcode width (there is no
  // stream to decode), so `transcode` and the browser fallback behave as for a real camera.
  const size = transcode ? scaledSize(asked, transcode.width ?? 640) : asked;
  const rate = Math.min(30, Math.max(1, Math.round(Number(params.get('rate') ?? 15)) || 15));
  // drawtext treats ' : \ % specially; a label is names and numbers only.
  const label = (params.get('label') ?? 'DEMO').replace(/[^A-Za-z0-9 #_.-]/g, '').slice(0, 40);
  const source = params.get('pattern') === 'bars' ? 'smptehdbars' : 'testsrc2';
  // `codec=hevc` simulates an H.265 camera (many recent site cameras default to it).
  const hevc = !transcode && params.get('codec') === 'hevc';
  const filter =
    `${source}=size=${size}:rate=${rate},` +
    `drawtext=text='${label}  %{localtime}':fontsize=h/18:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6:x=12:y=12`;
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-re', '-f', 'lavfi', '-i', filter,
    '-an',
    ...(hevc
      ? ['-c:v', 'libx265', '-preset', 'ultrafast', '-tune', 'zerolatency', '-tag:v', 'hvc1', '-x265-params', `keyint=${rate}:min-keyint=${rate}:log-level=error`]
      : ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline', '-g', String(rate), '-keyint_min', String(rate), '-sc_threshold', '0']),
    '-pix_fmt', 'yuv420p',
    ...outputArgs(options),
  ];
}

/** `WxH` scaled to `width`, height kept even (H.264 needs even dimensions). */
function scaledSize(size: string, width: number): string {
  const [w, h] = size.split('x').map(Number) as [number, number];
  return `${width}x${Math.round((h * width) / w / 2) * 2}`;
}

/** `rtsp://user:pass@host/path` → `rtsp://user:***@host/path`; anything unparsable is returned masked. */
export function redactRtspUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return redactUrlsInText(url);
  }
}

/**
 * Masks credentials in any URL inside free text. ffmpeg prints the input URL, password included,
 * in its own error lines ("rtsp://admin:secret@10.0.0.9/cam: Server returned 401 Unauthorized").
 */
export function redactUrlsInText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]*):([^\s/@]*)@/gi, '$1$2:***@');
}
