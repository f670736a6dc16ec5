/**
 * Why a camera stream is not live, in words an operator can act on. Classified from ffmpeg's
 * stderr (lines captured from real ffmpeg 5.1 runs against a GStreamer RTSP server, see
 * test/unit/video/stderr-reason.test.ts) or from the supervisor's own watchdog.
 */
export type OfflineReason =
  | 'connection refused'
  | 'timed out'
  | 'authentication failed'
  | 'not found'
  | 'no video'
  | 'unreachable'
  | 'stream ended'
  /** The camera changed resolution or codec parameters mid-stream; the core reconnects for a new init segment. */
  | 'stream changed'
  /** Video had been flowing and stopped while the connection stayed up (the data watchdog fired). */
  | 'stalled'
  | 'ffmpeg failed'
  | 'ffmpeg not found';

const PATTERNS: Array<[RegExp, OfflineReason]> = [
  // "Server returned 401 Unauthorized (authorization failed)", "method DESCRIBE failed: 401 Unauthorized"
  [/\b401\b|unauthori[sz]ed|authori[sz]ation failed/i, 'authentication failed'],
  // "Server returned 404 Not Found"
  [/\b404\b|not found/i, 'not found'],
  // "Connection to tcp://127.0.0.1:18559?timeout=3000000 failed: Connection refused"
  [/connection refused/i, 'connection refused'],
  [/no route to host|network is unreachable|name or service not known|temporary failure in name resolution|host is down/i, 'unreachable'],
  // Not /timeout/: ffmpeg echoes "?timeout=5000000" in every TCP connection error line.
  [/timed out/i, 'timed out'],
  // "Stream map '0:v:0' matches no streams.", "Output file #0 does not contain any stream"
  [/matches no streams|does not contain any stream|no video/i, 'no video'],
];

/** The first recognised reason in ffmpeg's stderr lines, or null if none is recognised. */
export function classifyFfmpegStderr(lines: readonly string[]): OfflineReason | null {
  for (const [pattern, reason] of PATTERNS) {
    if (lines.some((line) => pattern.test(line))) return reason;
  }
  return null;
}
