/**
 * Worker-thread entry of the import: reads the file and checks every row here, off the core's
 * event loop (a 50,000-row XLSX takes seconds to unzip and parse), and posts the rows back in
 * chunks so no single message costs the core a long structured-clone.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseImport, type ImportJob } from './import-runner.js';

const job = workerData as ImportJob;
const port = parentPort!;
/** Waits for the core's 'next': it has taken the chunk and had a turn of its event loop. */
const ready = () => new Promise<void>((resolve) => port.once('message', () => resolve()));
parseImport(job, (message) => port.postMessage(message), ready).catch((error: unknown) => {
  port.postMessage({ type: 'error', message: (error as Error).message });
});
