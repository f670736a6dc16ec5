/**
 * The verifiable data package (可验证数据包): what a site hands the supervising authority for a
 * period — JSON data and attachments in one POSIX tar file, a manifest of every file's SHA-256
 * (FIPS 180-4), the alarm audit chain's head, and a detached Ed25519 signature (RFC 8032) by the
 * site's key over the manifest's canonical JSON. Shared by the core, the API, the console and the
 * offline verifier (`npm run verify-package`).
 */
import type { UserRole } from './api/auth.js';
import { addDays, isCalendarDay } from './reports.js';

/** The manifest's `format`: a verifier refuses any other. */
export const DATA_PACKAGE_FORMAT = 'site-command-data-package/1';

/** Names inside the tar that are not listed in the manifest (they describe the rest). */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';

/** The longest period one package covers, in site days (a calendar month at most). */
export const MAX_PACKAGE_DAYS = 31;

/** Who may make, list and download packages (the project manager and administrators). */
export const PACKAGE_MAKERS: readonly UserRole[] = ['admin', 'manager'];

/** One file in the package as the manifest lists it. */
export interface PackageFileEntry {
  /** Path inside the tar, e.g. `data/alarms.json`, `attachments/clips/crane-1-….mp4`. */
  path: string;
  /** Bytes. */
  size: number;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
}

/** An attachment of the period that the package does not carry, and why. */
export interface LeftOutAttachment {
  path: string;
  bytes: number;
  reason: string;
}

/**
 * The alarm audit chain as the package saw it: the head of the whole chain when the package was
 * made, and which rows of it the package carries (`data/alarm-audit.json`). Rows from
 * `keyedFromSeq` on are hashed with the site's HMAC key, which never leaves the site, so offline
 * only their links can be checked, not their hashes.
 */
export interface PackageAuditChain {
  head: { seq: number; hash: string } | null;
  keyedFromSeq: number | null;
  firstSeq: number | null;
  lastSeq: number | null;
  rows: number;
  /** The site's own check of the whole chain with its key, when the package was made. */
  verifiedAtSite: { ok: boolean; rows: number; reason?: string };
}

/** The signed manifest (`manifest.json` holds exactly its canonical JSON). */
export interface PackageManifest {
  format: typeof DATA_PACKAGE_FORMAT;
  siteId: string;
  siteName: string;
  /** First and last site day, inclusive, and the site's time zone. */
  period: { from: string; to: string; timeZone: string };
  /** ISO 8601 UTC. */
  createdAt: string;
  madeBy: string;
  /** True when the period holds no records at all (the package still proves that). */
  empty: boolean;
  /** Records per data file, e.g. `{ "data/alarms.json": 12 }`. */
  records: Record<string, number>;
  files: PackageFileEntry[];
  leftOut: LeftOutAttachment[];
  auditChain: PackageAuditChain;
  /** The signing key (SPKI PEM) and its fingerprint: SHA-256 of the DER, hex. */
  publicKey: string;
  keyFingerprint: string;
}

/** The site's signing key as admins read it, to register with the authority. */
export interface SiteSigningKey {
  siteId: string;
  algorithm: 'Ed25519';
  publicKeyPem: string;
  /** SHA-256 of the SPKI DER, lower-case hex (64 digits). */
  fingerprint: string;
  /** The same in groups of four, for reading aloud: `3f2a 9c01 …`. */
  fingerprintGrouped: string;
}

/** The fingerprint in groups of four hex digits. */
export function groupFingerprint(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Why `from`…`to` cannot be packaged, or null: calendar days, from ≤ to ≤ today, at most a month. */
export function packagePeriodProblem(from: string, to: string, today: string): { field: 'from' | 'to'; message: string } | null {
  if (!isCalendarDay(from)) return { field: 'from', message: `"${from}" is not a calendar day (YYYY-MM-DD)` };
  if (!isCalendarDay(to)) return { field: 'to', message: `"${to}" is not a calendar day (YYYY-MM-DD)` };
  if (from > to) return { field: 'from', message: `the period starts (${from}) after it ends (${to})` };
  if (to > today) return { field: 'to', message: `${to} is in the future; a package covers days that have begun (today is ${today})` };
  if (addDays(from, MAX_PACKAGE_DAYS - 1) < to) return { field: 'to', message: `a package covers at most ${MAX_PACKAGE_DAYS} days; split ${from}…${to} into months` };
  return null;
}

/** queued → gathering → writing → done | failed. */
export type PackageState = 'queued' | 'gathering' | 'writing' | 'done' | 'failed';

/** One package as listed. */
export interface DataPackageRecord {
  id: string;
  from: string;
  to: string;
  timeZone: string;
  state: PackageState;
  /** 0…1 while being made. */
  progress: number;
  /** The step being done, in English (e.g. "alarm audit rows", "attachments"). */
  step: string;
  /** File name under DATA/data-packages once done. */
  file: string | null;
  bytes: number | null;
  /** SHA-256 of the whole tar file, for the recipient to compare after the transfer. */
  sha256: string | null;
  empty: boolean | null;
  leftOut: number;
  madeBy: string;
  requestedAt: number;
  finishedAt: number | null;
  error: string | null;
}
