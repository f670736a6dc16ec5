import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { reportTitle, type ReportKind, type ReportRecord } from '../../common/reports.js';
import { reportPeriod, siteStamp } from './report-period.js';
import type { ReportSection } from './report-section.js';
import type { ReportStore } from './report-store.js';
import type { ReportDocument } from './render/report-document.js';
import { renderInWorker } from './render/report-runner.js';
import { SerialJobs } from '../jobs/serial-jobs.js';

/** Reports waiting behind the one being made; more are refused (ask again when one is done). */
export const MAX_WAITING_REPORTS = 8;

export class ReportQueueFull extends Error {}

export interface ReportJobsOptions {
  store: ReportStore;
  /** DATA/reports. */
  dir: string;
  /** Every area's sections, in any order (sorted by `order`). */
  sections: () => ReportSection[];
  projectName: () => string;
  timeZone: () => string;
  now?: () => number;
  /** Told of every change of a report's state (the live channel). */
  onChange?: (report: ReportRecord) => void;
}

interface Live {
  section: number;
  sections: number;
}

/**
 * Reports being made: one at a time (gathering each section's figures, then rendering PDF and XLSX
 * in a worker thread), a bounded queue behind it, the state kept in SQLite so the list survives
 * restarts, the progress of the running one in memory.
 */
export class ReportJobs {
  private readonly jobs: SerialJobs<Live>;
  private readonly now: () => number;

  constructor(private readonly o: ReportJobsOptions) {
    this.now = o.now ?? Date.now;
    this.jobs = new SerialJobs<Live>({
      maxWaiting: MAX_WAITING_REPORTS,
      full: (waiting) => new ReportQueueFull(`${waiting} reports are already waiting; ask again when one is done`),
      run: (id, live) => this.make(id, live),
      changed: (id) => this.changed(id),
    });
    mkdirSync(o.dir, { recursive: true });
    o.store.failUnfinished(this.now());
  }

  submit(kind: ReportKind, from: string, to: string, madeBy: string, scheduleKey?: string): ReportRecord {
    const id = randomBytes(6).toString('hex');
    this.jobs.submit(id, { section: 0, sections: 0 }, () =>
      this.o.store.insert({ id, kind, from, to, timeZone: this.o.timeZone(), madeBy, requestedAt: this.now(), ...(scheduleKey ? { scheduleKey } : {}) }),
    );
    return this.view(id)!;
  }

  view(id: string): ReportRecord | null {
    const r = this.o.store.get(id);
    if (!r) return null;
    const live = this.jobs.liveOf(id) ?? { section: 0, sections: 0 };
    return { ...r, ...live };
  }

  list(limit = 200, kind?: ReportKind): ReportRecord[] {
    return this.o.store.list(limit, kind).map((r) => ({ ...r, ...(this.jobs.liveOf(r.id) ?? { section: 0, sections: 0 }) }));
  }

  /** Resolves when nothing is queued or being made (tests, shutdown). */
  idle(): Promise<void> {
    return this.jobs.idle();
  }

  private changed(id: string): void {
    const v = this.view(id);
    if (v) this.o.onChange?.(v);
  }

  private async make(id: string, live: Live): Promise<void> {
    const r = this.o.store.get(id)!;
    try {
      const period = reportPeriod(r.kind, r.from, r.to, r.timeZone);
      const sections = [...this.o.sections()].sort((a, b) => a.order - b.order);
      live.sections = sections.length;
      this.o.store.setState(id, 'gathering');
      const contents: ReportDocument['sections'] = [];
      for (const [k, s] of sections.entries()) {
        live.section = k + 1;
        this.changed(id);
        let content;
        try {
          content = await s.build(period);
        } catch (error) {
          throw new Error(`the section "${s.id}" could not be gathered: ${(error as Error).message}`);
        }
        if (content) contents.push({ id: s.id, content });
      }
      this.o.store.setState(id, 'rendering');
      this.changed(id);
      const document: ReportDocument = {
        kind: r.kind,
        title: reportTitle(r.kind, r.from, r.to),
        projectName: this.o.projectName(),
        from: r.from,
        to: r.to,
        timeZone: r.timeZone,
        generatedAt: siteStamp(this.now(), r.timeZone),
        madeBy: r.madeBy === 'schedule' ? '定时生成' : r.madeBy,
        headerLines: contents.flatMap((c) => (c.content.headerLine ? [c.content.headerLine] : [])),
        sections: contents,
      };
      const folder = join(r.from.slice(0, 4), r.from.slice(5, 7));
      mkdirSync(join(this.o.dir, folder), { recursive: true });
      const name = `${r.kind}-${r.from}-${id}`;
      const { files } = await renderInWorker(document, { base: join(this.o.dir, folder, name), relative: `${r.from.slice(0, 4)}/${r.from.slice(5, 7)}/${name}` });
      this.o.store.finish(id, files, this.now());
    } catch (error) {
      this.o.store.fail(id, `the report could not be made: ${(error as Error).message}`, this.now());
    }
  }
}
