import type { GateEvent, TelemetryRecord } from '../../common/telemetry.js';

/**
 * Who is inside the site, from real-name gate passages. Rebuilt from the last day's stored
 * passages at start, so a restart of the core does not reset the count to zero.
 */
export class WorkerRoster {
  private readonly onSite = new Set<string>();

  constructor(private readonly onChange: (count: number) => void) {}

  /** Applies passages oldest first; returns whether the count changed. */
  apply(record: TelemetryRecord): boolean {
    if (record.kind !== 'gate') return false;
    const event = record.values as GateEvent;
    const before = this.onSite.size;
    if (event.direction === 'in') this.onSite.add(event.workerId);
    else this.onSite.delete(event.workerId);
    if (this.onSite.size === before) return false;
    this.onChange(this.onSite.size);
    return true;
  }

  restore(records: Iterable<TelemetryRecord>): void {
    for (const r of records) {
      if (r.kind !== 'gate') continue;
      const event = r.values as GateEvent;
      if (event.direction === 'in') this.onSite.add(event.workerId);
      else this.onSite.delete(event.workerId);
    }
  }

  get count(): number {
    return this.onSite.size;
  }
}
