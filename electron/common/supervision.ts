/**
 * The supervision platform's contract (#13), shared by the site console (uplink publisher,
 * downlink receiver), the supervision service (`electron/supervision/`) and the authority console.
 *
 * The policy's three levels: the supervising authority (主管部门) sees every site of its area, an
 * enterprise (企业) sees its own sites, a project (项目) is one site console. Sites publish up over
 * MQTT QoS 1 to a NATS JetStream cluster's MQTT listener; the service consumes the stream into
 * PostgreSQL/PostGIS; notices travel down the same engine. See README "Supervision platform".
 */

export { canonicalJson } from './canonical-json.js';

/** MQTT topics (NATS maps `/` to `.`: `sc/up/S/summary` is subject `sc.up.S.summary`). */
export const UPLINK_TOPIC_PREFIX = 'sc/up';
export const DOWNLINK_TOPIC_PREFIX = 'sc/down';
/** The JetStream stream keeping every site's uplink messages (subjects `sc.up.>`). */
export const UPLINK_STREAM = 'SC_UPLINK';
/** The durable consumer every supervision-service instance pulls from: one consumer group. */
export const UPLINK_CONSUMER = 'supervision';

/**
 * A site id: lower-case letters, digits and `-`, 3 to 40 characters. It is one MQTT topic level
 * and one NATS subject token, and each site's broker credentials only let it publish under its own.
 */
export const SITE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/;

export const UPLINK_KINDS = ['summary', 'alarm', 'exceedance', 'rectification', 'attendance', 'notice-answer', 'notice-receipt'] as const;
export type UplinkKind = (typeof UPLINK_KINDS)[number];

export function uplinkTopic(siteId: string, kind: UplinkKind): string {
  return `${UPLINK_TOPIC_PREFIX}/${siteId}/${kind}`;
}

export function downlinkTopic(siteId: string): string {
  return `${DOWNLINK_TOPIC_PREFIX}/${siteId}/notice`;
}

/**
 * Every uplink message. `seq` is the site outbox's sequence number (electron/core/uplink/outbox.ts):
 * increasing, never reused, with gaps (other channels share the counter). The receiver keeps
 * (site, seq) once: a repeat after a reconnect is dropped, never applied twice.
 */
export interface UplinkEnvelope<B = unknown> {
  v: 1;
  site: string;
  seq: number;
  kind: UplinkKind;
  /** UTC epoch ms the site wrote the message. */
  at: number;
  body: B;
}

/** Alarm counts by ISA-18.2 priority (electron/common/alarms.ts names them). */
export interface PriorityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/**
 * A site's figures, published every `summaryEverySeconds` (and at once after a reconnect): the
 * authority table's row. Today = the site's day in its time zone.
 */
export interface SiteSummaryBody {
  /** Site day the counts are for, YYYY-MM-DD. */
  day: string;
  timeZone: string;
  openAlarms: PriorityCounts;
  craneAlarmsToday: number;
  dustExceedancesToday: number;
  /** Hours judged compliant ÷ hours judged, 0…1; null before the first judged hour. */
  dustComplianceRate: number | null;
  headcount: number;
  /** Project managers and safety officers on site now (the real-name rules' key staff). */
  managersPresent: number;
  /** Workers who attended today ÷ workers on the roster, 0…1; null without a roster. */
  attendanceRate: number | null;
  /** Operators on duty without a valid special-operation certificate, plus certificates expired. */
  certificateProblems: number;
  overdueRectifications: number;
  devicesOffline: number;
  devicesTotal: number;
  /** Devices of a blacklisted model or supplier still reporting (electron/common/site.ts `blacklisted`). */
  blacklistedDevicesInUse: number;
  /** The site console's own URL, when it allows drill-down (the site's consent). */
  consoleUrl?: string;
}

/** An alarm state change, as the site's audit recorded it. */
export interface AlarmEventBody {
  alarmId: string;
  deviceId: string;
  deviceName: string;
  priority: keyof PriorityCounts;
  /** What happened, in words (the alarm's message). */
  text: string;
  state: 'raised' | 'acknowledged' | 'cleared' | 'shelved';
  at: number;
  by?: string;
}

/** A dust or noise exceedance (an hour judged over the preset's limit). */
export interface ExceedanceBody {
  deviceId: string;
  deviceName: string;
  quantity: 'pm10' | 'pm25' | 'tsp' | 'noise';
  value: number;
  limit: number;
  unit: string;
  hourStart: number;
}

/** A rectification notice's state on the site (raised by the site itself or received from above). */
export interface RectificationBody {
  noticeId: string;
  /** The authority's notice id when it came from above. */
  externalRef?: string;
  title: string;
  state: string;
  dueDate: string;
  at: number;
}

/** A day's attendance so far (sent with the summary's cadence when it changes). */
export interface AttendanceBody {
  day: string;
  headcount: number;
  attended: number;
  rostered: number;
}

/** Kinds of notice the authority (or an enterprise) sends down. */
export const AUTHORITY_NOTICE_KINDS = ['rectification', 'stop-work'] as const;
export type AuthorityNoticeKind = (typeof AUTHORITY_NOTICE_KINDS)[number];

/** Evidence a notice points at on the site: an alarm, an evidence clip, a panorama pin. */
export interface NoticeEvidence {
  type: 'alarm' | 'clip' | 'panorama-pin' | 'photo';
  ref: string;
  note?: string;
}

/**
 * What travels down (topic `sc/down/SITE/notice`, QoS 1, persistent session). `messageId` is
 * applied once by the site (outbox.firstDelivery). `signature` is the issuer's Ed25519 signature
 * over `canonicalJson` of the message without it; the site checks it with the authority's key.
 */
export interface DownlinkMessage {
  v: 1;
  messageId: string;
  type: 'notice' | 'notice-verified' | 'notice-closed' | 'notice-reopened';
  noticeId: string;
  site: string;
  at: number;
  by: string;
  /** Present when `type` is `notice`. */
  notice?: {
    kind: AuthorityNoticeKind;
    title: string;
    body: string;
    dueDate: string;
    evidence: NoticeEvidence[];
    issuer: string;
  };
  comment?: string;
  signature?: string;
}

/**
 * The site's word that it holds a downlink message (kind `notice-receipt`), sent through its outbox
 * when it applies one (and again when a repeat arrives). The broker's PUBACK only says the broker
 * took the message: NATS keeps a QoS 1 message only for a session that exists, so a notice to a
 * site that has never connected is dropped after its PUBACK. The platform therefore sends a
 * message again until this receipt is in (authority_downlink.delivered_at).
 */
export interface NoticeReceiptBody {
  messageIds: string[];
}

/** Most message ids one receipt carries. */
export const NOTICE_RECEIPT_MAX_IDS = 50;

/** The site's answer going up (kind `notice-answer`): photos as SHA-256 of files kept on the site and sent inline small. */
export interface NoticeAnswerBody {
  noticeId: string;
  answer: string;
  photos: Array<{ name: string; sha256: string; mime: string; dataBase64?: string }>;
  by: string;
  at: number;
}

/**
 * Receipts: the service's word that a site's messages are in PostgreSQL. NATS 2.9's MQTT listener
 * sends the PUBACK once the message is routed, before JetStream has stored it, so a message
 * PUBACKed while the stream's leader is failing over can vanish. The site therefore marks an
 * outbox message sent only on a receipt (topic `sc/down/SITE/receipt`, sent after COMMIT), and
 * re-publishes what has no receipt in time; the receiver drops the repeat by (site, seq).
 */
export function receiptTopic(siteId: string): string {
  return `${DOWNLINK_TOPIC_PREFIX}/${siteId}/receipt`;
}

/** What a receipt carries: the seqs of one site now stored (new or already there). */
export interface UplinkReceipt {
  v: 1;
  seqs: number[];
}

/** Largest uplink payload the service takes (bytes); a bigger one is refused and counted. */
export const UPLINK_MAX_BYTES = 256 * 1024;
