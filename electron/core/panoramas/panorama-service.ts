import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { PanoramaPointView, PanoramaProgress, PanoramaQueueView } from '../../common/panorama/types.js';
import type { PanoramaSettings, SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';
import { AnnotationRepo } from './annotation-repo.js';
import { CaptureRepo } from './capture-repo.js';
import { DevicePuller } from './device-puller.js';
import { InboxWatcher } from './inbox-watcher.js';
import { PanoramaIngest, type Submission } from './panorama-ingest.js';
import { PanoramaStorePaths } from './store-paths.js';

const DEFAULT_SETTINGS: PanoramaSettings = { points: [], gpsMatchM: 15, inboxPollS: 2, inboxSettleS: 3, maxFileMiB: 80, devices: [] };
export const DEFAULT_CAMERA_HEIGHT_M = 1.6;

export interface PanoramaServiceOptions {
  dataDir: string;
  siteDir: string;
  site: SiteConfig;
  db: Database;
  onProgress: (progress: PanoramaProgress) => void;
  log: Logger;
  /** A capture device's password from the vault; null when none is set. */
  devicePasswordOf?: (deviceId: string) => string | null;
}

/**
 * Panoramic imaging: the store, ingest from every source (inbox folder, HTTP upload, capture
 * devices, demo seed), and the repositories the API reads. Optional: if it fails, the rest of
 * the core runs on.
 */
export class PanoramaService implements Service {
  readonly name = 'panoramas';
  readonly required = false;
  readonly settings: PanoramaSettings;
  readonly paths: PanoramaStorePaths;
  readonly captures: CaptureRepo;
  readonly annotations: AnnotationRepo;
  readonly ingest: PanoramaIngest;
  private inbox: InboxWatcher | null = null;
  private readonly pullers: DevicePuller[] = [];
  private seeding: Promise<void> | null = null;

  constructor(private readonly options: PanoramaServiceOptions) {
    this.settings = options.site.panoramas ?? DEFAULT_SETTINGS;
    this.paths = new PanoramaStorePaths(options.dataDir);
    this.captures = new CaptureRepo(options.db, (pointId) => this.pointById(pointId)?.cameraHeightM ?? DEFAULT_CAMERA_HEIGHT_M);
    this.annotations = new AnnotationRepo(options.db);
    this.ingest = new PanoramaIngest(
      this.paths,
      this.captures,
      {
        points: () => this.settings.points,
        gpsMatchM: this.settings.gpsMatchM,
        maxBytes: this.settings.maxFileMiB * 2 ** 20,
        origin: options.site.origin ?? null,
        timeZone: options.site.timeZone,
        onProgress: options.onProgress,
      },
      options.log,
    );
  }

  get maxBytes(): number {
    return this.settings.maxFileMiB * 2 ** 20;
  }

  async start(): Promise<void> {
    mkdirSync(this.paths.captures, { recursive: true });
    // Work folders left by a crash are incomplete by definition.
    rmSync(this.paths.work, { recursive: true, force: true });
    mkdirSync(this.paths.work, { recursive: true });
    if (this.settings.inbox) {
      const dir = isAbsolute(this.settings.inbox) ? this.settings.inbox : join(this.options.siteDir, this.settings.inbox);
      this.inbox = new InboxWatcher(dir, this.settings.inboxPollS * 1000, this.settings.inboxSettleS * 1000, (s) => this.submit(s), this.options.log.child('inbox'));
      this.inbox.start();
    }
    for (const device of this.settings.devices) {
      const passwordOf = () => this.options.devicePasswordOf?.(device.id) ?? null;
      const puller = new DevicePuller(device, this.maxBytes, (s) => this.submit(s), this.options.log.child('pull'), passwordOf);
      this.pullers.push(puller);
      puller.start();
    }
    if (this.settings.seed && this.captures.count() === 0) this.seeding = this.seed(join(this.options.siteDir, this.settings.seed));
  }

  /** Pulls a capture device now (after its password changed); false when no such device is polled. */
  pullDeviceNow(deviceId: string): boolean {
    const puller = this.pullers.find((p) => p.status.id === deviceId);
    if (puller) void puller.pull();
    return puller !== undefined;
  }

  /** Capture devices of the site file, polled or not (the service may not have started). */
  hasDevice(deviceId: string): boolean {
    return this.settings.devices.some((d) => d.id === deviceId);
  }

  async stop(): Promise<void> {
    this.inbox?.stop();
    await Promise.all(this.pullers.map((p) => p.stop()));
    await this.seeding;
  }

  submit(s: Submission) {
    return this.ingest.submit(s);
  }

  pointById(id: string | null) {
    return id === null ? undefined : this.settings.points.find((p) => p.id === id);
  }

  points(): PanoramaPointView[] {
    const stats = new Map(
      (
        this.options.db
          .prepare(`SELECT point_id AS id, count(*) AS n, max(coalesce(captured_at, ingested_at)) AS latest FROM panorama_captures WHERE state = 'ready' GROUP BY point_id`)
          .all() as { id: string | null; n: number; latest: number }[]
      ).map((r) => [r.id, r]),
    );
    return this.settings.points.map((p) => ({
      id: p.id,
      name: p.name,
      position: { e: p.position.e, n: p.position.n, u: p.position.u },
      cameraHeightM: p.cameraHeightM,
      neighbours: p.neighbours,
      captureCount: stats.get(p.id)?.n ?? 0,
      latestAt: stats.get(p.id)?.latest ?? null,
    }));
  }

  queueView(): PanoramaQueueView {
    return { ...this.ingest.queueView(), devices: this.pullers.map((p) => ({ ...p.status })) };
  }

  /** Demo panoramas shipped with the site, ingested once into an empty store; the seed folder is only read. */
  private async seed(dir: string): Promise<void> {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).filter((n) => /\.(jpe?g|png)$/i.test(n)).sort()) {
      const result = await this.submit({ bytes: readFileSync(join(dir, name)), name, source: 'demo' });
      if (result.status === 'rejected') this.options.log.warn('demo panorama refused', { name, message: result.message });
    }
  }
}
