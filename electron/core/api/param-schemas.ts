import { z } from 'zod';
import { USER_ROLES, type ApiMethod } from '../../common/api.js';
import { INTERVAL_KINDS } from '../../common/intervals.js';
import { REALNAME_PLATFORM_PARAM_SCHEMAS } from '../realname-platform/realname-param-schemas.js';
import { TRAINING_PARAM_SCHEMAS } from '../workforce/training-param-schemas.js';
import { ATTENDANCE_PARAM_SCHEMAS } from '../workforce/attendance-param-schemas.js';
import { GATE_PARAM_SCHEMAS } from '../workforce/gate-param-schemas.js';
import { STATISTICS_PARAM_SCHEMAS } from '../statistics/param-schemas.js';
import { WORKFORCE_REGISTRY_PARAM_SCHEMAS } from '../workforce/registry-param-schemas.js';
import { PROGRESS_PARAM_SCHEMAS } from '../progress/progress-param-schemas.js';
import { QUALITY_PARAM_SCHEMAS } from '../quality/quality-param-schemas.js';
import { SCREEN_PARAM_SCHEMAS } from '../screens/screen-param-schemas.js';
import { REPORT_PARAM_SCHEMAS } from '../reports/report-param-schemas.js';
import { DATA_PACKAGE_PARAM_SCHEMAS } from '../data-package/package-param-schemas.js';
import { ONVIF_PARAM_SCHEMAS } from '../onvif/onvif-param-schemas.js';
import { UPLINK_PARAM_SCHEMAS } from '../uplink/uplink-param-schemas.js';
import { ADD_BLACKLIST_SCHEMA, REMOVE_BLACKLIST_SCHEMA, UPDATE_DEVICE_SCHEMA } from '../registry/param-schemas.js';

/** Capture ids are `pc-` and 16 hex digits of the file's sha256 (core/panoramas/capture-id.ts). */
const panoramaId = z.string().regex(/^pc-[0-9a-f]{16}$/, 'a capture id (pc- and 16 hex digits)');
const panoramaDirection = z.object({ yawDeg: z.number().min(-360).max(360), pitchDeg: z.number().min(-90).max(90) }).strict();

/** Untrusted input of each API method, checked before a handler sees it. */
export const PARAM_SCHEMAS: Record<ApiMethod, z.ZodType> = {
  ...TRAINING_PARAM_SCHEMAS,
  ...ATTENDANCE_PARAM_SCHEMAS,
  ...WORKFORCE_REGISTRY_PARAM_SCHEMAS,
  ...PROGRESS_PARAM_SCHEMAS,
  ...STATISTICS_PARAM_SCHEMAS,
  ...SCREEN_PARAM_SCHEMAS,
  ...REPORT_PARAM_SCHEMAS,
  ...DATA_PACKAGE_PARAM_SCHEMAS,
  ...ONVIF_PARAM_SCHEMAS,
  ...UPLINK_PARAM_SCHEMAS,
  health: z.undefined().or(z.object({}).strict()),
  getMode: z.undefined().or(z.object({}).strict()),
  login: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
  logout: z.undefined().or(z.object({}).strict()),
  getSite: z.undefined().or(z.object({}).strict()),
  listDevices: z.undefined().or(z.object({}).strict()),
  getTelemetry: z
    .object({
      deviceId: z.string().min(1).max(64),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      limit: z.coerce.number().int().min(1).max(50_000).optional(),
    })
    .strict(),
  listAlarms: z
    .object({
      state: z.enum(['annunciated', 'unacked', 'active', 'shelved', 'all']).optional(),
      priority: z.enum(['critical', 'high', 'medium', 'low']).optional(),
      device: z.string().max(64).optional(),
    })
    .strict()
    .optional(),
  getAlarm: z.object({ id: z.string().min(1).max(200) }).strict(),
  acknowledgeAlarm: z.object({ id: z.string().min(1).max(200), comment: z.string().max(2000).optional() }).strict(),
  acknowledgeAlarms: z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(1000), comment: z.string().max(2000).optional() }).strict(),
  resetAlarm: z.object({ id: z.string().min(1).max(200), comment: z.string().max(2000).optional() }).strict(),
  commentAlarm: z.object({ id: z.string().min(1).max(200), text: z.string().trim().min(1).max(2000) }).strict(),
  shelveAlarm: z.object({ id: z.string().min(1).max(200), reason: z.string().trim().min(1).max(500), minutes: z.number().positive().max(7 * 24 * 60) }).strict(),
  unshelveAlarm: z.object({ id: z.string().min(1).max(200) }).strict(),
  getAlarmKpis: z.undefined().or(z.object({}).strict()),
  verifyAudit: z.undefined().or(z.object({}).strict()),
  startAuditVerification: z.undefined().or(z.object({}).strict()),
  listAuditArchives: z.undefined().or(z.object({}).strict()),
  listAudit: z
    .object({ beforeSeq: z.coerce.number().int().min(1).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() })
    .strict()
    .optional(),
  getEscalationOutbox: z.undefined().or(z.object({}).strict()),
  listUsers: z.undefined().or(z.object({}).strict()),
  listCameras: z.undefined().or(z.object({}).strict()),
  changePassword: z
    .object({ username: z.string().min(1).max(64).optional(), oldPassword: z.string().min(1).max(256).optional(), newPassword: z.string().min(8).max(256) })
    .strict(),
  mediaTicket: z.object({ path: z.string().min(1).max(512) }).strict(),
  getSiteModel: z.undefined().or(z.object({}).strict()),
  setCameraCredentials: z.object({ id: z.string().min(1).max(64), username: z.string().min(1).max(128), password: z.string().max(256) }).strict(),
  takeSnapshot: z.object({ id: z.string().min(1).max(64), quality: z.enum(['main', 'sub']).optional() }).strict(),
  createUser: z
    .object({
      username: z.string().regex(/^[A-Za-z0-9_.-]{2,32}$/, '2–32 letters, digits, "_", "." or "-"'),
      password: z.string().min(8).max(256),
      role: z.enum(USER_ROLES),
    })
    .strict(),
  getHistory: z
    .object({
      deviceId: z.string().min(1).max(64),
      metric: z.string().min(1).max(130),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      maxPoints: z.coerce.number().int().min(2).max(5000).optional(),
    })
    .strict(),
  getDeviceIntervals: z
    .object({
      id: z.string().min(1).max(64),
      kind: z.enum(INTERVAL_KINDS),
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
  listSites: z.undefined().or(z.object({}).strict()),
  setSitePassword: z.object({ id: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
  setPanoramaDevicePassword: z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), password: z.string().min(1).max(256) }).strict(),
  updateDevice: UPDATE_DEVICE_SCHEMA,
  getDeviceDetail: z.object({ id: z.string().min(1).max(64) }).strict(),
  getBlacklist: z.undefined().or(z.object({}).strict()),
  addBlacklistEntry: ADD_BLACKLIST_SCHEMA,
  removeBlacklistEntry: REMOVE_BLACKLIST_SCHEMA,
  setDeviceService: z
    .object({ id: z.string().min(1).max(64), inService: z.boolean(), reason: z.string().trim().min(1).max(500).optional() })
    .strict()
    .refine((r) => r.inService || r.reason !== undefined, { message: 'a reason is needed to take a device out of service', path: ['reason'] }),
  listPanoramaPoints: z.undefined().or(z.object({}).strict()),
  listPanoramaCaptures: z.object({ pointId: z.string().min(1).max(64).optional() }).strict().optional(),
  getPanoramaCapture: z.object({ id: panoramaId }).strict(),
  assignPanoramaCapture: z
    .object({ id: panoramaId, pointId: z.string().min(1).max(64), cameraHeightM: z.number().positive().max(50).optional(), headingDeg: z.number().min(-360).max(360).optional() })
    .strict(),
  getPanoramaQueue: z.undefined().or(z.object({}).strict()),
  listPanoramaMeasurements: z.object({ captureId: panoramaId.optional(), pointId: z.string().min(1).max(64).optional() }).strict().optional(),
  savePanoramaMeasurement: z
    .object({
      captureId: panoramaId,
      kind: z.enum(['distance', 'range', 'height', 'area']),
      points: z.array(panoramaDirection).min(1).max(64),
      label: z.string().trim().max(200).optional(),
      pixelErrorPx: z.number().min(0).max(50).optional(),
    })
    .strict(),
  deletePanoramaMeasurement: z.object({ id: z.coerce.number().int().positive() }).strict(),
  listPanoramaIssues: z.object({ pointId: z.string().min(1).max(64).optional(), status: z.enum(['open', 'in-progress', 'resolved', 'closed']).optional() }).strict().optional(),
  createPanoramaIssue: z
    .object({
      captureId: panoramaId,
      yawDeg: z.number().min(-180).max(180),
      pitchDeg: z.number().min(-90).max(90),
      text: z.string().trim().min(1).max(2000),
      category: z.enum(['quality', 'safety', 'progress']),
      assignee: z.string().trim().max(64).optional(),
    })
    .strict(),
  updatePanoramaIssue: z
    .object({
      id: z.coerce.number().int().positive(),
      status: z.enum(['open', 'in-progress', 'resolved', 'closed']).optional(),
      assignee: z.string().trim().max(64).optional(),
      text: z.string().trim().min(1).max(2000).optional(),
    })
    .strict(),
  exportPanoramaCsv: z.object({ kind: z.enum(['measurements', 'issues']), pointId: z.string().min(1).max(64).optional() }).strict(),
  ...GATE_PARAM_SCHEMAS,
  ...QUALITY_PARAM_SCHEMAS,
  ...REALNAME_PLATFORM_PARAM_SCHEMAS,
};
