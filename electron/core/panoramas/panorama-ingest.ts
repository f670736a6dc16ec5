import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeodeticPosition } from '../../common/geometry/wgs84.js';
import type { PanoramaCaptureView, PanoramaIngestResult, PanoramaProgress, PanoramaQueueView } from '../../common/panorama/types.js';
import { compactUtc } from '../../common/time.js';
import type { Logger } from '../log/logger.js';
import { choosePoint, type CapturePointConfig } from './assign-point.js';
import { captureIdOf, sha256Hex } from './capture-id.js';
import { readCaptureMetadata } from './capture-metadata.js';
import type { CaptureRepo } from './capture-repo.js';
import { checkFileName, storeSafeName } from './file-name.js';
import { checkPanoramaImage, PanoramaRejected } from './image-check.js';
import { ProcessingQueue } from './processing-queue.js';
import { writeThumbnail, writeTiles } from './tiler.js';
import type { PanoramaStorePaths } from './store-paths.js';

/**
 * Panoramas waiting behind the one in work. Each holds its file's bytes, so memory is bounded by
 * (this + 1) × maxFileMiB; 4 keeps a batch of five ("processing 3/5") without a burst of
 * uploads costing gigabytes. The inbox retries later; an upload past this gets 429.
 */
export const DEFAULT_QUEUE_CAPACITY = 4;

/** One panorama handed to ingest by the inbox, an upload, a device pull or the demo seed. */
export interface Submission {
  bytes: Buffer;
  name: string;
  /** `inbox`, `upload`, `device:ID`, `demo`. */
  source: string;
  /** Point named by the sender (upload header, device setting). */
  pointId?: string | null;
  /** Keep a copy of a refused file in the store's `rejected/` folder (inbox, devices: the sender's copy is gone). */
  keepRejected?: boolean;
}

export interface IngestOptions {
  points: () => readonly CapturePointConfig[];
  gpsMatchM: number;
  maxBytes: number;
  origin: GeodeticPosition | null;
  timeZone: string;
  queueCapacity?: number;
  onProgress: (progress: PanoramaProgress) => void;
}

/**
 * The ingest path every source shares: name and size checks, dedupe by sha256, then (queued, one
 * at a time) header check, metadata, tiles and thumbnail in a work folder that is renamed into
 * place when complete, so a capture folder is either whole or absent. Nothing is written outside
 * the store folder.
 */
export class PanoramaIngest {
  private readonly queue: ProcessingQueue<Submission & { sha256: string }, PanoramaIngestResult>;
  /** Hashes queued or in work: a second copy arriving meanwhile is a duplicate too. */
  private readonly inFlight = new Map<string, Promise<PanoramaIngestResult>>();
  private processed = 0;
  private rejected = 0;

  constructor(
    private readonly paths: PanoramaStorePaths,
    private readonly captures: CaptureRepo,
    private readonly options: IngestOptions,
    private readonly log: Logger,
  ) {
    this.queue = new ProcessingQueue(options.queueCapacity ?? DEFAULT_QUEUE_CAPACITY, (item, position) => this.process(item, position));
  }

  queueView(): Omit<PanoramaQueueView, 'devices'> {
    return { queued: this.queue.length, processing: this.queue.current?.name ?? null, capacity: this.queue.capacity, processed: this.processed, rejected: this.rejected };
  }

  async submit(s: Submission): Promise<PanoramaIngestResult> {
    const name = checkFileName(s.name);
    if (!name.ok) return this.refuse(s, name.reason, name.message);
    if (s.bytes.length > this.options.maxBytes) {
      return this.refuse(s, 'too-large', `the file is ${(s.bytes.length / 2 ** 20).toFixed(1)} MiB, over the ${(this.options.maxBytes / 2 ** 20).toFixed(0)} MiB limit`);
    }
    const sha256 = sha256Hex(s.bytes);
    const existing = this.captures.bySha(sha256);
    if (existing) return this.duplicate(s, existing);
    const pending = this.inFlight.get(sha256);
    if (pending) {
      const first = await pending;
      return first.status === 'rejected' ? first : this.duplicate(s, first.capture);
    }
    const queued = this.queue.push({ ...s, name: name.name, sha256 });
    if (!queued) return { status: 'rejected', reason: 'queue-full', message: `${this.queue.capacity} panoramas are already waiting; try again shortly` };
    this.options.onProgress({ ...this.queue.batch, file: name.name, stage: 'queued' });
    this.inFlight.set(sha256, queued);
    try {
      return await queued;
    } finally {
      this.inFlight.delete(sha256);
    }
  }

  private async process(s: Submission & { sha256: string }, position: { index: number; total: number }): Promise<PanoramaIngestResult> {
    const progress = (stage: PanoramaProgress['stage'], extra: Partial<PanoramaProgress> = {}) => this.options.onProgress({ ...position, file: s.name, stage, ...extra });
    const id = captureIdOf(s.sha256);
    const work = join(this.paths.work, `${id}-${randomBytes(4).toString('hex')}`);
    try {
      progress('checking');
      const facts = await checkPanoramaImage(s.bytes, this.options.maxBytes);
      const meta = await readCaptureMetadata(s.bytes, this.options.timeZone);
      mkdirSync(work, { recursive: true });
      progress('tiling', { captureId: id });
      const levels = await writeTiles(s.bytes, work, facts.width, facts.height);
      progress('thumbnail', { captureId: id });
      await writeThumbnail(work);
      writeFileSync(join(work, `original.${facts.format === 'jpeg' ? 'jpg' : 'png'}`), s.bytes);
      const target = this.paths.captureDir(id);
      rmSync(target, { recursive: true, force: true }); // leftovers of a crash between rename and insert
      renameSync(work, target);
      const choice = choosePoint(this.options.points(), { explicit: s.pointId ?? null, fileName: s.name, gps: meta.gps }, { gpsMatchM: this.options.gpsMatchM, origin: this.options.origin });
      this.captures.insert({
        id, sha256: s.sha256, pointId: choice.pointId, assignedBy: choice.assignedBy, source: s.source, originalName: s.name,
        format: facts.format, width: facts.width, height: facts.height, bytes: s.bytes.length, capturedAt: meta.capturedAt, ingestedAt: Date.now(),
        headingDeg: meta.headingDeg, pitchDeg: meta.pitchDeg, rollDeg: meta.rollDeg, gps: meta.gps, make: meta.make, model: meta.model, levels,
      });
      this.processed++;
      const capture = this.captures.byId(id)!;
      progress('done', { captureId: id });
      this.log.info('panorama ingested', { id, file: s.name, source: s.source, point: choice.pointId, by: choice.assignedBy, width: facts.width });
      return { status: 'accepted', capture };
    } catch (error) {
      rmSync(work, { recursive: true, force: true });
      if (error instanceof PanoramaRejected) return this.refuse(s, error.reason, error.message, position);
      this.log.error('panorama processing failed', { file: s.name, error });
      progress('failed', { message: (error as Error).message });
      throw error;
    }
  }

  private refuse(s: Submission, reason: PanoramaRejected['reason'], message: string, position?: { index: number; total: number }): PanoramaIngestResult {
    this.rejected++;
    this.options.onProgress({ index: position?.index ?? 0, total: position?.total ?? 0, file: s.name, stage: 'rejected', message });
    this.log.warn('panorama refused', { file: s.name, source: s.source, reason, message });
    if (s.keepRejected) {
      // The sender's copy is about to be removed (inbox) or was never ours (device): keep it with its reason.
      const base = `${compactUtc(Date.now())}-${randomBytes(2).toString('hex')}-${storeSafeName(s.name)}`;
      mkdirSync(this.paths.rejected, { recursive: true });
      writeFileSync(join(this.paths.rejected, base), s.bytes);
      writeFileSync(join(this.paths.rejected, `${base}.reason.json`), JSON.stringify({ file: s.name, source: s.source, reason, message, at: new Date().toISOString() }, null, 2));
    }
    return { status: 'rejected', reason, message };
  }

  private duplicate(s: Submission, first: PanoramaCaptureView): PanoramaIngestResult {
    const message = `duplicate: the same image (sha256) is already stored as ${first.id} ("${first.originalName}")`;
    this.options.onProgress({ index: 0, total: 0, file: s.name, stage: 'duplicate', captureId: first.id, message });
    return { status: 'duplicate', capture: first, message };
  }
}
