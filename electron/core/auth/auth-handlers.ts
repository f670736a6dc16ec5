import { ApiError } from '../../common/api.js';
import type { ApiHandlers } from '../api/handlers.js';
import { MEDIA_FILE_PATTERN } from '../api/camera-handlers.js';
import type { AuthService } from './auth-service.js';
import { GATE_READERS } from '../../common/api/gates.js';
import { CAPTURE_FILE_PATTERN } from '../workforce/gate-capture-files.js';

/** A panorama capture's files (thumbnail and tiles): one resource, so one ticket covers the prefix. */
const PANORAMA_MEDIA = /^\/api\/media\/panoramas\/(pc-[0-9a-f]{16})\/.+$/;
const FOLDER_MEDIA = /^\/api\/media\/(snapshots|clips)\/([^/]+)$/;
const MODEL_MEDIA = /^\/api\/media\/model\/[\w.-]{1,128}\.(glb|gltf)$/i;
/** Turnstile capture photos (faces): not for the read-only viewer role. */
const CAPTURE_MEDIA = /^\/api\/media\/captures\/([^/]+)$/;

/**
 * The scope a media ticket is issued for, or null when `path` is not a media path. Every role may
 * see snapshots, clips, panoramas and the site model (as the API routes that list them), so the
 * check is what the path names, not who asks.
 */
export function mediaTicketScope(path: string): string | null {
  let normalized: string;
  try {
    normalized = new URL(path, 'http://core').pathname;
  } catch {
    return null;
  }
  if (normalized !== path) return null;
  const panorama = PANORAMA_MEDIA.exec(path);
  if (panorama) return `/api/media/panoramas/${panorama[1]}/`;
  const folder = FOLDER_MEDIA.exec(path);
  if (folder && MEDIA_FILE_PATTERN.test(folder[2]!)) return path;
  if (MODEL_MEDIA.test(path)) return path;
  const capture = CAPTURE_MEDIA.exec(path);
  if (capture && CAPTURE_FILE_PATTERN.test(capture[1]!)) return path;
  return null;
}

/** Password changes and media tickets. */
export function createAuthHandlers(auth: AuthService): Pick<ApiHandlers, 'changePassword' | 'mediaTicket'> {
  return {
    async changePassword(request, context) {
      if (!context.caller) throw new ApiError('unauthorized', 'log in first (missing bearer token)');
      await auth.changePassword(context.caller, context.token, request);
      return { ok: true };
    },
    async mediaTicket({ path }, context) {
      const scope = mediaTicketScope(path);
      if (!scope) throw new ApiError('bad-request', 'path must be a media file under /api/media/ (snapshots, clips, model, a panorama capture or a gate capture)', 'path');
      if (CAPTURE_MEDIA.test(path) && !GATE_READERS.includes(context.caller?.role ?? 'viewer')) throw new ApiError('forbidden', 'gate capture photos are for labour, safety, operators, managers and admins');
      const { ticket, expiresAt } = auth.mediaTickets.issue(scope);
      return { url: `${path}?ticket=${encodeURIComponent(ticket)}`, expiresAt };
    },
  };
}
