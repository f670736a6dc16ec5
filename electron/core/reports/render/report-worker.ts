import { parentPort } from 'node:worker_threads';
import { renderReportFiles, type RenderTarget } from './render-report.js';
import type { ReportDocument } from './report-document.js';

/**
 * Worker thread: renders reports' PDF and XLSX one at a time as they are posted, posting progress
 * as it goes; kept for a while between reports so the renderers are loaded once per burst.
 */
parentPort!.on('message', (data: { document: string; target: RenderTarget }) => {
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
});
