import { createHash } from 'node:crypto';

/** Capture ids: `pc-` and the first 16 hex digits of the file's sha256 (64 bits: no collision in a site's lifetime). */
export const CAPTURE_ID_PATTERN = /^pc-[0-9a-f]{16}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function captureIdOf(sha256: string): string {
  return `pc-${sha256.slice(0, 16)}`;
}
