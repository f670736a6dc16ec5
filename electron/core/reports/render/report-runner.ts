import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReportFileInfo } from '../../../common/reports.js';
import type { Progress } from '../../workforce/documents/xlsx-layout.js';
import { renderReportFiles, type RenderTarget } from './render-report.js';
import type { ReportDocument } from './report-document.js';

const WORKER_FILE = new URL('./report-worker.js', import.meta.url);
/** An idle render worker is ended after this long (loading ECharts, pdfkit and ExcelJS costs seconds; a burst of reports shares one). */
const IDLE_MS = 60_000;

/**
 * Reports render in a worker thread in the built core (a month's PDF must not stall gate events,
 * alarms or the live channel); run from the TypeScript sources (unit tests) there is no compiled
 * worker, and the same renderer runs on the caller's thread.
 */
export const REPORTS_RENDER_IN_WORKER = import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_FILE));

type Message = { type: 'progress'; fraction: number } | { type: 'done'; files: ReportFileInfo[]; peakRss: number } | { type: 'failed'; message: string };

let worker: Worker | null = null;
let idleTimer: ReturnType<typeof setTimeout> | null = null;

/** The render worker, started on first use; one report at a time goes to it (the jobs queue makes them one by one). */
function renderWorker(): Worker {
  if (idleTimer) clearTimeout(idleTimer);
  if (worker) return worker;
  // Old-generation heap capped so a runaway report cannot take the core's memory with it.
  const w = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 1536 } });
  w.on('exit', () => {
    if (worker === w) worker = null;
  });
  worker = w;
  return w;
}

function releaseLater(): void {
  const w = worker;
  if (!w) return;
  w.unref();
  idleTimer = setTimeout(() => {
    if (worker === w) worker = null;
    void w.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}

export function renderInWorker(d: ReportDocument, target: RenderTarget, onProgress: Progress = () => undefined): Promise<{ files: ReportFileInfo[]; peakRss?: number }> {
  if (!REPORTS_RENDER_IN_WORKER) return renderReportFiles(d, target, onProgress).then((files) => ({ files }));
  const w = renderWorker();
  w.ref();
  return new Promise<{ files: ReportFileInfo[]; peakRss?: number }>((resolve, reject) => {
    const cleanup = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (m: Message) => {
      if (m.type === 'progress') return onProgress(m.fraction);
      cleanup();
      if (m.type === 'done') resolve({ files: m.files, peakRss: m.peakRss });
      else reject(new Error(m.message));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`the report worker stopped (exit code ${code})`));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    // The document crosses as one JSON string: copying a string is a memcpy, cloning a month's rows object by object is not.
    w.postMessage({ document: JSON.stringify(d), target });
  }).finally(releaseLater);
}
