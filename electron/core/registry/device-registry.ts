/**
 * The device registry as the core runs it: the site file's devices (the installer's baseline)
 * with the admin's overrides from SQLite on top, and the regulator's blacklist. Changes apply
 * live through DeviceStates (which pushes a `device` event) and are logged with who and when.
 */
import { ApiError, type BlacklistEntry, type DeviceIdentity, type DeviceUpdate } from '../../common/api.js';
import type { DeviceView } from '../../common/site.js';
import type { DeviceConfig } from '../config/site-schema.js';
import type { DeviceStates } from '../devices/device-states.js';
import { findBlacklistMatch, normalizeName } from './blacklist-match.js';
import { applyToConfig, applyUpdate, identityOf, mergeOverride, overriddenFields, type DeviceOverride, type FieldChanges } from './device-overrides.js';
import type { RegistryActor, RegistryStore } from './registry-store.js';

/** Told of each stored edit that changed something: the device and its fields' effective values before and after. */
export type RegistryEditListener = (deviceId: string, changes: FieldChanges) => void;

export class DeviceRegistry {
  private readonly baselines = new Map<string, DeviceIdentity>();
  private readonly overrides: Map<string, DeviceOverride>;
  private entries: BlacklistEntry[];
  /** Blacklist entry per listed device: read on every reading, so kept ready rather than matched each time. */
  private readonly matches = new Map<string, BlacklistEntry>();
  private devices: DeviceStates | null = null;
  private readonly editListeners = new Set<RegistryEditListener>();

  constructor(
    private readonly siteDevices: readonly DeviceConfig[],
    readonly store: RegistryStore,
    private readonly now: () => number = Date.now,
  ) {
    for (const d of siteDevices) this.baselines.set(d.id, identityOf(d));
    this.overrides = store.loadOverrides();
    this.entries = store.blacklist();
    this.rematch();
  }

  /** The site file's devices with overrides applied: what the core builds its parts from at start. */
  effectiveConfigs(): DeviceConfig[] {
    return this.siteDevices.map((d) => applyToConfig(d, this.overrides.get(d.id)));
  }

  /**
   * Parts of the core built from the site's geometry (anti-collision, the site model) listen here
   * to follow an edit at once; DeviceStates gets the fields through `attach` instead.
   */
  onEdit(listener: RegistryEditListener): () => void {
    this.editListeners.add(listener);
    return () => this.editListeners.delete(listener);
  }

  /** Connects the live device states and gives them every device's registry fields and blacklist state. */
  attach(devices: DeviceStates): void {
    this.devices = devices;
    for (const id of this.baselines.keys()) this.push(id);
  }

  has(deviceId: string): boolean {
    return this.baselines.has(deviceId);
  }

  baseline(deviceId: string): DeviceIdentity | null {
    return this.baselines.get(deviceId) ?? null;
  }

  identity(deviceId: string): DeviceIdentity | null {
    const base = this.baselines.get(deviceId);
    return base ? mergeOverride(base, this.overrides.get(deviceId)) : null;
  }

  overridden(deviceId: string): (keyof DeviceIdentity)[] {
    return overriddenFields(this.overrides.get(deviceId));
  }

  /** The blacklist entry a device falls under, or null. */
  blacklistMatch(deviceId: string): BlacklistEntry | null {
    return this.matches.get(deviceId) ?? null;
  }

  update(update: DeviceUpdate, actor: RegistryActor): DeviceView {
    const { id, ...fields } = update;
    const base = this.baselines.get(id);
    if (!base) throw new ApiError('not-found', `no device "${id}" on this site`, 'id');
    const { override, changes } = applyUpdate(base, this.overrides.get(id), fields);
    const after = mergeOverride(base, override);
    if (after.installedOn && after.calibratedOn && after.calibratedOn < after.installedOn) {
      throw new ApiError('bad-request', `calibratedOn: calibrated on ${after.calibratedOn}, before it was installed on ${after.installedOn}`, 'calibratedOn');
    }
    if (Object.keys(changes).length > 0) {
      this.store.saveOverride(id, override, changes, actor, this.now());
      if (Object.keys(override).length) this.overrides.set(id, override);
      else this.overrides.delete(id);
      // Model or supplier may have moved the device on or off the blacklist.
      this.rematch();
    }
    const view = this.push(id) ?? this.fail(id);
    if (Object.keys(changes).length > 0) for (const listener of this.editListeners) listener(id, changes);
    return view;
  }

  blacklist(): BlacklistEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  addBlacklistEntry(request: { model?: string | undefined; supplier?: string | undefined; reason: string }, actor: RegistryActor): BlacklistEntry {
    const model = request.model?.trim() || null;
    const supplier = request.supplier?.trim() || null;
    if (!model && !supplier) throw new ApiError('bad-request', 'model or supplier: give at least one', 'model');
    const duplicate = this.entries.find((e) => normalizeName(e.model) === normalizeName(model) && normalizeName(e.supplier) === normalizeName(supplier));
    if (duplicate) throw new ApiError('conflict', `already on the blacklist (entry ${duplicate.id}, added by ${duplicate.createdBy})`);
    const entry = this.store.addBlacklistEntry({ model, supplier, reason: request.reason.trim() }, actor, this.now());
    this.entries = [entry, ...this.entries];
    this.refreshAll();
    return entry;
  }

  removeBlacklistEntry(id: number, actor: RegistryActor): void {
    if (!this.store.removeBlacklistEntry(id, actor, this.now())) throw new ApiError('not-found', `no blacklist entry ${id} in force`, 'id');
    this.entries = this.entries.filter((e) => e.id !== id);
    this.refreshAll();
  }

  private refreshAll(): void {
    this.rematch();
    for (const id of this.baselines.keys()) this.push(id);
  }

  private rematch(): void {
    this.matches.clear();
    for (const id of this.baselines.keys()) {
      const identity = this.identity(id)!;
      const entry = findBlacklistMatch(this.entries, identity);
      if (entry) this.matches.set(id, entry);
    }
  }

  private push(id: string): DeviceView | null {
    const identity = this.identity(id);
    if (!identity || !this.devices) return null;
    return this.devices.setRegistry(id, identity, this.matches.get(id)?.reason ?? null);
  }

  private fail(id: string): never {
    throw new ApiError('internal', `device "${id}" has no live state`);
  }
}
