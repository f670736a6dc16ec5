import { ApiError, type ClipView, type ApiMethod, type ApiParams, type ApiResult, type HealthReport } from '../../common/api.js';
import type { SiteSummary } from '../../common/site.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { AuthService, Caller } from '../auth/auth-service.js';
import type { Database } from '../store/database.js';
import { createAlarmHandlers } from './alarm-handlers.js';
import type { SiteConfig } from '../config/site-schema.js';
import { prototypesIntact } from '../prototype-guard.js';
import { buildSiteModel } from './site-model.js';
import { createCameraHandlers, type CameraHandlerDeps } from './camera-handlers.js';
import { createSecretHandlers, type SecretHandlerDeps } from '../secrets/secret-handlers.js';
import { createOnvifHandlers } from '../onvif/onvif-handlers.js';
import type { OnvifService } from '../onvif/onvif-service.js';
import type { DeviceStates } from '../devices/device-states.js';
import type { TelemetryQuery } from '../store/telemetry-query.js';
import { DEFAULT_MAX_POINTS, HistoryQuery } from '../store/history-query.js';
import { IntervalQuery } from '../store/interval-query.js';
import { createIntervalHandlers } from './interval-handlers.js';
import { describeMetrics, resolveMetric } from '../store/metrics.js';
import { DEFAULT_RETENTION } from '../store/retention.js';
import type { DeviceRegistry } from '../registry/device-registry.js';
import { createRegistryHandlers } from '../registry/registry-handlers.js';
import { createPanoramaHandlers } from '../panoramas/panorama-handlers.js';
import { createAuthHandlers } from '../auth/auth-handlers.js';
import type { PanoramaService } from '../panoramas/panorama-service.js';
import type { WorkforceWiring } from '../wiring/workforce.js';
import { createTrainingHandlers } from '../workforce/training-handlers.js';
import { createAttendanceHandlers } from '../workforce/attendance-handlers.js';
import { createGateHandlers } from '../workforce/gate-handlers.js';
import { createWorkforceRegistryHandlers } from '../workforce/registry-handlers.js';
import { createProgressHandlers } from '../progress/progress-handlers.js';
import type { ProgressService } from '../progress/progress-service.js';
import { withProgressFloors } from '../progress/model-floors.js';
import { createQualityHandlers } from '../quality/quality-handlers.js';
import type { QualityWiring } from '../wiring/quality.js';
import { createStatisticsHandlers } from '../statistics/statistics-handlers.js';
import { createUplinkHandlers } from '../uplink/uplink-handlers.js';
import type { SupervisionUplink } from '../uplink/supervision-uplink.js';
import type { StatisticsQueries } from '../statistics/statistics-queries.js';
import { createScreenHandlers, type ScreenHandlerDeps } from '../screens/screen-handlers.js';
import { createReportHandlers, type ReportHandlerDeps } from '../reports/report-handlers.js';
import { createRealnamePlatformHandlers } from '../realname-platform/realname-handlers.js';
import type { RealnameService } from '../realname-platform/realname-service.js';
import type { Logger } from '../log/logger.js';
import { createDataPackageHandlers, type DataPackageHandlerDeps } from '../data-package/package-handlers.js';

/** What a transport knows about the request it is serving. */
export interface RequestContext {
  caller: Caller | null;
  token: string | null;
  /** The client's address (`ipc` for the desktop shell), for login throttling per address. */
  address?: string;
}

export type ApiHandlers = {
  [M in ApiMethod]: (params: ApiParams<M>, context: RequestContext) => Promise<ApiResult<M>>;
};

export interface HandlerDeps {
  version: string;
  auth: AuthService;
  devices: DeviceStates;
  telemetry: TelemetryQuery;
  services: () => HealthReport['services'];
  /** This run of the core and how it serves (absent in tests that build handlers alone). */
  boot?: Pick<HealthReport, 'bootId' | 'pid' | 'transport'>;
  site: () => SiteSummary;
  alarms: AlarmService;
  db: Database;
  cameras: CameraHandlerDeps;
  /** Evidence clips attached to an alarm occurrence. */
  clipsOf?: (alarmId: string) => ClipView[];
  siteConfig: () => SiteConfig;
  /** Chart series; absent: built on `db` with the default raw retention. */
  history?: HistoryQuery;
  /** HJ 212 minute, hour and day data; absent: built on `db` when first used. */
  intervals?: IntervalQuery;
  /** The multi-site overview and the passwords of other systems (federation peers, panorama devices) in the vault. */
  secrets?: SecretHandlerDeps;
  /** Registry overrides and the blacklist (core/registry), already attached to `devices`. */
  registry: DeviceRegistry;
  /** The real-name workforce (store, files); absent in tests that build handlers alone. */
  workforce?: WorkforceWiring;
  /** Panoramic imaging; absent: its methods answer "not available". */
  panoramas?: PanoramaService;
  /** Construction progress (schedules, completions, delay); absent: its methods answer "not available". */
  progress?: ProgressService;
  /** Inspections and rectification notices; absent: their methods answer "not available". */
  quality?: QualityWiring;
  /** Statistics read models; absent: their methods answer "not available". */
  statistics?: StatisticsQueries;
  /** Wall screens (core/screens); absent: their methods answer "not available". */
  screens?: ScreenHandlerDeps;
  /** Reports (core/wiring/reports.ts); absent: their methods answer "not available". */
  reports?: ReportHandlerDeps;
  /** Data packages and the site's signing key (core/wiring/data-package.ts); absent: "not available". */
  dataPackages?: DataPackageHandlerDeps;
  /** ONVIF discovery, adding cameras, PTZ; absent: its methods answer "not available". */
  onvif?: OnvifService;
  /** The national real-name platform uplink (core/wiring/realname-platform.ts); absent: its methods answer "not available". */
  realnamePlatform?: { service: RealnameService; log: Logger };
  /** The supervision uplink (core/uplink); absent: its methods answer "not available". */
  uplink?: SupervisionUplink;
}

/** The server side of the contract, behind the HTTP/WebSocket transport. */
export function createApiHandlers(deps: HandlerDeps): ApiHandlers {
  const history = deps.history ?? new HistoryQuery(deps.db, { rawKeptMs: DEFAULT_RETENTION.rawDays * 86_400_000 });
  return {
    ...createAlarmHandlers(deps.alarms, deps.db, deps.clipsOf),
    ...createCameraHandlers(deps.cameras),
    ...createOnvifHandlers(deps.onvif, (id) => deps.devices.has(id)),
    ...createSecretHandlers(deps.secrets),
    ...createRegistryHandlers(deps.registry, deps.devices, deps.siteConfig),
    ...createPanoramaHandlers(deps.panoramas),
    ...createTrainingHandlers(deps.workforce && { training: deps.workforce.training, endpoint: deps.workforce.endpoint }),
    ...createAttendanceHandlers(deps.workforce?.attendance, () => deps.auth.mediaTickets),
    ...createWorkforceRegistryHandlers(deps.workforce?.registry),
    ...createAuthHandlers(deps.auth),
    ...createGateHandlers(deps.workforce?.gates),
    ...createProgressHandlers(deps.progress),
    ...createQualityHandlers(deps.quality),
    ...createStatisticsHandlers(deps.statistics),
    ...createScreenHandlers(deps.screens),
    ...createReportHandlers(deps.reports),
    ...createRealnamePlatformHandlers(deps.realnamePlatform),
    ...createUplinkHandlers(deps.uplink),
    ...createDataPackageHandlers(deps.dataPackages),
    ...createIntervalHandlers(() => (deps.intervals ??= new IntervalQuery(deps.db)), deps.devices),
    async getSiteModel() {
      const model = buildSiteModel(deps.siteConfig());
      return deps.progress ? withProgressFloors(model, deps.progress) : model;
    },
    async listUsers() {
      return deps.auth.listUsers();
    },
    async createUser({ username, password, role }) {
      await deps.auth.createUser(username, password, role);
      const created = deps.auth.listUsers().find((u) => u.username.toLowerCase() === username.toLowerCase());
      if (!created) throw new ApiError('internal', 'user not created');
      return created;
    },
    async getMode() {
      return { mode: 'site' as const };
    },
    async health() {
      const services = deps.services();
      const intact = prototypesIntact();
      const degraded = !intact || Object.values(services).some((s) => s === 'failed');
      return { status: degraded ? 'degraded' : 'ok', version: deps.version, services, prototypesIntact: intact, ...deps.boot };
    },
    async login(params, context) {
      return deps.auth.login(params.username, params.password, context.address);
    },
    async logout(_params, context) {
      if (context.token) deps.auth.logout(context.token);
      return { ok: true };
    },
    async getSite() {
      return deps.site();
    },
    async listDevices() {
      return deps.devices.list();
    },
    async getTelemetry(query) {
      if (!deps.devices.has(query.deviceId)) throw new ApiError('not-found', `no device "${query.deviceId}" on this site`, 'deviceId');
      const to = query.to ? Date.parse(query.to) : Date.now();
      const from = query.from ? Date.parse(query.from) : to - 3600_000;
      if (from > to) throw new ApiError('bad-request', '"from" is after "to"', 'from');
      return deps.telemetry.between(query.deviceId, from, to, query.limit ?? 5000);
    },
    async getHistory(query) {
      const kind = deps.devices.kindOf(query.deviceId);
      if (!kind) throw new ApiError('not-found', `no device "${query.deviceId}" on this site`, 'deviceId');
      const ref = resolveMetric(kind, query.metric);
      if (!ref) throw new ApiError('bad-request', `"${query.metric}" is not a metric of ${query.deviceId}; ${describeMetrics(kind)}`, 'metric');
      const to = query.to ? Date.parse(query.to) : Date.now();
      const from = query.from ? Date.parse(query.from) : to - 3600_000;
      if (from > to) throw new ApiError('bad-request', '"from" is after "to"', 'from');
      return history.series({ deviceId: query.deviceId, metric: query.metric, ref, from, to, maxPoints: query.maxPoints ?? DEFAULT_MAX_POINTS });
    },
  };
}
