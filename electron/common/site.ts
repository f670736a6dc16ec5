import type { DeviceKind } from './device-kinds.js';

/** Position in the site's local east-north-up frame, metres from the site origin. */
export interface EnuPosition {
  e: number;
  n: number;
  u: number;
}

/** Connection state of a data source (MQTT broker, HJ 212 listener, camera…). */
export type SourceState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'disabled';

export interface SourceStatus {
  id: string;
  /**
   * The technical name, e.g. "MQTT mqtt://10.0.0.5:1883", for diagnostics and the top bar's hover
   * text; the top bar itself names the source by `id` in the operator's language. Never carries credentials.
   */
  label: string;
  state: SourceState;
  /** Why it is not connected, in words (e.g. "connection refused"); diagnostics and hover text only. */
  detail?: string;
  /** Devices connected through it now, where the source knows (the HJ 212 listener counts its monitors). */
  devices?: number;
  /** When the state last changed, UTC epoch ms. */
  since: number;
}

/** Whether a device is reporting: unknown until its first message, offline after 3× its interval. */
export type DeviceLinkState = 'unknown' | 'online' | 'offline';

/** A device as the console lists it. */
export interface DeviceView {
  id: string;
  kind: DeviceKind;
  name: string;
  status: DeviceLinkState;
  /** Last message, UTC epoch ms, or null when never seen. */
  lastSeen: number | null;
  /** Expected reporting interval, seconds. */
  expectedIntervalS: number;
  /** Latest values as received (already validated). */
  lastValues: Record<string, unknown> | null;
  /** Payloads rejected since start. */
  badPayloads: number;
  /** Why the last bad payload was rejected. */
  lastError?: string;
  position?: EnuPosition;
  /**
   * The building it serves, as the site file names it (a model building's id); absent, the
   * statistics take the building whose footprint holds `position` (common/geometry/building-of.ts).
   */
  building?: string;
  /** Registry fields (site file, or an admin's edit on top of it). Dates are YYYY-MM-DD. */
  model?: string;
  supplier?: string;
  serial?: string;
  installedOn?: string;
  calibratedOn?: string;
  /** Its model or supplier is on the regulator's blacklist: data is stored but not counted for compliance. */
  blacklisted?: boolean;
  /** Marked out of service (e.g. a crane being climbed or repaired): its alarms are suppressed by design. */
  outOfService?: { reason: string; by: string; at: number };
  /** The blacklist entry's reason, in words. */
  blacklistReason?: string;
}

/** A problem with the site file, shown to the operator so it can be fixed without a restart loop. */
export interface ConfigProblem {
  file: string;
  /** Dotted path of the field, e.g. `devices.2.kind`. */
  field: string;
  message: string;
}

export interface SiteSummary {
  id: string;
  name: string;
  /** IANA time zone used to show times, e.g. Asia/Shanghai. Stored times are UTC. */
  timeZone: string;
  configProblems: ConfigProblem[];
  sources: SourceStatus[];
  /** Device ids seen on the wire that the site file does not list. */
  unknownDevices: string[];
  simulated: boolean;
  /** Workers inside the site by real-name gate passages. */
  workersOnSite: number;
}

/**
 * The site file's `supervision` section as loaded (#13; schema in
 * electron/core/uplink/supervision-settings-schema.ts): the platform's id for this site, the
 * cluster's MQTT listeners, seconds between summaries, the console URL offered for drill-down.
 */
export interface SupervisionSiteSettings {
  siteId: string;
  uplink: string[];
  summaryEverySeconds: number;
  consoleUrl?: string | undefined;
  /** The authority's Ed25519 public key (SPKI PEM) or a file beside site.json holding it. */
  authorityPublicKey?: string | undefined;
}
