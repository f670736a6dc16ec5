import { parentPort, workerData } from 'node:worker_threads';
import { renderReportFiles, type RenderTarget } from './render-report.js';
import type { ReportDocument } from './report-document.js';

/** Worker thread entry: renders one report's PDF and XLSX, posting progress as it goes. */
const data = workerData as { document: string; target: RenderTarget };
let last = -1;
renderReportFiles(JSON.parse(data.document) as ReportDocument, data.target, (fraction) => {
  const pct = Math.floor(fraction * 100);
  if (pct !== last) {
    last = pct;
    parentPort!.postMessage({ type: 'progress', fraction });
  }
})
  .then((files) => parentPort!.postMessage({ type: 'done', files, peakRss: process.resourceUsage().maxRSS * 1024 }))
  .catch((error: unknown) => parentPort!.postMessage({ type: 'failed', message: (error as Error).message }));
