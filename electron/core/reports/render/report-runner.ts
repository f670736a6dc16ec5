import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReportFileInfo } from '../../../common/reports.js';
import type { Progress } from '../../workforce/documents/xlsx-layout.js';
import { renderReportFiles, type RenderTarget } from './render-report.js';
import type { ReportDocument } from './report-document.js';

const WORKER_FILE = new URL('./report-worker.js', import.meta.url);

/**
 * Reports render in a worker thread in the built core (a month's PDF must not stall gate events,
 * alarms or the live channel); run from the TypeScript sources (unit tests) there is no compiled
 * worker, and the same renderer runs on the caller's thread.
 */
export const REPORTS_RENDER_IN_WORKER = import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_FILE));

export function renderInWorker(d: ReportDocument, target: RenderTarget, onProgress: Progress = () => undefined): Promise<{ files: ReportFileInfo[]; peakRss?: number }> {
  if (!REPORTS_RENDER_IN_WORKER) return renderReportFiles(d, target, onProgress).then((files) => ({ files }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: { document: JSON.stringify(d), target }, resourceLimits: { maxOldGenerationSizeMb: 1536 } });
    let settled = false;
    const settle = (f: () => void) => {
      if (!settled) f();
      settled = true;
    };
    worker.on('message', (m: { type: 'progress'; fraction: number } | { type: 'done'; files: ReportFileInfo[]; peakRss: number } | { type: 'failed'; message: string }) => {
      if (m.type === 'progress') onProgress(m.fraction);
      else if (m.type === 'done') settle(() => resolve({ files: m.files, peakRss: m.peakRss }));
      else settle(() => reject(new Error(m.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the report worker stopped (exit code ${code})`))));
  });
}
