/**
 * The one contract between the site core and every UI (Electron renderer, web console,
 * integrations). The interface *is* the protocol: the HTTP routes, the Electron IPC channel
 * names and the renderer's clients are all derived from `API_ROUTES` below, never hand-typed.
 */
import type { Alarm, AlarmEvent, AlarmKpis, AlarmPriority } from './alarms.js';
import type { IntervalQuery, IntervalSeries } from './intervals.js';
import type { DeviceView, EnuPosition, SiteSummary, SourceStatus } from './site.js';
import type { SiteModel } from './site-model.js';
import type { TelemetryRecord } from './telemetry.js';
import type {
  PanoramaCaptureView,
  PanoramaIssueCategory,
  PanoramaIssueStatus,
  PanoramaIssueView,
  PanoramaMeasurementView,
  PanoramaPointView,
  PanoramaProgress,
  PanoramaQueueView,
} from './panorama/types.js';
import type { MeasurementKind } from './panorama/measure.js';

export type ServiceState = 'stopped' | 'starting' | 'running' | 'failed' | 'stopping';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  services: Record<string, ServiceState>;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface SessionInfo {
  token: string;
  username: string;
  role: UserRole;
  /** UTC epoch ms after which the token stops working. */
  expiresAt: number;
}

export type UserRole = 'admin' | 'operator' | 'safety' | 'manager' | 'viewer';

export interface TelemetryQuery {
  deviceId: string;
  /** ISO-8601; default 1 hour before `to`. */
  from?: string;
  /** ISO-8601; default now. */
  to?: string;
  /** At most this many newest readings; default 5,000, max 50,000. */
  limit?: number;
}

/** Which alarms to list. `annunciated` (default): what the operator must see — not normal, not shelved/suppressed/out of service. */
export interface AlarmQuery {
  state?: 'annunciated' | 'unacked' | 'active' | 'shelved' | 'all';
  priority?: AlarmPriority;
  device?: string;
}

/** One row of the append-only alarm audit log (hash-chained; see GET /api/audit/verify). */
export interface AuditEntryView {
  seq: number;
  at: number;
  eventType: string;
  alarmId: string;
  conditionKey: string;
  sourceDevice: string;
  priority: string;
  actor: string;
  actorRole: string;
  text: string | null;
  state: string;
  hash: string;
}

/** Video evidence attached to an alarm: pre-roll + post-roll from a linked camera. */
export interface ClipView {
  cameraId: string;
  file: string;
  startedAt: number;
  durationSec: number;
  bytes: number;
  /** GET with the bearer token, or `?token=` in a <video> element. */
  url: string;
}

export interface AlarmDetail {
  alarm: Alarm;
  /** This occurrence's events, oldest first. */
  history: AuditEntryView[];
  /** Evidence clips (written about 20 s after activation, when a linked camera records). */
  clips: ClipView[];
}

export interface BulkAckReply {
  acknowledged: Alarm[];
  refused: { alarmId: string; error: string }[];
}

export type AuditVerifyReply = { ok: true; rows: number; headHash: string } | { ok: false; rows: number; brokenSeq: number; reason: string };

export interface UserView {
  username: string;
  role: UserRole;
  createdAt: number;
}

/** One camera stream's state for the wall: why it is offline, and a bitrate/fps readout. */
export interface StreamStatusView {
  state: 'idle' | 'starting' | 'live' | 'offline';
  since: number;
  /** Why it is offline, in words (connection refused, timed out, authentication failed, not found, no video…). */
  reason?: string;
  fps?: number;
  bitrateKbps?: number;
  codec?: string;
  width?: number;
  height?: number;
  subscribers: number;
}

/** A camera as the console lists it. URLs never carry credentials. */
export interface CameraView {
  id: string;
  name: string;
  mainUrl: string;
  subUrl?: string;
  hasCredentials: boolean;
  position?: { e: number; n: number; u: number };
  headingDeg?: number;
  pitchDeg?: number;
  fovDeg?: number;
  linkedDevices: string[];
  recording: boolean;
  streams: { main?: StreamStatusView; sub?: StreamStatusView };
  /** Why no video can be shown at all (e.g. ffmpeg is not installed), in words. */
  unavailable?: string;
}

export interface SnapshotInfo {
  cameraId: string;
  takenAt: number;
  file: string;
  bytes: number;
  /** GET it with the bearer token (or `?token=` for an <img>). */
  url: string;
}

/** One chart series request: a device's metric over a window. */
export interface HistoryQuery {
  deviceId: string;
  /** A numeric field of the device's readings (`loadT`, `pm10`…); ranging stations: `distanceM:POINT`. */
  metric: string;
  /** ISO-8601; default 1 hour before `to`. */
  from?: string;
  /** ISO-8601; default now. */
  to?: string;
  /** At most this many points; default 500, 2–5,000. */
  maxPoints?: number;
}

/** One bucket of a history series: the metric's min, max and mean over `count` readings, in the metric's unit. */
export interface HistoryPoint {
  /** UTC epoch ms of the bucket's start (buckets are aligned to multiples of `bucketMs`). */
  t: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface HistorySeries {
  deviceId: string;
  metric: string;
  /** The window asked for, UTC epoch ms (the first bucket may start before `from`). */
  from: number;
  to: number;
  /** Width of each point's bucket, ms. */
  bucketMs: number;
  /** `raw`: readings (windows up to 2 h); `rollup`: 1-minute rollups merged into buckets. */
  source: 'raw' | 'rollup';
  /** Buckets with data only, oldest first; a gap in the data is a gap in `t`. */
  points: HistoryPoint[];
}

/**
 * A device's registry fields as the installer's site file gives them, or as an admin has edited
 * them in the console (the edits are stored on top of the site file, which stays the baseline).
 */
export interface DeviceIdentity {
  name: string;
  /** Product model, as on the nameplate. */
  model?: string;
  supplier?: string;
  serial?: string;
  /** Calendar dates, YYYY-MM-DD (site-local). */
  installedOn?: string;
  calibratedOn?: string;
  /** ENU metres from the site origin. */
  position?: EnuPosition;
  /** Seconds between reports; offline after 3× this. */
  expectedIntervalS: number;
}

/**
 * An admin's edit of one device. A field left out stays as it is; `null` puts it back to the
 * site file's value (and for optional fields with none there, clears it).
 */
export type DeviceUpdate = { id: string } & { [K in keyof DeviceIdentity]?: DeviceIdentity[K] | null };

/** One registry edit: who made it, when, and each field's value before and after. */
export interface DeviceChange {
  seq: number;
  deviceId: string;
  /** UTC epoch ms. */
  at: number;
  actor: string;
  actorRole: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** A line to draw on a device's history chart where an alarm rule applies, in the metric's unit. */
export interface ChartLimit {
  metric: string;
  value: number;
  priority: AlarmPriority;
  /** What the line is, in words (e.g. "110 % cut-off", "PM10 1-hour mean 150 µg/m³ (Wuhan)"). */
  label: string;
}

/** A device's level-3 record: live view, baseline, which fields are edited, change log, chart metrics and limits. */
export interface DeviceDetail {
  device: DeviceView;
  /** The site file's values. */
  baseline: DeviceIdentity;
  /** Fields whose value comes from an admin's edit rather than the site file. */
  overridden: (keyof DeviceIdentity)[];
  /** Newest first, at most 50. */
  changes: DeviceChange[];
  /** History metrics of this device (`getHistory`'s `metric`). */
  metrics: string[];
  limits: ChartLimit[];
}

/**
 * The regulator's blacklist (黑名单) of data-collection equipment: a product model, a supplier,
 * or both (then only that supplier's model). Matched trimmed, ignoring case and repeated spaces.
 */
export interface BlacklistEntry {
  id: number;
  model: string | null;
  supplier: string | null;
  reason: string;
  createdBy: string;
  /** UTC epoch ms. */
  createdAt: number;
}

/** Methods every transport offers. Each takes at most one plain-object parameter. */
export interface SiteCommandApi {
  health(): Promise<HealthReport>;
  login(request: LoginRequest): Promise<SessionInfo>;
  logout(): Promise<{ ok: true }>;
  getSite(): Promise<SiteSummary>;
  listDevices(): Promise<DeviceView[]>;
  getTelemetry(query: TelemetryQuery): Promise<TelemetryRecord[]>;
  listAlarms(query?: AlarmQuery): Promise<Alarm[]>;
  getAlarm(request: { id: string }): Promise<AlarmDetail>;
  /** Critical and high need a comment (who acknowledged and why is the point of the record). */
  acknowledgeAlarm(request: { id: string; comment?: string }): Promise<Alarm>;
  acknowledgeAlarms(request: { ids: string[]; comment?: string }): Promise<BulkAckReply>;
  /** Clears a latched alarm whose condition has returned to normal (safety officer, admin). */
  resetAlarm(request: { id: string; comment?: string }): Promise<Alarm>;
  commentAlarm(request: { id: string; text: string }): Promise<Alarm>;
  /** Hides an alarm point until `minutes` from now (safety officer, admin). */
  shelveAlarm(request: { id: string; reason: string; minutes: number }): Promise<Alarm>;
  unshelveAlarm(request: { id: string }): Promise<Alarm>;
  getAlarmKpis(): Promise<AlarmKpis>;
  verifyAudit(): Promise<AuditVerifyReply>;
  listUsers(): Promise<UserView[]>;
  createUser(request: { username: string; password: string; role: UserRole }): Promise<UserView>;
  listCameras(): Promise<CameraView[]>;
  /** Stores a camera's user name and password encrypted at rest (admin). */
  setCameraCredentials(request: { id: string; username: string; password: string }): Promise<CameraView>;
  /** A JPEG of the camera's current frame, saved with its time and camera. */
  takeSnapshot(request: { id: string; quality?: 'main' | 'sub' }): Promise<SnapshotInfo>;
  /** Min/max/avg series of one metric for charts (hour, day, week…); 404 unknown device, 400 unknown metric. */
  getHistory(query: HistoryQuery): Promise<HistorySeries>;
  /**
   * A monitor's own minute, hour or day aggregates (HJ 212 CN 2051/2061/2031), kept apart from its
   * real-time readings (common/intervals.ts); 404 unknown device, 400 bad kind or window.
   */
  getDeviceIntervals(query: IntervalQuery): Promise<IntervalSeries>;
  /** The site's geometry for the 3D and GIS views. */
  getSiteModel(): Promise<SiteModel>;
  /** The projects this site oversees (its `federation` block), with each one's live status; answered from a ~10 s cache. */
  listSites(): Promise<SitesReply>;
  /** Edits a device's registry fields on top of the site file (admin); 404 unknown device. Pushes a `device` live event. */
  updateDevice(request: DeviceUpdate): Promise<DeviceView>;
  /** One device's registry record, change log, history metrics and chart limits. */
  getDeviceDetail(request: { id: string }): Promise<DeviceDetail>;
  /** Blacklist entries in force, newest first. */
  getBlacklist(): Promise<BlacklistEntry[]>;
  /** Adds a model and/or supplier to the blacklist (admin); matching devices' data stops counting for compliance. */
  addBlacklistEntry(request: { model?: string; supplier?: string; reason: string }): Promise<BlacklistEntry>;
  /** Lifts an entry (admin); the row is kept with who lifted it and when. */
  removeBlacklistEntry(request: { id: number }): Promise<{ ok: true }>;
  /** Takes a device out of service (its alarms suppressed by design) or back (safety, admin). */
  setDeviceService(request: { id: string; inService: boolean; reason?: string }): Promise<DeviceView>;
  /** Capture points of the panorama survey, with how many captures each has. */
  listPanoramaPoints(): Promise<PanoramaPointView[]>;
  /** Captures, newest first; of one point, or `unassigned` for those with none. Upload: POST /api/panoramas (raw body). */
  listPanoramaCaptures(query?: { pointId?: string }): Promise<PanoramaCaptureView[]>;
  getPanoramaCapture(request: { id: string }): Promise<PanoramaCaptureView>;
  /** Assigns a capture to a point by hand, optionally with its own camera height (m) and heading (°). */
  assignPanoramaCapture(request: { id: string; pointId: string; cameraHeightM?: number; headingDeg?: number }): Promise<PanoramaCaptureView>;
  getPanoramaQueue(): Promise<PanoramaQueueView>;
  listPanoramaMeasurements(query?: { captureId?: string; pointId?: string }): Promise<PanoramaMeasurementView[]>;
  /** The core recomputes value and uncertainty from the directions (common/panorama/measure.ts). */
  savePanoramaMeasurement(request: {
    captureId: string;
    kind: MeasurementKind;
    points: { yawDeg: number; pitchDeg: number }[];
    label?: string;
    pixelErrorPx?: number;
  }): Promise<PanoramaMeasurementView>;
  deletePanoramaMeasurement(request: { id: number }): Promise<{ ok: true }>;
  /** Issues of a point (all its captures) or of the whole site. */
  listPanoramaIssues(query?: { pointId?: string; status?: PanoramaIssueStatus }): Promise<PanoramaIssueView[]>;
  createPanoramaIssue(request: {
    captureId: string;
    yawDeg: number;
    pitchDeg: number;
    text: string;
    category: PanoramaIssueCategory;
    assignee?: string;
  }): Promise<PanoramaIssueView>;
  updatePanoramaIssue(request: { id: number; status?: PanoramaIssueStatus; assignee?: string; text?: string }): Promise<PanoramaIssueView>;
  /** CSV (UTF-8 with BOM) of measurements or issues, optionally of one point. */
  exportPanoramaCsv(request: { kind: 'measurements' | 'issues'; pointId?: string }): Promise<{ filename: string; csv: string }>;
}

export type ApiMethod = keyof SiteCommandApi;
export type ApiParams<M extends ApiMethod> = Parameters<SiteCommandApi[M]> extends [] ? undefined : Parameters<SiteCommandApi[M]>[0];
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<SiteCommandApi[M]>>;

export interface RouteSpec {
  verb: 'GET' | 'POST' | 'DELETE';
  /** Path with `:name` segments that fill the parameter object's fields of the same name. */
  path: string;
  /** Whether a session token is required (true unless stated). */
  auth: boolean;
  /** Roles allowed; absent = any logged-in user (finer checks, e.g. alarm actions, are in the core). */
  roles?: readonly UserRole[];
}

export const API_ROUTES = {
  health: { verb: 'GET', path: '/api/health', auth: false },
  login: { verb: 'POST', path: '/api/session', auth: false },
  logout: { verb: 'DELETE', path: '/api/session', auth: true },
  getSite: { verb: 'GET', path: '/api/site', auth: true },
  listDevices: { verb: 'GET', path: '/api/devices', auth: true },
  getTelemetry: { verb: 'GET', path: '/api/telemetry/:deviceId', auth: true },
  listAlarms: { verb: 'GET', path: '/api/alarms', auth: true },
  acknowledgeAlarms: { verb: 'POST', path: '/api/alarms/ack', auth: true },
  getAlarm: { verb: 'GET', path: '/api/alarms/:id', auth: true },
  acknowledgeAlarm: { verb: 'POST', path: '/api/alarms/:id/ack', auth: true },
  resetAlarm: { verb: 'POST', path: '/api/alarms/:id/reset', auth: true },
  commentAlarm: { verb: 'POST', path: '/api/alarms/:id/comment', auth: true },
  shelveAlarm: { verb: 'POST', path: '/api/alarms/:id/shelve', auth: true },
  unshelveAlarm: { verb: 'POST', path: '/api/alarms/:id/unshelve', auth: true },
  getAlarmKpis: { verb: 'GET', path: '/api/alarm-kpis', auth: true },
  verifyAudit: { verb: 'GET', path: '/api/audit/verify', auth: true },
  listUsers: { verb: 'GET', path: '/api/users', auth: true, roles: ['admin'] },
  createUser: { verb: 'POST', path: '/api/users', auth: true, roles: ['admin'] },
  listCameras: { verb: 'GET', path: '/api/cameras', auth: true },
  setCameraCredentials: { verb: 'POST', path: '/api/cameras/:id/credentials', auth: true, roles: ['admin'] },
  takeSnapshot: { verb: 'POST', path: '/api/cameras/:id/snapshot', auth: true },
  getHistory: { verb: 'GET', path: '/api/history/:deviceId/:metric', auth: true },
  getDeviceIntervals: { verb: 'GET', path: '/api/devices/:id/intervals', auth: true },
  getSiteModel: { verb: 'GET', path: '/api/site-model', auth: true },
  listSites: { verb: 'GET', path: '/api/sites', auth: true },
  updateDevice: { verb: 'POST', path: '/api/devices/:id', auth: true, roles: ['admin'] },
  getDeviceDetail: { verb: 'GET', path: '/api/devices/:id', auth: true },
  getBlacklist: { verb: 'GET', path: '/api/blacklist', auth: true },
  addBlacklistEntry: { verb: 'POST', path: '/api/blacklist', auth: true, roles: ['admin'] },
  removeBlacklistEntry: { verb: 'DELETE', path: '/api/blacklist/:id', auth: true, roles: ['admin'] },
  setDeviceService: { verb: 'POST', path: '/api/devices/:id/service', auth: true, roles: ['admin', 'safety'] },
  listPanoramaPoints: { verb: 'GET', path: '/api/panorama-points', auth: true },
  listPanoramaCaptures: { verb: 'GET', path: '/api/panorama-captures', auth: true },
  getPanoramaCapture: { verb: 'GET', path: '/api/panorama-captures/:id', auth: true },
  assignPanoramaCapture: { verb: 'POST', path: '/api/panorama-captures/:id/assign', auth: true, roles: ['admin', 'operator', 'safety', 'manager'] },
  getPanoramaQueue: { verb: 'GET', path: '/api/panorama-queue', auth: true },
  listPanoramaMeasurements: { verb: 'GET', path: '/api/panorama-measurements', auth: true },
  savePanoramaMeasurement: { verb: 'POST', path: '/api/panorama-measurements', auth: true, roles: ['admin', 'operator', 'safety', 'manager'] },
  deletePanoramaMeasurement: { verb: 'DELETE', path: '/api/panorama-measurements/:id', auth: true, roles: ['admin', 'operator', 'safety', 'manager'] },
  listPanoramaIssues: { verb: 'GET', path: '/api/panorama-issues', auth: true },
  createPanoramaIssue: { verb: 'POST', path: '/api/panorama-issues', auth: true, roles: ['admin', 'operator', 'safety', 'manager'] },
  updatePanoramaIssue: { verb: 'POST', path: '/api/panorama-issues/:id', auth: true, roles: ['admin', 'operator', 'safety', 'manager'] },
  exportPanoramaCsv: { verb: 'GET', path: '/api/panorama-export/:kind', auth: true },
} as const satisfies Record<ApiMethod, RouteSpec>;

export const API_METHODS = Object.keys(API_ROUTES) as ApiMethod[];

/** Electron IPC channel for a method; derived so main and preload cannot disagree. */
export function ipcChannelFor(method: ApiMethod): string {
  return `site-command:${method}`;
}

/** Channel a logged-in Electron renderer calls (with its token) to start receiving live events. */
export const IPC_LIVE_START_CHANNEL = 'site-command:live-start';

/** Channel on which the core pushes live events to an Electron renderer (arrays, batched). */
export const IPC_LIVE_CHANNEL = 'site-command:live';

/** Live events pushed to UIs (WebSocket `/api/live`, Electron IPC). */
export type LiveEvent =
  | { type: 'telemetry'; record: TelemetryRecord }
  | { type: 'device'; device: DeviceView }
  | { type: 'source'; source: SourceStatus }
  /** Events this client missed because it could not keep up; the UI says so. */
  | { type: 'dropped'; count: number }
  /** Something happened to an alarm (activated, acknowledged, reset, escalated…). */
  | { type: 'alarm'; event: AlarmEvent }
  /** Workers inside the site changed (real-name gate passages). */
  | { type: 'roster'; onSite: number }
  /** Sent once when the live channel is authenticated and subscribed. */
  | { type: 'ready' }
  /** Panorama processing progress ("processing 3/5"). */
  | { type: 'panorama'; progress: PanoramaProgress }
  /**
   * An admin's registry edit moved or renamed a device: `getSiteModel` now answers differently,
   * and the 3D and GIS views fetch it again (the core already applies it to anti-collision).
   */
  | { type: 'siteModelChanged'; deviceId: string; fields: SiteModelField[] };

/** Registry fields that the site model carries, so editing one changes what the 3D and GIS views draw. */
export type SiteModelField = 'name' | 'position';

/** Messages a web client sends on the live socket. */
export type LiveClientMessage = { type: 'auth'; token: string };

/** Error body of every failed API call, and the shape IPC errors are re-thrown with. */
export interface ApiErrorBody {
  error: string;
  /** Machine-readable reason: `unauthorized`, `forbidden`, `bad-request`, `not-found`, `conflict`, `rate-limited`, `internal`. */
  code: ApiErrorCode;
  /** Which field of the request was wrong, where it applies. */
  field?: string;
}

export type ApiErrorCode = 'unauthorized' | 'forbidden' | 'bad-request' | 'not-found' | 'conflict' | 'rate-limited' | 'internal';

export const HTTP_STATUS_FOR_ERROR: Record<ApiErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  internal: 500,
};

/** Error carrying an API error code, thrown by the core and by both client transports. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { error: this.message, code: this.code }
      : { error: this.message, code: this.code, field: this.field };
  }
}

/** Fills `:name` segments of a route path from the parameter object; returns the path and the rest. */
export function fillRoutePath(path: string, params: Record<string, unknown> | undefined): { path: string; rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = { ...(params ?? {}) };
  const filled = path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = rest[name];
    delete rest[name];
    if (value === undefined || value === null || value === '') throw new ApiError('bad-request', `missing ${name}`, name);
    return encodeURIComponent(String(value));
  });
  return { path: filled, rest };
}

/**
 * Whether a project's live status could be read. `ok`: read (from this core, or from the project's
 * core within the timeout); `not-configured`: the site file gives no URL (or no credentials) for it;
 * `auth-failed`: its core refused the configured user name/password; `unreachable`: no answer, a
 * refused connection, a timeout or an error reply; `pending`: first contact still under way.
 */
export type SiteLinkStatus = 'ok' | 'unreachable' | 'not-configured' | 'auth-failed' | 'pending';

/** Live figures of one project, as its core reports them. */
export interface SiteLiveStatus {
  /** Annunciated alarms (not normal, not shelved/suppressed/out of service) by priority. */
  alarmsByPriority: Record<AlarmPriority, number>;
  /** Of those, still unacknowledged. */
  unackedAlarms: number;
  /** Workers inside the site by real-name gate passages. */
  workersOnSite: number;
  /** Latest PM10 over the site's dust monitors (the highest of their last readings), µg/m³; null when none reports. */
  pm10UgM3: number | null;
  /** UTC epoch ms when these figures were read. */
  readAt: number;
}

/** One project of the federation, where it is and how it is doing. */
export interface SiteEntry {
  id: string;
  name: string;
  enterprise: string;
  latDeg: number;
  lonDeg: number;
  /** This core's own site (status from its own state, and a 3D model behind `#/site3d`). */
  self: boolean;
  status: SiteLinkStatus;
  /** Why the status is not `ok`, in words (connection refused, timed out after 3 s, HTTP 401…). */
  reason?: string;
  /** The last figures read; kept (with their `readAt`) while a remote is unreachable. Null when never read. */
  live: SiteLiveStatus | null;
  /** When the status was last checked, UTC epoch ms. */
  checkedAt: number | null;
}

/** The overview tree for the supervising authority and the enterprises: authority → enterprises → projects. */
export interface SitesReply {
  /** The supervising authority's name from the site file; null when it gives none. */
  authority: string | null;
  enterprises: { name: string; projects: SiteEntry[] }[];
}
