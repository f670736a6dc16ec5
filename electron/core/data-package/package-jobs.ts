import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { DataPackageRecord } from '../../common/data-package.js';
import { addDays } from '../../common/reports.js';
import { siteInstant } from '../workforce/attendance-clock.js';
import type { Database } from '../store/database.js';
import { makePackage } from './package-maker.js';
import { PART_SUFFIX } from './package-writer.js';
import type { PackageStore } from './package-store.js';
import type { SiteSigningKeys } from './site-key.js';
import { SerialJobs } from '../jobs/serial-jobs.js';

interface Live {
  step: string;
  progress: number;
}

/** Packages waiting behind the one being made; more are refused (ask again when one is done). */
export const MAX_WAITING_PACKAGES = 4;

export class PackageQueueFull extends Error {}

export interface PackageJobsOptions {
  db: Database;
  store: PackageStore;
  dataDir: string;
  /** DATA/data-packages. */
  dir: string;
  site: () => { id: string; name: string; timeZone: string };
  keys: SiteSigningKeys;
  auditKey?: () => Buffer;
  attachmentCapBytes?: number;
  now?: () => number;
  onChange?: (p: DataPackageRecord) => void;
}

/**
 * Packages being made: one at a time, a bounded queue behind it, the list in SQLite, the running
 * one's step and progress in memory. Leftover temporary files of a stopped core are removed at start.
 */
export class PackageJobs {
  private readonly jobs: SerialJobs<Live>;
  private readonly now: () => number;

  constructor(private readonly o: PackageJobsOptions) {
    this.now = o.now ?? Date.now;
    this.jobs = new SerialJobs<Live>({
      maxWaiting: MAX_WAITING_PACKAGES,
      full: (waiting) => new PackageQueueFull(`${waiting} packages are already waiting; ask again when one is done`),
      run: (id, live) => this.make(id, live),
      changed: (id) => this.changed(id),
    });
    mkdirSync(o.dir, { recursive: true });
    for (const name of readdirSync(o.dir)) if (name.endsWith(PART_SUFFIX)) unlinkSync(join(o.dir, name));
    o.store.failUnfinished(this.now());
  }

  submit(from: string, to: string, madeBy: string): DataPackageRecord {
    const id = randomBytes(6).toString('hex');
    this.jobs.submit(id, { step: 'queued', progress: 0 }, () => this.o.store.insert({ id, from, to, timeZone: this.o.site().timeZone, madeBy, requestedAt: this.now() }));
    return this.view(id)!;
  }

  view(id: string): DataPackageRecord | null {
    const p = this.o.store.get(id);
    if (!p) return null;
    return { ...p, ...(this.jobs.liveOf(id) ?? { step: p.state, progress: p.state === 'done' ? 1 : 0 }) };
  }

  list(limit = 100): DataPackageRecord[] {
    return this.o.store.list(limit).map((p) => ({ ...p, ...(this.jobs.liveOf(p.id) ?? { step: p.state, progress: p.state === 'done' ? 1 : 0 }) }));
  }

  /** The finished package's path on disk, or null. */
  pathOf(id: string): string | null {
    const p = this.o.store.get(id);
    return p?.state === 'done' && p.file ? join(this.o.dir, p.file) : null;
  }

  idle(): Promise<void> {
    return this.jobs.idle();
  }

  private changed(id: string): void {
    const v = this.view(id);
    if (v) this.o.onChange?.(v);
  }

  private async make(id: string, live: Live): Promise<void> {
    const p = this.o.store.get(id)!;
    const site = this.o.site();
    const file = `${site.id}-${p.from}_${p.to}-${id}.tar`;
    let lastTold = 0;
    try {
      this.o.store.setState(id, 'gathering');
      const made = await makePackage({
        db: this.o.db,
        dataDir: this.o.dataDir,
        site: { id: site.id, name: site.name },
        period: { from: p.from, to: p.to, timeZone: p.timeZone, startMs: siteInstant(p.from, 0, p.timeZone), endMs: siteInstant(addDays(p.to, 1), 0, p.timeZone) },
        madeBy: p.madeBy,
        createdAtMs: this.now(),
        keys: this.o.keys,
        ...(this.o.auditKey ? { auditKey: this.o.auditKey } : {}),
        ...(this.o.attachmentCapBytes !== undefined ? { attachmentCapBytes: this.o.attachmentCapBytes } : {}),
        target: join(this.o.dir, file),
        onProgress: (step, fraction) => {
          live.step = step;
          live.progress = fraction;
          if (step === 'attachments' && p.state !== 'writing') this.o.store.setState(id, 'writing');
          // The live channel hears of progress at most every 250 ms.
          const t = Date.now();
          if (t - lastTold >= 250) {
            lastTold = t;
            this.changed(id);
          }
        },
      });
      this.o.store.finish(id, { file, bytes: made.bytes, sha256: made.sha256, empty: made.manifest.empty, leftOut: made.manifest.leftOut.length }, this.now());
    } catch (error) {
      this.o.store.fail(id, `the package could not be made: ${(error as Error).message}`, this.now());
    }
  }
}
