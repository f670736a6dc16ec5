/**
 * Gate passages, who is on site now, and the operator and certificate checks (real-name system,
 * 建市〔2019〕18号: electronic attendance at the gate; 建质〔2008〕75号: special-operation
 * certificates). The HTTP push of turnstiles (`POST /api/gate-events`) is a raw route with its
 * own credential (a per-gate push token), so its body and answer are declared here too.
 */
import type { CertificateType, CredentialKind, PassageDirection, PassageOutcome } from '../workforce.js';
import type { UserRole } from './auth.js';
import type { RouteSpec } from './route-spec.js';

/** Where turnstiles push passages (JSON body `GateEventRequest`, `Authorization: Bearer <gate push token>`). */
export const GATE_EVENTS_PATH = '/api/gate-events';

/**
 * How late a passage may be reported and still count (72 h): a turnstile that was offline over a
 * weekend replays its buffer on Monday; older than that, attendance for those days is being
 * closed, so the event is stored for the record but refused (`too-late`).
 */
export const GATE_LATE_LIMIT_MS = 72 * 3600_000;

/** The same person at the same gate in the same direction within this window is one passage (a repeated swipe). */
export const GATE_DUPLICATE_WINDOW_MS = 5_000;

/** A gate clock this far ahead of the core's is wrong; the event is refused (`clock-ahead`) rather than placed in the future. */
export const GATE_CLOCK_AHEAD_MS = 5 * 60_000;

/** Largest capture photo accepted (decoded bytes). Turnstile captures are 20–150 KB JPEGs. */
export const GATE_PHOTO_MAX_BYTES = 512 * 1024;

/** What a turnstile pushes for one passage. */
export interface GateEventRequest {
  /** The gate's device id in the site file (kind `gate`). */
  gateId: string;
  /** The gate's own id for this event; with `gateId` it makes the event key that drops resends. */
  eventId: string;
  /** When the gate saw the person: ISO 8601 with offset, or UTC epoch ms. */
  at: string | number;
  direction: PassageDirection;
  /** How the gate knew the person: IC card number, face template id, or the ID card's number. */
  credential: { kind: Exclude<CredentialKind, 'worker'>; value: string };
  /** Capture photo, base64 JPEG, at most GATE_PHOTO_MAX_BYTES decoded. */
  photo?: string;
}

/** Why the gate opens or stays shut, in both languages (the turnstile's display shows `zh`). */
export interface GateReason {
  zh: string;
  en: string;
}

/** Outcomes beyond the stored ones: events refused before they are placed. */
export type GateOutcome = PassageOutcome | 'unknown-gate' | 'clock-ahead';

/** The answer to a gate event: whether to open, and why. */
export interface GateAnswer {
  open: boolean;
  outcome: GateOutcome;
  reason: GateReason;
  /** The person, when the credential names a registered worker. */
  worker: { id: number; name: string } | null;
  /** A resend or repeated swipe: answered as the first time, nothing stored again. */
  duplicate: boolean;
  /** The stored passage (null: refused before it was stored). */
  passageId: number | null;
}

/** One group of people inside (a company, team, trade or zone). */
export interface HeadcountGroup {
  /** Stable key (company id, team id, trade or zone name); `-` for "none". */
  key: string;
  label: string;
  workers: number;
  managers: number;
}

/** A manager (project, technical, quality, safety or labour lead) inside; authorities check their presence apart. */
export interface ManagerOnSite {
  workerId: number;
  name: string;
  post: string | null;
  company: string | null;
  zone: string;
  /** When they came in (UTC epoch ms). */
  since: number;
}

/**
 * Who is inside now, from gate passages of the last 24 h (a missing exit does not keep a person
 * "inside" for ever). `unregistered`: people a gate reported by an id the registry does not hold,
 * counted only while the registry is empty (a site not yet using the real-name registry keeps its
 * plain count).
 */
export interface HeadcountView {
  at: number;
  total: number;
  workers: number;
  managers: number;
  unregistered: number;
  byCompany: HeadcountGroup[];
  byTeam: HeadcountGroup[];
  byTrade: HeadcountGroup[];
  byZone: HeadcountGroup[];
  managersOnSite: ManagerOnSite[];
}

/** One stored passage as the console lists it. */
export interface PassageView {
  id: number;
  gateId: string;
  gateName: string;
  workerId: number | null;
  workerName: string | null;
  company: string | null;
  direction: PassageDirection;
  credentialKind: CredentialKind;
  at: number;
  received: number;
  outcome: PassageOutcome;
  /** Capture photo as a media path (read through a media ticket), or null. */
  photo: string | null;
}

/** A certificate ending soon or already ended, with whether its holder is on the project now. */
export interface CertificateWatchRow {
  certificateId: number;
  workerId: number;
  workerName: string;
  company: string | null;
  type: CertificateType;
  number: string;
  validTo: string;
  /** Days from today (site time) to `validTo`; negative: expired that many days ago. */
  daysLeft: number;
  /** Holds an open stint on the project. */
  onProject: boolean;
  /** Inside the site now (headcount). */
  inside: boolean;
}

/** Whether a machine's driver may drive it (DRIVER_CERTIFICATE). */
export type OperatorState = 'ok' | 'unregistered' | 'not-on-site' | 'no-certificate' | 'expired';

/** A crane's or hoist's current driver and their certificate. */
export interface OperatorView {
  deviceId: string;
  deviceName: string;
  kind: 'crane' | 'hoist';
  /** The id the machine reported (`operatorId` / `driverId`). */
  reportedId: string;
  workerId: number | null;
  workerName: string | null;
  state: OperatorState;
  certificate: { type: CertificateType; number: string; validTo: string } | null;
  /** Last reading naming this driver (UTC epoch ms). */
  seenAt: number;
}

export interface NoInductionRow {
  workerId: number;
  name: string;
  company: string | null;
  team: string | null;
  inside: boolean;
}

/** The certificate board: what a safety officer checks each morning. */
export interface CertificateWatch {
  /** Today in the site's time zone (YYYY-MM-DD). */
  today: string;
  /** Valid now, ending within CERTIFICATE_EXPIRY_WARNING_DAYS (30) days, holder on the project. */
  expiring: CertificateWatchRow[];
  /** Ended, holder on the project and without a newer valid one of the same type. */
  expired: CertificateWatchRow[];
  operators: OperatorView[];
  /** Workers on the project without a passed induction course (三级安全教育). */
  noInduction: NoInductionRow[];
}

/** Counters of the gate path since start (refusals are also logged, at most once a minute per gate). */
export interface GateStats {
  processed: number;
  duplicates: number;
  unknownGate: number;
  tooLate: number;
  clockAhead: number;
  badRequests: number;
  unauthorized: number;
}

/** Who may read the headcount, passages and certificates (names of people: not the read-only viewer). */
export const GATE_READERS: readonly UserRole[] = ['admin', 'labour', 'safety', 'manager', 'operator'];

export interface GatesApi {
  getHeadcount(): Promise<HeadcountView>;
  /** Newest first; `beforeId` pages back. */
  listPassages(query?: { limit?: number; beforeId?: number }): Promise<PassageView[]>;
  getCertificateWatch(): Promise<CertificateWatch>;
  getGateStats(): Promise<GateStats>;
  /**
   * Makes a new push token for a gate (admin): shown once, kept sealed in the vault; the old one
   * stops working. The turnstile sends it as `Authorization: Bearer <token>`.
   */
  issueGateToken(request: { gateId: string }): Promise<{ gateId: string; token: string }>;
}

export const GATE_ROUTES = {
  getHeadcount: { verb: 'GET', path: '/api/headcount', auth: true, roles: GATE_READERS },
  listPassages: { verb: 'GET', path: '/api/passages', auth: true, roles: GATE_READERS },
  getCertificateWatch: { verb: 'GET', path: '/api/certificate-watch', auth: true, roles: GATE_READERS },
  getGateStats: { verb: 'GET', path: '/api/gate-stats', auth: true, roles: GATE_READERS },
  issueGateToken: { verb: 'POST', path: '/api/gates/:gateId/token', auth: true, roles: ['admin'] },
} as const satisfies Record<keyof GatesApi, RouteSpec>;
