/**
 * Registry overrides: an admin's edits of a device's identity, stored in SQLite on top of the
 * site file. The site file stays the installer's baseline (it is what a fresh install or a
 * replaced data folder starts from); an override names only the fields the admin changed, so a
 * later edit of the site file still shows through every field nobody edited in the console.
 * Pure functions only; storage is in registry-store.ts.
 */
import type { DeviceIdentity, DeviceUpdate } from '../../common/api.js';
import type { DeviceConfig } from '../config/site-schema.js';

/** The fields an admin may edit, in the order the change log and forms show them. */
export const IDENTITY_FIELDS = ['name', 'model', 'supplier', 'serial', 'installedOn', 'calibratedOn', 'position', 'expectedIntervalS'] as const satisfies readonly (keyof DeviceIdentity)[];

/** Only the overridden fields; a field absent here comes from the site file. */
export type DeviceOverride = Partial<DeviceIdentity>;

/** A field's value before and after one edit (effective values: baseline merged with overrides). */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** The registry fields of a device as the site file gives them. */
export function identityOf(config: DeviceConfig): DeviceIdentity {
  const out: DeviceIdentity = { name: config.name, expectedIntervalS: config.expectedIntervalS };
  for (const key of ['model', 'supplier', 'serial', 'installedOn', 'calibratedOn'] as const) {
    const value = config[key];
    if (value !== undefined) out[key] = value;
  }
  if (config.position) out.position = { ...config.position };
  return out;
}

/** Baseline with the override on top. */
export function mergeOverride(base: DeviceIdentity, override: DeviceOverride | undefined): DeviceIdentity {
  if (!override) return { ...base };
  const merged: DeviceIdentity = { ...base };
  for (const key of IDENTITY_FIELDS) {
    const value = override[key];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** A device config with an override applied (for the parts of the core built once at start). */
export function applyToConfig(config: DeviceConfig, override: DeviceOverride | undefined): DeviceConfig {
  if (!override) return config;
  return { ...config, ...mergeOverride(identityOf(config), override) };
}

/**
 * The override after an edit, and what changed. A field left out of `update` keeps its override;
 * `null` drops the override (back to the baseline); a value equal to the baseline also drops it,
 * so the registry does not hold copies of the site file that would hide its later corrections.
 */
export function applyUpdate(
  base: DeviceIdentity,
  current: DeviceOverride | undefined,
  update: Omit<DeviceUpdate, 'id'>,
): { override: DeviceOverride; changes: FieldChanges } {
  const next: DeviceOverride = { ...current };
  const record = next as Record<string, unknown>;
  for (const key of IDENTITY_FIELDS) {
    if (!(key in update)) continue;
    const value = update[key];
    if (value === undefined) continue;
    if (value === null || sameValue(value, base[key])) delete record[key];
    else record[key] = value;
  }
  const before = mergeOverride(base, current);
  const after = mergeOverride(base, next);
  const changes: FieldChanges = {};
  for (const key of IDENTITY_FIELDS) {
    if (!sameValue(before[key], after[key])) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return { override: next, changes };
}

/** Which fields an override sets. */
export function overriddenFields(override: DeviceOverride | undefined): (keyof DeviceIdentity)[] {
  return override ? IDENTITY_FIELDS.filter((k) => override[k] !== undefined) : [];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const pa = a as Record<string, unknown>;
    const pb = b as Record<string, unknown>;
    return pa.e === pb.e && pa.n === pb.n && (pa.u ?? 0) === (pb.u ?? 0);
  }
  return false;
}
