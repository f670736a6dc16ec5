import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { PanoramaIngestResult } from '../../common/panorama/types.js';
import type { Logger } from '../log/logger.js';
import type { Submission } from './panorama-ingest.js';

/**
 * Polls a folder for new panoramas. Polling, not fs.watch: cameras and stitching software write
 * through SMB/NFS shares where change events are unreliable, and a size check needs two looks
 * anyway. A file is taken only when its size and mtime are unchanged between two looks (a copy in
 * progress grows) and it has not been written for `settleMs` (a copy may pause longer than one
 * poll: network shares stall); after ingest (accepted, duplicate or refused, the last kept in the store with
 * its reason) it is removed from the inbox. Hidden files and `.part`/`.tmp`/`.crdownload` are skipped.
 */
export class InboxWatcher {
  private timer: NodeJS.Timeout | null = null;
  private readonly seen = new Map<string, string>();
  private busy = false;
  private stopped = false;

  constructor(
    private readonly dir: string,
    private readonly intervalMs: number,
    private readonly settleMs: number,
    private readonly submit: (s: Submission) => Promise<PanoramaIngestResult>,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.scan(), this.intervalMs);
    this.timer.unref();
    void this.scan();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** One look at the folder; exposed for tests. */
  async scan(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      let names: string[];
      try {
        names = await readdir(this.dir);
      } catch (error) {
        this.log.warn('panorama inbox cannot be read', { dir: this.dir, error: (error as Error).message });
        return;
      }
      const present = new Set<string>();
      for (const name of names.sort()) {
        if (this.stopped) return;
        if (name.startsWith('.') || /\.(part|tmp|crdownload|partial)$/i.test(name)) continue;
        const path = join(this.dir, name);
        const info = await stat(path).catch(() => null);
        if (!info?.isFile()) continue;
        present.add(name);
        const signature = `${info.size}:${info.mtimeMs}`;
        if (this.seen.get(name) !== signature || Date.now() - info.mtimeMs < this.settleMs) {
          this.seen.set(name, signature); // first look, still changing, or written too recently: wait
          continue;
        }
        const bytes = await readFile(path);
        if (bytes.length !== info.size) continue; // changed while reading
        const result = await this.submit({ bytes, name, source: 'inbox', keepRejected: true });
        if (result.status === 'rejected' && result.reason === 'queue-full') continue; // try again next look
        await unlink(path).catch((error) => this.log.warn('cannot remove a taken inbox file', { path, error: (error as Error).message }));
        this.seen.delete(name);
      }
      for (const name of this.seen.keys()) if (!present.has(name)) this.seen.delete(name);
    } finally {
      this.busy = false;
    }
  }
}
