import { z } from 'zod';
import type { OnvifApi } from '../../common/api/onvif.js';

const cameraId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." or "-" (at most 64)');
/** A device service URL: http(s), no credentials in it (they go in the vault), at most 512 characters. */
const deviceUrl = z
  .string()
  .max(512)
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an http:// or https:// ONVIF device service URL without a user name or password in it');
const velocity = z.number().min(-1).max(1);

/** Untrusted input of the ONVIF methods, checked before a handler sees it. */
export const ONVIF_PARAM_SCHEMAS: Record<keyof OnvifApi, z.ZodType> = {
  discoverOnvifCameras: z.object({ timeoutMs: z.number().int().min(200).max(5_000).optional() }).strict().optional(),
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
