import { z } from 'zod';
import { DEVICE_KINDS } from '../../common/device-kinds.js';

/** The site file (`site.json` in the site directory). Units are in the field names. */
const enuPosition = z.object({ e: z.number(), n: z.number(), u: z.number().default(0) }).strict();

const craneGeometry = z
  .object({
    /** Height of the jib above the crane base, metres. */
    towerHeightM: z.number().positive(),
    jibLengthM: z.number().positive(),
    counterJibLengthM: z.number().nonnegative(),
  })
  .strict();

const deviceSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." or "-" (at most 64)'),
    kind: z.enum(DEVICE_KINDS),
    name: z.string().min(1),
    /** Seconds between reports; offline after 3× this. */
    expectedIntervalS: z.number().positive().max(86_400).default(60),
    model: z.string().optional(),
    supplier: z.string().optional(),
    serial: z.string().optional(),
    installedOn: z.string().optional(),
    calibratedOn: z.string().optional(),
    position: enuPosition.optional(),
    crane: craneGeometry.optional(),
    /** HJ 212-2017 identity of a dust/noise monitor that reports over TCP: its MN and access password (PW). */
    hj212: z.object({ mn: z.string().min(1).max(32), password: z.string().max(16) }).strict().optional(),
  })
  .strict();

export const siteSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" or "-" (at most 64)'),
    name: z.string().min(1),
    timeZone: z.string().refine(isValidTimeZone, 'an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
    origin: z
      .object({ latDeg: z.number().min(-90).max(90), lonDeg: z.number().min(-180).max(180), heightM: z.number().default(0) })
      .strict()
      .optional(),
    devices: z.array(deviceSchema).default([]),
  })
  .strict()
  .superRefine((site, ctx) => {
    const seen = new Set<string>();
    site.devices.forEach((device, index) => {
      if (seen.has(device.id)) ctx.addIssue({ code: 'custom', path: ['devices', index, 'id'], message: `duplicate device id "${device.id}"` });
      seen.add(device.id);
    });
  });

export type SiteConfig = z.infer<typeof siteSchema>;
export type DeviceConfig = SiteConfig['devices'][number];

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
