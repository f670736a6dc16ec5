import { randomBytes } from 'node:crypto';
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { AttendanceDocumentJob } from '../../../common/api/attendance.js';
import { renderToFile } from './document-runner.js';
import type { DocumentRequest } from './render-document.js';

/** Jobs waiting behind the running one; more are refused (the office can ask again). */
const MAX_WAITING = 4;
/** Finished jobs remembered for polling; the oldest forgotten first. */
const MAX_REMEMBERED = 50;
/** Generated files kept in DATA/workforce/exports this long, then removed. */
const KEEP_FILES_MS = 24 * 3_600_000;

/** File names the core writes (and the download route accepts): kind, month, hash prefix, job id. */
export const EXPORT_FILE_PATTERN = /^(ledger|pay)-\d{4}-\d{2}-[0-9a-f]{8}-[0-9a-f]{12}\.(xlsx|pdf)$/;

export class DocumentQueueFull extends Error {}

/**
 * Document jobs for ledgers and pay sheets: one made at a time (each in its own worker thread),
 * a short bounded queue behind it, progress for the console to poll, and the files in
 * DATA/workforce/exports removed after a day.
 */
export class DocumentJobs {
  private readonly jobs = new Map<string, AttendanceDocumentJob & { request?: DocumentRequest }>();
  private running = false;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  submit(request: DocumentRequest, meta: { month: string; ledgerHash: string; downloadName: string; by: string }): AttendanceDocumentJob {
    const waiting = [...this.jobs.values()].filter((j) => j.state === 'queued').length;
    if (waiting >= MAX_WAITING) throw new DocumentQueueFull(`${waiting} documents are already waiting; try again when one is done`);
    const id = randomBytes(6).toString('hex');
    const file = `${request.kind}-${meta.month}-${meta.ledgerHash.slice(0, 8)}-${id}.${request.format}`;
    const job = { id, kind: request.kind, format: request.format, month: meta.month, ledgerHash: meta.ledgerHash, state: 'queued' as const, progress: 0, file, downloadName: meta.downloadName, bytes: null, error: null, requestedBy: meta.by, requestedAt: this.now(), finishedAt: null, request };
    this.jobs.set(id, job);
    this.forgetOld();
    void this.pump();
    return this.view(id)!;
  }

  view(id: string): AttendanceDocumentJob | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    const { request: _request, ...view } = job;
    return view;
  }

  /** The finished file of a job, if it is done. */
  fileOf(name: string): string | null {
    return [...this.jobs.values()].some((j) => j.file === name && j.state === 'done') ? join(this.dir, name) : null;
  }

  /** Waits until nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || [...this.jobs.values()].some((j) => j.state === 'queued')) await new Promise((r) => setTimeout(r, 20));
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const next = [...this.jobs.values()].find((j) => j.state === 'queued');
    if (!next) return;
    this.running = true;
    Object.assign(next, { state: 'running' });
    try {
      const { bytes } = await renderToFile(next.request!, join(this.dir, next.file), (p) => (next.progress = Math.min(0.99, p)));
      Object.assign(next, { state: 'done', progress: 1, bytes, finishedAt: this.now() });
    } catch (error) {
      Object.assign(next, { state: 'failed', error: `the document could not be made: ${(error as Error).message}`, finishedAt: this.now() });
    } finally {
      delete next.request;
      this.running = false;
    }
    this.removeOldFiles();
    void this.pump();
  }

  private forgetOld(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state === 'done' || j.state === 'failed');
    for (const j of finished.slice(0, Math.max(0, finished.length - MAX_REMEMBERED))) this.jobs.delete(j.id);
  }

  private removeOldFiles(): void {
    try {
      for (const name of readdirSync(this.dir)) {
        if (!EXPORT_FILE_PATTERN.test(name)) continue;
        const path = join(this.dir, name);
        if (this.now() - statSync(path).mtimeMs > KEEP_FILES_MS) unlinkSync(path);
      }
    } catch {
      // A file removed meanwhile, or the folder unreadable: the next job tries again.
    }
  }
}
