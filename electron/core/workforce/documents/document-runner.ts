import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderDocument, type DocumentRequest } from './render-document.js';
import type { Progress } from './xlsx-layout.js';

const WORKER_FILE = new URL('./document-worker.js', import.meta.url);

/**
 * Whether documents are made in a worker thread: always in the built core (dist/, a packaged
 * app). Run from TypeScript sources (unit tests under Vitest) there is no compiled worker file,
 * and the same renderer runs on the caller's thread instead.
 */
export const RENDERS_IN_WORKER = import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_FILE));

/** Renders `request` into `file` (in a worker thread when built); resolves with the file's size. */
export async function renderToFile(request: DocumentRequest, file: string, onProgress: Progress = () => undefined): Promise<{ bytes: number }> {
  if (!RENDERS_IN_WORKER) {
    const bytes = await renderDocument(request, onProgress);
    writeFileSync(file, bytes);
    return { bytes: bytes.length };
  }
  return new Promise((resolve, reject) => {
    // Old-generation heap capped so a runaway document cannot take the core's memory with it.
    // The request crosses as one JSON string: copying a string is a memcpy, while structured-cloning
    // 2,000 ledger rows object by object holds the event loop for tens of milliseconds.
    const worker = new Worker(WORKER_FILE, { workerData: { request: JSON.stringify(request), file }, resourceLimits: { maxOldGenerationSizeMb: 1536 } });
    let settled = false;
    worker.on('message', (m: { type: 'progress'; fraction: number } | { type: 'done'; bytes: number } | { type: 'failed'; message: string }) => {
      if (m.type === 'progress') onProgress(m.fraction);
      else if (m.type === 'done') {
        settled = true;
        resolve({ bytes: m.bytes });
      } else {
        settled = true;
        reject(new Error(m.message));
      }
    });
    worker.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the document worker stopped (exit code ${code})`));
      settled = true;
    });
  });
}
