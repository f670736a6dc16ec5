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
};

export function offlineReasonKey(reason: string | undefined): string | null {
  return reason ? (REASON_KEYS[reason] ?? null) : null;
}
