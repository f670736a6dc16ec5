/** i18n key for the core's offline reason (electron/core/video/stderr-reason.ts); unknown ones are shown as they come. */
const REASON_KEYS: Record<string, string> = {
  'connection refused': 'camera.reason.refused',
  'timed out': 'camera.reason.timeout',
  'authentication failed': 'camera.reason.auth',
  'not found': 'camera.reason.notFound',
  'no video': 'camera.reason.noVideo',
  unreachable: 'camera.reason.unreachable',
  'stream ended': 'camera.reason.ended',
  'ffmpeg failed': 'camera.reason.ffmpeg',
  'ffmpeg not found': 'camera.reason.noFfmpeg',
  'stream changed': 'camera.reason.changed',
  stalled: 'camera.reason.stalled',
};

/**
 * Reasons the core recovers from by itself within a second or two (it reconnects at once for the
 * new stream): the tile shows them as pending, not as a fault.
 */
export function isTransientReason(reason: string | undefined): boolean {
  return reason === 'stream changed';
}

export function offlineReasonKey(reason: string | undefined): string | null {
  return reason ? (REASON_KEYS[reason] ?? null) : null;
}
