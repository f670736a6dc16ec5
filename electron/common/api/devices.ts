import type { AlarmPriority } from '../alarms.js';
import type { DeviceView, EnuPosition } from '../site.js';
import { ROLE_PERMISSIONS } from '../permissions.js';
import type { RouteSpec } from './route-spec.js';

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

/** The device registry: live devices, admins' edits on top of the site file, service state, the equipment blacklist. */
export interface DevicesApi {
  listDevices(): Promise<DeviceView[]>;
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
}

export const DEVICE_ROUTES = {
  listDevices: { verb: 'GET', path: '/api/devices', auth: true },
  updateDevice: { verb: 'POST', path: '/api/devices/:id', auth: true, roles: ['admin'] },
  getDeviceDetail: { verb: 'GET', path: '/api/devices/:id', auth: true },
  getBlacklist: { verb: 'GET', path: '/api/blacklist', auth: true },
  addBlacklistEntry: { verb: 'POST', path: '/api/blacklist', auth: true, roles: ['admin'] },
  removeBlacklistEntry: { verb: 'DELETE', path: '/api/blacklist/:id', auth: true, roles: ['admin'] },
  setDeviceService: { verb: 'POST', path: '/api/devices/:id/service', auth: true, roles: ROLE_PERMISSIONS['remove-from-service'] },
} as const satisfies Record<keyof DevicesApi, RouteSpec>;
