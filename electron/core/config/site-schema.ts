import { z } from 'zod';
import { DEVICE_KINDS } from '../../common/device-kinds.js';
import { workforceSettings } from '../workforce/attendance-rule-schema.js';
import { supervisionSettings } from '../uplink/supervision-settings-schema.js';
import { checkProgressSettings } from '../progress/file-schedule.js';
import { progressSettings } from './progress-schema.js';
import { reportSettings } from '../reports/report-settings-schema.js';

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

const planePoint = z.object({ e: z.number(), n: z.number() }).strict();
const polygon = z.array(planePoint).min(3);

/** The hoist's mast and landings, for the 3D view (cage height comes from telemetry). */
const hoistGeometry = z
  .object({
    /** Top of the mast above the hoist base, metres. */
    mastHeightM: z.number().positive(),
    /** Height of one floor, metres (floor N landing at N × this). */
    floorHeightM: z.number().positive().default(3),
  })
  .strict();

/**
 * What the 3D and GIS views draw: buildings under construction, zones, the site boundary, and an
 * optional glTF/GLB (e.g. exported from BIM) placed at the origin. Coordinates are the site's
 * local east-north-up frame, metres from `origin`.
 */
const siteModel = z
  .object({
    boundary: polygon.optional(),
    buildings: z
      .array(
        z
          .object({
            id: z.string().min(1),
            name: z.string().min(1),
            footprint: polygon,
            floorHeightM: z.number().positive().default(3),
            plannedFloors: z.number().int().positive(),
            completedFloors: z.number().int().min(0),
          })
          .strict(),
      )
      .default([]),
    zones: z
      .array(
        z
          .object({
            id: z.string().min(1),
            name: z.string().min(1),
            /** danger: keep out (e.g. under a crane's load path); fence: electronic fence; work: an area in progress. */
            kind: z.enum(['danger', 'fence', 'work']),
            polygon,
            heightM: z.number().positive().default(2),
          })
          .strict(),
      )
      .default([]),
    /** A .glb/.gltf file name in the site folder (no sub-folders). */
    gltf: z.object({ file: z.string().regex(/^[\w.-]{1,128}\.(glb|gltf)$/i, 'a .glb or .gltf file name in the site folder'), scale: z.number().positive().default(1), headingDeg: z.number().default(0) }).strict().optional(),
  })
  .strict();

export type SiteModelConfig = z.infer<typeof siteModel>;

/** Other sites an enterprise or authority oversees, each with its own core (GIS multi-site view). */
const federation = z
  .object({
    authority: z.string().min(1).optional(),
    projects: z
      .array(
        z
          .object({
            id: z.string().min(1),
            name: z.string().min(1),
            enterprise: z.string().min(1),
            latDeg: z.number().min(-90).max(90),
            lonDeg: z.number().min(-180).max(180),
            /**
             * Base URL of that site's core API (https://10.1.2.3:8420; http:// works on a LAN but is
             * shown as not encrypted); absent: shown without live status.
             */
            url: z.string().url().optional(),
            username: z.string().optional(),
            /** Deprecated: set the password in the console (kept encrypted in the vault); one found here is moved there once. */
            password: z.string().optional(),
            /** SHA-256 fingerprint of that core's HTTPS certificate (`AB:CD:…`, 32 bytes): only that certificate is accepted. */
            certSha256: z
              .string()
              .regex(/^(?:[0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}$/, 'a SHA-256 fingerprint: 32 hex bytes, colons optional')
              .optional(),
          })
          .strict(),
      )
      .default([]),
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
    hoist: hoistGeometry.optional(),
    /** HJ 212-2017 identity of a dust/noise monitor that reports over TCP: its MN and access password (PW). */
    hj212: z.object({ mn: z.string().min(1).max(32), password: z.string().max(16) }).strict().optional(),
    /** A gate's zone (e.g. "东区", "地下室"): people who came in through it count there; default the whole site. */
    zone: z.string().min(1).max(64).optional(),
    /**
     * The building it serves (an id in model.buildings), for statistics per building; absent, the
     * building whose footprint holds `position`, if any.
     */
    building: z.string().min(1).max(64).optional(),
  })
  .strict();

const streamUrl = z
  .string()
  .refine((u) => /^(rtsps?:\/\/|testpattern:)/.test(u), 'an rtsp:// URL (or testpattern:?label=… for a simulated camera)');

/** Where a camera answers ONVIF: its device service URL and the media profile PTZ commands name. */
const onvifCameraSchema = z
  .object({
    deviceUrl: z.string().refine((u) => /^https?:\/\/[^\s@]+$/.test(u), 'an http:// or https:// device service URL without credentials'),
    profileToken: z.string().min(1).max(64).optional(),
  })
  .strict();

/** A camera: its streams, where it is and what it looks at (3D view), and the devices it watches. */
const cameraSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." or "-" (at most 64)'),
    name: z.string().min(1),
    /** Main (full resolution) stream. Put no password here: set it in the console, where it is stored encrypted. */
    mainUrl: streamUrl,
    /** Sub (low resolution) stream for grid tiles; main is used when absent. */
    subUrl: streamUrl.optional(),
    position: enuPosition.optional(),
    /** Direction the camera looks, degrees clockwise from site north. */
    headingDeg: z.number().min(-360).max(360).optional(),
    /** Tilt below the horizon, degrees (positive looks down). */
    pitchDeg: z.number().min(-90).max(90).optional(),
    /** Horizontal field of view, degrees. */
    fovDeg: z.number().positive().max(360).optional(),
    /** Devices whose alarms this camera's video is evidence for. */
    linkedDevices: z.array(z.string()).default([]),
    /** Keep a pre-roll buffer so alarms on linked devices get a clip from before the event. */
    recording: z.boolean().default(false),
    /** Transcode to H.264 (for cameras whose codec the browser cannot play); costs CPU. */
    transcode: z.boolean().default(false),
    /** The camera's ONVIF device service (for PTZ); its credentials are the camera's own, set in the console. */
    onvif: onvifCameraSchema.optional(),
    /** PTZ behaviour: the preset (token or name) an alarm on a linked device turns the camera to. */
    ptz: z.object({ alarmPreset: z.string().min(1).max(64).optional() }).strict().optional(),
  })
  .strict();

export type CameraConfig = z.infer<typeof cameraSchema>;

/**
 * Alarm rule settings for the site. Every number has a default in core/alarms/defaults.ts, which
 * says where it comes from; set here only what the site's own rules or contracts change.
 */
const alarmSettings = z
  .object({
    /** Dust limits of the site's jurisdiction (core/alarms/rules/dust-presets.ts). */
    dustPreset: z.enum(['wuhan', 'hebei-db13-2934', 'gb3095-grade2', 'liaoning-tsp-5min']).default('gb3095-grade2'),
    /** MQTT topic escalations are published on (sirens, SMS gateway); default `site/{id}/alarms/escalation`. */
    escalationTopic: z.string().min(1).optional(),
    /**
     * When audit rows leave the live table for signed archive files in DATA/audit-archive: older
     * than `afterDays` (default 400: a year's records plus a quarter for the annual review), or
     * beyond the newest `maxRows` (default 2,000,000).
     */
    auditArchive: z.object({ afterDays: z.number().positive(), maxRows: z.number().int().min(1000) }).partial().strict().optional(),
    /** Unacknowledged this long escalates, minutes per priority; null never. */
    escalateAfterMinutes: z
      .object({ critical: z.number().positive().nullable(), high: z.number().positive().nullable(), medium: z.number().positive().nullable(), low: z.number().positive().nullable() })
      .partial()
      .strict()
      .optional(),
    /** Per crane id: overrides of the load/moment/wind/tilt limits. */
    cranes: z
      .record(
        z.string(),
        z.object({ warningPct: z.number(), overloadPct: z.number(), cutoffPct: z.number(), windWarningMs: z.number(), windAlarmMs: z.number(), tiltLimitDeg: z.number() }).partial().strict(),
      )
      .optional(),
    /** Per hoist id: authorised drivers (others raise "unknown driver"). */
    hoists: z.record(z.string(), z.object({ authorisedDrivers: z.array(z.string()), movingSpeedMs: z.number().positive() }).partial().strict()).optional(),
    /** Per ranging station id: each monitored point's surveyed baseline and limits. */
    ranging: z
      .record(
        z.string(),
        z.record(z.string(), z.object({ baselineM: z.number(), displacementLimitMm: z.number().positive().optional(), rateLimitMmPerDay: z.number().positive().optional() }).strict()),
      )
      .optional(),
    /** Anti-collision safety distance between cranes, metres (GB 5144-2006 §10.5: 2 m). */
    craneSafetyDistanceM: z.number().positive().default(2),
  })
  .strict();

export type AlarmSettings = z.infer<typeof alarmSettings>;

/**
 * Panoramic imaging survey: capture points where a 360° camera is set up again and again, where
 * new panoramas arrive (a watched folder, capture devices polled over HTTP), and the demo seed.
 */
const panoramaSettings = z
  .object({
    points: z
      .array(
        z
          .object({
            id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits or "-" (at most 64; "_" separates the id in file names)'),
            name: z.string().min(1),
            position: enuPosition,
            /** Lens height above the floor, metres; 1.6 m is a typical tripod/monopod set-up. */
            cameraHeightM: z.number().positive().max(50).default(1.6),
            latDeg: z.number().min(-90).max(90).optional(),
            lonDeg: z.number().min(-180).max(180).optional(),
            /** Points shown as hotspots to walk to. */
            neighbours: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .default([]),
    /** A capture whose GPS is within this distance of a point is assigned to it, metres (consumer GPS: ±5–10 m). */
    gpsMatchM: z.number().positive().default(15),
    /** Folder watched for new panoramas (absolute, or relative to the site folder). */
    inbox: z.string().min(1).optional(),
    /** Seconds between looks at the inbox; a file is taken once its size is the same on two looks. */
    inboxPollS: z.number().positive().max(3600).default(2),
    /** A file is taken only once unwritten this long, seconds (a copy that pauses longer than a poll is not taken half-done). */
    inboxSettleS: z.number().min(0).max(3600).default(3),
    /** Largest file accepted, MiB (an 8K JPEG is ~5–15 MiB, an 11K PNG ~200). */
    maxFileMiB: z.number().positive().max(1024).default(80),
    /** Folder of demo panoramas (relative to the site folder) ingested when the store is empty. */
    seed: z.string().min(1).optional(),
    /** Capture devices that expose their latest panorama at an HTTP URL. */
    devices: z
      .array(
        z
          .object({
            id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
            name: z.string().min(1).optional(),
            url: z.string().url(),
            intervalS: z.number().min(5).max(86_400).default(300),
            username: z.string().optional(),
            /** Deprecated: set the password in the console (kept encrypted in the vault); one found here is moved there once. */
            password: z.string().optional(),
            /** Point the device's panoramas belong to (else GPS or file name decides). */
            pointId: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export type PanoramaSettings = z.infer<typeof panoramaSettings>;

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
    cameras: z.array(cameraSchema).default([]),
    model: siteModel.default({ buildings: [], zones: [] }),
    federation: federation.optional(),
    alarms: alarmSettings.default({ dustPreset: 'gb3095-grade2', craneSafetyDistanceM: 2 }),
    panoramas: panoramaSettings.optional(),
    /** Real-name workforce: the attendance rule's versions (core/workforce/attendance-rule-schema.ts). */
    workforce: workforceSettings.optional(),
    /** Construction progress: the project's start and each building's schedule (config/progress-schema.ts). */
    progress: progressSettings.optional(),
    /** Reports: when the schedule makes them, site-local (core/reports/report-settings-schema.ts). */
    reports: reportSettings.optional(),
    /** The supervision platform's uplink (core/uplink/supervision-settings-schema.ts); absent: off. */
    supervision: supervisionSettings.optional(),
  })
  .strict()
  .superRefine((site, ctx) => {
    const seen = new Set<string>();
    site.devices.forEach((device, index) => {
      if (seen.has(device.id)) ctx.addIssue({ code: 'custom', path: ['devices', index, 'id'], message: `duplicate device id "${device.id}"` });
      seen.add(device.id);
    });
    const buildingIds = new Set(site.model.buildings.map((b) => b.id));
    site.devices.forEach((device, index) => {
      if (device.building !== undefined && !buildingIds.has(device.building)) {
        const known = buildingIds.size > 0 ? `one of ${[...buildingIds].join(', ')}` : 'none: model.buildings is empty';
        ctx.addIssue({ code: 'custom', path: ['devices', index, 'building'], message: `no building "${device.building}" in model.buildings (${known})` });
      }
    });
    const cameraIds = new Set<string>();
    site.cameras.forEach((camera, index) => {
      if (cameraIds.has(camera.id)) ctx.addIssue({ code: 'custom', path: ['cameras', index, 'id'], message: `duplicate camera id "${camera.id}"` });
      cameraIds.add(camera.id);
      camera.linkedDevices.forEach((id, j) => {
        if (!seen.has(id)) ctx.addIssue({ code: 'custom', path: ['cameras', index, 'linkedDevices', j], message: `no device "${id}" in devices` });
      });
    });
    const points = new Set(site.panoramas?.points.map((p) => p.id));
    site.panoramas?.points.forEach((point, index) => {
      point.neighbours.forEach((id, j) => {
        if (!points.has(id)) ctx.addIssue({ code: 'custom', path: ['panoramas', 'points', index, 'neighbours', j], message: `no capture point "${id}"` });
      });
    });
    if (site.progress) {
      for (const p of checkProgressSettings(site.progress, site.model.buildings, points)) ctx.addIssue({ code: 'custom', path: ['progress', ...p.path], message: p.message });
    }
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
