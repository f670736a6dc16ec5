import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { GATE_PHOTO_MAX_BYTES } from '../../common/api/gates.js';
import { compactUtc } from '../../common/time.js';

export { CAPTURE_FILE_PATTERN, captureMediaPath } from './gate-capture-files.js';

export type CaptureCheck = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/** Largest capture side accepted, px: turnstile cameras send 480–1920 px. */
const MAX_SIDE_PX = 4096;

/**
 * Checks a turnstile's capture photo: base64, at most GATE_PHOTO_MAX_BYTES, and a JPEG that
 * sharp can read (the bytes' own header decides, not a claimed type). Sharp decodes in libuv's
 * thread pool, so a large image does not stall the event loop.
 */
export async function checkCapturePhoto(base64: string): Promise<CaptureCheck> {
  if (base64.length > Math.ceil((GATE_PHOTO_MAX_BYTES * 4) / 3) + 4) return { ok: false, reason: `photo is over ${GATE_PHOTO_MAX_BYTES / 1024} KiB` };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return { ok: false, reason: 'photo is not base64' };
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) return { ok: false, reason: 'photo is empty' };
  if (bytes.length > GATE_PHOTO_MAX_BYTES) return { ok: false, reason: `photo is over ${GATE_PHOTO_MAX_BYTES / 1024} KiB` };
  try {
    const meta = await sharp(bytes, { failOn: 'error' }).metadata();
    if (meta.format !== 'jpeg') return { ok: false, reason: `photo must be a JPEG (got ${meta.format ?? 'an unknown format'})` };
    if (!meta.width || !meta.height || meta.width > MAX_SIDE_PX || meta.height > MAX_SIDE_PX) return { ok: false, reason: `photo must be at most ${MAX_SIDE_PX} px a side` };
  } catch {
    return { ok: false, reason: 'photo is not a readable JPEG image' };
  }
  return { ok: true, bytes };
}

/** Writes a checked capture under DATA/workforce/captures and returns its file name. */
export function saveCapture(dir: string, gateId: string, at: number, bytes: Buffer): string {
  const safeGate = gateId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  const file = `${safeGate}-${compactUtc(at)}-${randomBytes(4).toString('hex')}.jpg`;
  writeFileSync(join(dir, file), bytes, { mode: 0o600 });
  return file;
}
