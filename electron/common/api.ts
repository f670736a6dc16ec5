/**
 * The one contract between the site core and every UI (desktop window, web console,
 * integrations). The interface *is* the protocol: the HTTP routes and the renderer's client are
 * derived from `API_ROUTES` below, never hand-typed.
 *
 * Each area's types, methods and route entries live in `api/<area>.ts`; this file assembles them
 * into one interface and one route table, and re-exports everything, so importers need only it.
 */
import { ALARM_ROUTES, type AlarmsApi } from './api/alarms.js';
import { ATTENDANCE_ROUTES, type AttendanceApi } from './api/attendance.js';
import { AUTH_ROUTES, type AuthApi } from './api/auth.js';
import { CAMERA_ROUTES, type CamerasApi } from './api/cameras.js';
import { DEVICE_ROUTES, type DevicesApi } from './api/devices.js';
import { FEDERATION_ROUTES, type FederationApi } from './api/federation.js';
import { GATE_ROUTES, type GatesApi } from './api/gates.js';
import { ONVIF_ROUTES, type OnvifApi } from './api/onvif.js';
import { PANORAMA_ROUTES, type PanoramasApi } from './api/panoramas.js';
import { PROGRESS_ROUTES, type ProgressApi } from './api/progress.js';
import { QUALITY_ROUTES, type QualityApi } from './api/quality.js';
import { REALNAME_PLATFORM_ROUTES, type RealnamePlatformApi } from './api/realname-platform.js';
import { REPORT_ROUTES, type ReportsApi } from './api/reports.js';
import { DATA_PACKAGE_ROUTES, type DataPackageApi } from './api/data-package.js';
import type { RouteSpec } from './api/route-spec.js';
import { SCREEN_ROUTES, type ScreensApi } from './api/screens.js';
import { SITE_ROUTES, type SiteApi } from './api/site.js';
import { STATISTICS_ROUTES, type StatisticsApi } from './api/statistics.js';
import { TELEMETRY_ROUTES, type TelemetryApi } from './api/telemetry.js';
import { TRAINING_ROUTES, type TrainingApi } from './api/training.js';
import { UPLINK_ROUTES, type UplinkApi } from './api/uplink.js';
import { WORKFORCE_REGISTRY_ROUTES, type WorkforceRegistryApi } from './api/workforce.js';

export * from './api/alarms.js';
export * from './api/attendance.js';
export * from './api/auth.js';
export * from './api/cameras.js';
export * from './api/devices.js';
export * from './api/errors.js';
export * from './api/federation.js';
export * from './api/gates.js';
export * from './api/live.js';
export * from './api/onvif.js';
export * from './api/panoramas.js';
export * from './api/progress.js';
export * from './api/quality.js';
export * from './api/realname-platform.js';
export * from './api/reports.js';
export * from './api/data-package.js';
export * from './api/route-spec.js';
export * from './api/screens.js';
export * from './api/site.js';
export * from './api/statistics.js';
export * from './api/uplink.js';
export * from './api/telemetry.js';
export * from './api/training.js';
export * from './api/workforce.js';

/** Methods every transport offers. Each takes at most one plain-object parameter. */
export interface SiteCommandApi
  extends SiteApi,
    AuthApi,
    DevicesApi,
    TelemetryApi,
    AlarmsApi,
    CamerasApi,
    FederationApi,
    PanoramasApi,
    WorkforceRegistryApi,
    GatesApi,
    AttendanceApi,
    TrainingApi,
    ProgressApi,
    QualityApi,
    StatisticsApi,
    ScreensApi,
    ReportsApi,
    OnvifApi,
    RealnamePlatformApi,
    UplinkApi,
    DataPackageApi {}

export type ApiMethod = keyof SiteCommandApi;
export type ApiParams<M extends ApiMethod> = Parameters<SiteCommandApi[M]> extends [] ? undefined : Parameters<SiteCommandApi[M]>[0];
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<SiteCommandApi[M]>>;

/**
 * Every method's HTTP route. `satisfies` makes a method without a route (or a route without a
 * method) a type error here; each area's table is checked against its own interface as well.
 */
export const API_ROUTES = {
  ...SITE_ROUTES,
  ...AUTH_ROUTES,
  ...DEVICE_ROUTES,
  ...TELEMETRY_ROUTES,
  ...ALARM_ROUTES,
  ...CAMERA_ROUTES,
  ...FEDERATION_ROUTES,
  ...PANORAMA_ROUTES,
  ...TRAINING_ROUTES,
  ...ATTENDANCE_ROUTES,
  ...GATE_ROUTES,
  ...WORKFORCE_REGISTRY_ROUTES,
  ...PROGRESS_ROUTES,
  ...QUALITY_ROUTES,
  ...STATISTICS_ROUTES,
  ...SCREEN_ROUTES,
  ...REPORT_ROUTES,
  ...DATA_PACKAGE_ROUTES,
  ...ONVIF_ROUTES,
  ...REALNAME_PLATFORM_ROUTES,
  ...UPLINK_ROUTES,
} as const satisfies Record<ApiMethod, RouteSpec>;

export const API_METHODS = Object.keys(API_ROUTES) as ApiMethod[];
