/**
 * The site as the core runs it now: the site file with the admins' registry edits on top, rebuilt
 * on every edit. Parts built from the site's geometry (the anti-collision rule, the site model
 * served to the 3D and GIS views) read it here and are told when an edit moved or renamed a
 * device, so a corrected position takes effect without restarting the core.
 */
import type { SiteModelField } from '../../common/api.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { DeviceRegistry } from './device-registry.js';

/** The registry fields that the site model (`GET /api/site-model`) carries; other edits leave it alone. */
export const SITE_MODEL_FIELDS = ['name', 'position'] as const satisfies readonly SiteModelField[];

/** One edit that changed the site model: which device, and which of its model fields. */
export interface SiteModelEdit {
  deviceId: string;
  fields: SiteModelField[];
}

export class EffectiveSite {
  private site: SiteConfig;
  private readonly listeners = new Set<(site: SiteConfig, edit: SiteModelEdit) => void>();

  constructor(
    private readonly file: SiteConfig,
    private readonly registry: DeviceRegistry,
  ) {
    this.site = this.build();
    registry.onEdit((deviceId, changes) => {
      // Rebuilt for any edit, so `current` always equals the file plus the overrides.
      this.site = this.build();
      const fields = SITE_MODEL_FIELDS.filter((field) => field in changes);
      if (fields.length === 0) return;
      for (const listener of this.listeners) listener(this.site, { deviceId, fields });
    });
  }

  /** The site file with the registry's overrides applied, as of the last edit. */
  get current(): SiteConfig {
    return this.site;
  }

  /** Called after an edit that changed a device's name or position; returns an unsubscribe. */
  onModelEdit(listener: (site: SiteConfig, edit: SiteModelEdit) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private build(): SiteConfig {
    return { ...this.file, devices: this.registry.effectiveConfigs() };
  }
}
