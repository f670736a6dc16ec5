import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { renderDocument, type DocumentRequest } from './render-document.js';

/**
 * Worker thread entry: renders one document and writes it to `file`, posting progress as it
 * goes, so a 2,000-worker ledger never stalls the core's event loop (gate events, the live
 * channel, alarms keep flowing while it is made).
 */
const { file } = workerData as { request: string; file: string };
const request = JSON.parse((workerData as { request: string }).request) as DocumentRequest;
let last = -1;
renderDocument(request, (fraction) => {
  const pct = Math.floor(fraction * 100);
  if (pct !== last) {
    last = pct;
    parentPort!.postMessage({ type: 'progress', fraction });
  }
})
  .then((bytes) => {
    writeFileSync(file, bytes);
    parentPort!.postMessage({ type: 'done', bytes: bytes.length, peakRss: process.resourceUsage().maxRSS * 1024 });
  })
  .catch((error: unknown) => parentPort!.postMessage({ type: 'failed', message: (error as Error).message }));
