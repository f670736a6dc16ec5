/**
 * Runs the parsing of an import file in a worker thread when the compiled worker is there (the
 * built core), and in-process otherwise (tests that run the TypeScript sources). Either way the
 * rows arrive in chunks, and the caller's event loop gets a turn between them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ImportFileError, readTable } from './import-table.js';
import { parseTable, type ParsedRow } from './import-parse.js';

export interface ImportJob {
  bytes: Uint8Array;
  format: 'xlsx' | 'csv';
  today: string;
  maxRows: number;
}

export type ImportMessage = { type: 'rows'; rows: ParsedRow[] } | { type: 'done'; rows: number } | { type: 'error'; message: string; fileError?: boolean };

/** Rows per message from the worker (one message costs the receiver a few ms to deserialise). */
const CHUNK = 500;

/**
 * The parse itself (in the worker, or in-process): posts chunks of rows, then 'done' or 'error'.
 * `ready` resolves when the receiver has taken the last chunk: Node delivers every queued message
 * of a port in one go, so posting all chunks at once would make the receiver deserialise 50,000
 * rows in one turn of its event loop.
 */
export async function parseImport(job: ImportJob, post: (message: ImportMessage) => void, ready: () => Promise<void> = async () => undefined): Promise<void> {
  try {
    const table = await readTable(job.bytes, job.format, job.maxRows);
    const rows = parseTable(table, job.today, job.maxRows);
    for (let i = 0; i < rows.length; i += CHUNK) {
      post({ type: 'rows', rows: rows.slice(i, i + CHUNK) });
      await ready();
    }
    post({ type: 'done', rows: rows.length });
  } catch (error) {
    post({ type: 'error', message: (error as Error).message, fileError: error instanceof ImportFileError });
  }
}

const WORKER_URL = new URL('./import-parse-worker.js', import.meta.url);

/** Parses `job` off the event loop where possible; resolves with every row, or rejects with an ImportFileError. */
export function runImportParse(job: ImportJob): Promise<ParsedRow[]> {
  const rows: ParsedRow[] = [];
  return new Promise((resolve, reject) => {
    let worker: Worker | null = null;
    const onMessage = (m: ImportMessage) => {
      if (m.type === 'rows') {
        for (const row of m.rows) rows.push(row);
        // The next chunk after a turn of the event loop (see parseImport).
        if (worker) setImmediate(() => worker?.postMessage('next'));
      }
      else if (m.type === 'done') {
        worker = null;
        resolve(rows);
      }
      else reject(m.fileError === false ? new Error(m.message) : new ImportFileError(m.message));
    };
    if (!existsSync(fileURLToPath(WORKER_URL))) {
      void parseImport(job, onMessage, () => new Promise((r) => setImmediate(r)));
      return;
    }
    worker = new Worker(WORKER_URL, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    worker.on('message', onMessage);
    worker.on('error', (error) => reject(new Error(`the import worker failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the import worker stopped (exit ${code})`));
    });
  });
}
