import type { HeadcountView, LiveEvent } from '../../../electron/common/api.js';
import type { DeviceView, SiteSummary, SourceStatus } from '../../../electron/common/site.js';
import type { LiveLinkState } from '../transport/api-client.js';
import { KeyedStore, ValueStore } from './external-store.js';
import { SiteModelVersion } from './site-model-version.js';
import { TrendBuffer } from './trend-buffer.js';

/** The metric drawn as a trend beside each kind's card. */
export const TREND_METRIC: Partial<Record<DeviceView['kind'], string>> = {
  crane: 'momentPct',
  hoist: 'heightM',
  dust: 'pm10',
  ranging: 'distanceM',
};

/** Live state of the site, fed by the live channel, read by views through hooks. */
export class SiteState {
  readonly devices = new KeyedStore<DeviceView>();
  readonly sources = new KeyedStore<SourceStatus>();
  readonly site = new ValueStore<SiteSummary | null>(null);
  readonly link = new ValueStore<LiveLinkState>('connecting');
  readonly dropped = new ValueStore<number>(0);
  readonly trends = new Map<string, TrendBuffer>();
  /** Workers inside the site, kept by the core from real-name gate passages. */
  readonly workersOnSite = new ValueStore<number>(0);
  /** Who is inside by company, team, trade and zone (null until the core first pushes it). */
  readonly headcount = new ValueStore<HeadcountView | null>(null);
  /** Goes up when the site model may have changed since the views fetched it (`useSiteModel`). */
  readonly siteModelVersion = new SiteModelVersion();

  loadDevices(devices: DeviceView[]): void {
    for (const device of devices) this.devices.set(device.id, device);
  }

  loadSite(site: SiteSummary): void {
    this.site.set(site);
    this.workersOnSite.set(site.workersOnSite);
    // Once the live socket is up it has sent every source's status in order with its changes
    // (LiveHub.opening); a snapshot answered earlier but arriving later must not undo one.
    if (this.link.get() !== 'live') for (const source of site.sources) this.sources.set(source.id, source);
  }

  private readonly eventListeners = new Set<(event: LiveEvent) => void>();

  /**
   * Every live event, after the stores above are updated: the one live channel, for views that
   * need events this state does not keep (alarms for the 3D scene, panorama progress), so no view
   * opens a second socket of its own.
   */
  onEvent(listener: (event: LiveEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  apply(event: LiveEvent): void {
    this.update(event);
    for (const listener of this.eventListeners) listener(event);
  }

  private update(event: LiveEvent): void {
    this.siteModelVersion.note(event);
    switch (event.type) {
      case 'telemetry': {
        const { record } = event;
        const device = this.devices.get(record.deviceId);
        if (!device) return;
        const values = record.values as unknown as Record<string, unknown>;
        this.devices.set(record.deviceId, { ...device, lastValues: values, lastSeen: Date.now(), status: 'online' });
        const metric = TREND_METRIC[record.kind];
        const value = metric ? values[metric] : undefined;
        if (typeof value === 'number') this.trendOf(record.deviceId).push(record.ts, value);
        return;
      }
      case 'device':
        this.devices.set(event.device.id, event.device);
        return;
      case 'source':
        this.sources.set(event.source.id, event.source);
        return;
      case 'dropped':
        this.dropped.set(this.dropped.get() + event.count);
        return;
      case 'roster':
        this.workersOnSite.set(event.onSite);
        return;
      case 'headcount':
        this.headcount.set(event.headcount);
        this.workersOnSite.set(event.headcount.total);
        return;
      case 'ready':
        return;
    }
  }

  trendOf(deviceId: string): TrendBuffer {
    let buffer = this.trends.get(deviceId);
    if (!buffer) this.trends.set(deviceId, (buffer = new TrendBuffer()));
    return buffer;
  }
}
