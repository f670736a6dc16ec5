/**
 * What the alarm audit rows in a package show without the site's key: the rows are consecutive
 * (no seq missing), each links to the one before (prev_hash = the previous hash), rows hashed
 * before the site's HMAC key existed recompute exactly (plain SHA-256), and the last row is the
 * signed head when the period reaches it. Rows hashed with the HMAC key (RFC 2104) cannot be
 * recomputed offline: the key never leaves the site, so that proof comes from the signature over
 * the rows' SHA-256 and from the site's own keyed check recorded in the manifest.
 */
import type { PackageAuditChain } from '../../common/data-package.js';
import { entryHash, entryOf, type AuditRow } from '../alarms/audit-chain.js';

export interface AuditOfflineResult {
  problems: Array<{ zh: string; en: string }>;
  /** Rows whose hash was recomputed (unkeyed) and rows whose links only were checked (keyed). */
  recomputed: number;
  linkedOnly: number;
}

function isRow(v: unknown): v is AuditRow {
  const r = v as AuditRow;
  return typeof r === 'object' && r !== null && Number.isSafeInteger(r.seq) && typeof r.prevHash === 'string' && typeof r.hash === 'string' && typeof r.detail === 'object';
}

export function checkAuditRows(rows: unknown, chain: PackageAuditChain): AuditOfflineResult {
  const problems: Array<{ zh: string; en: string }> = [];
  const say = (zh: string, en: string) => problems.push({ zh, en });
  let recomputed = 0;
  let linkedOnly = 0;
  if (!Array.isArray(rows)) return { problems: [{ zh: '审计行不是列表', en: 'the audit rows are not a list' }], recomputed, linkedOnly };
  if (rows.length !== chain.rows) say(`清单记 ${chain.rows} 行，文件有 ${rows.length} 行`, `the manifest says ${chain.rows} audit rows, the file holds ${rows.length}`);
  let prev: AuditRow | null = null;
  for (const row of rows) {
    if (!isRow(row)) {
      say('有审计行格式不对', 'an audit row is malformed');
      break;
    }
    if (prev && row.seq !== prev.seq + 1) say(`缺少第 ${prev.seq + 1} 行（${prev.seq} 之后是 ${row.seq}）`, `audit row ${prev.seq + 1} is missing (found ${row.seq} after ${prev.seq})`);
    if (prev && row.prevHash !== prev.hash) say(`第 ${row.seq} 行与第 ${prev.seq} 行链接不上（prev_hash 不同）`, `audit row ${row.seq} does not link to row ${prev.seq} (prev_hash differs)`);
    if (chain.keyedFromSeq !== null && row.seq >= chain.keyedFromSeq) linkedOnly++;
    else if (entryHash(row.prevHash, entryOf(row)) === row.hash) recomputed++;
    else say(`第 ${row.seq} 行的哈希与内容不符`, `audit row ${row.seq}'s hash does not match its content`);
    prev = row;
    if (problems.length >= 10) break;
  }
  const first = rows[0] as AuditRow | undefined;
  const last = rows[rows.length - 1] as AuditRow | undefined;
  if ((first?.seq ?? null) !== chain.firstSeq || (last?.seq ?? null) !== chain.lastSeq) say(`审计行范围 ${first?.seq ?? '–'}…${last?.seq ?? '–'} 与清单 ${chain.firstSeq ?? '–'}…${chain.lastSeq ?? '–'} 不符`, `the audit rows run ${first?.seq ?? '–'}…${last?.seq ?? '–'}, the manifest says ${chain.firstSeq ?? '–'}…${chain.lastSeq ?? '–'}`);
  if (last && chain.head) {
    if (chain.head.seq < last.seq) say(`链头（${chain.head.seq}）早于最后一行（${last.seq}）`, `the chain head (${chain.head.seq}) is before the last audit row (${last.seq})`);
    if (chain.head.seq === last.seq && chain.head.hash !== last.hash) say('最后一行的哈希不是签名的链头', "the last audit row's hash is not the signed chain head");
  }
  return { problems, recomputed, linkedOnly };
}
