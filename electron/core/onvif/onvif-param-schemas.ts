import { z } from 'zod';
import type { OnvifApi } from '../../common/api/onvif.js';

const cameraId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." or "-" (at most 64)');
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/**
 * A device service URL as WS-Discovery announces it (ONVIF Core §7.3: XAddrs): http(s), an IP
 * literal host (v4, or v6 in brackets: no name lookups from the core), an optional port and path,
 * and never credentials (they go in the vault).
 */
const deviceUrl = z
  .string()
  .max(512)
  .regex(
    new RegExp(`^https?://(${OCTET}(\\.${OCTET}){3}|\\[[0-9A-Fa-f:.]{2,45}\\])(:\\d{1,5})?(/[A-Za-z0-9._~%/-]{0,200})?$`),
    'an http:// or https:// ONVIF device address with an IP address, e.g. http://192.168.1.64/onvif/device_service',
  );
const velocity = z.number().min(-1).max(1);

/** Untrusted input of the ONVIF methods, checked before a handler sees it. */
export const ONVIF_PARAM_SCHEMAS: Record<keyof OnvifApi, z.ZodType> = {
  discoverOnvifCameras: z.object({ timeoutMs: z.number().int().min(200).max(3_000).optional() }).strict().optional(),
  probeOnvifCamera: z.object({ deviceUrl, username: z.string().min(1).max(128), password: z.string().max(256) }).strict(),
  addOnvifCamera: z
    .object({
      id: cameraId,
      name: z.string().trim().min(1).max(120),
      deviceUrl,
      username: z.string().min(1).max(128),
      password: z.string().max(256),
      linkedDevices: z.array(z.string().min(1).max(64)).max(64).optional(),
      recording: z.boolean().optional(),
      alarmPreset: z.string().min(1).max(64).optional(),
    })
    .strict(),
  ptzMove: z.object({ id: cameraId, pan: velocity, tilt: velocity, zoom: velocity }).strict(),
  ptzStop: z.object({ id: cameraId }).strict(),
  listPtzPresets: z.object({ id: cameraId }).strict(),
  gotoPtzPreset: z.object({ id: cameraId, preset: z.string().min(1).max(64) }).strict(),
  savePtzPreset: z.object({ id: cameraId, name: z.string().trim().min(1).max(64) }).strict(),
};
