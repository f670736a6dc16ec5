import { QUALITY_RAW_PATHS, type QualityPhotoUploaded } from '../../../../electron/common/api/quality.js';
import { coreOrigin } from '../../video/session-token.js';

/** Uploads one photo (the body is the file; the core reads its type from the bytes). */
export async function uploadQualityPhoto(token: string, file: Blob): Promise<QualityPhotoUploaded> {
  const url = new URL(QUALITY_RAW_PATHS.photos, coreOrigin() ?? window.location.href);
  const response = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: file });
  const body = (await response.json().catch(() => null)) as (QualityPhotoUploaded & { error?: string }) | null;
  if (!response.ok || !body) throw new Error(body?.error ?? `HTTP ${response.status}`);
  return body;
}

/** A photo URL from the core (relative, with its ticket) made absolute for an <img>. */
export function photoSrc(url: string): string {
  return new URL(url, coreOrigin() ?? window.location.href).toString();
}
