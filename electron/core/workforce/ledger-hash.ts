import { createHash } from 'node:crypto';
import type { LedgerRow } from '../../common/attendance.js';

/**
 * Canonical JSON: object keys sorted by code point at every level, arrays in their order, no
 * white space, numbers as JSON writes them (the ledger holds integers only). Two machines with
 * the same rows write the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The ledger hash: SHA-256 (hex) of the UTF-8 bytes of canonicalJson({ month, rows }). */
export function ledgerHash(month: string, rows: readonly LedgerRow[]): string {
  return createHash('sha256').update(canonicalJson({ month, rows }), 'utf8').digest('hex');
}
