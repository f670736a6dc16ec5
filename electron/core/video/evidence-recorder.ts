import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AlarmEvent } from '../../common/alarms.js';
import type { ClipView } from '../../common/api.js';
import type { CameraRegistry } from '../cameras/camera-registry.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import type { Database } from '../store/database.js';
import type { VideoService } from './video-service.js';
import type { VideoSubscription } from './stream-supervisor.js';

export interface EvidenceRecorderOptions {
  clipsDir: string;
  /** Disk for clips, bytes; oldest clips of acknowledged alarms are pruned beyond it. Default 2 GiB. */
  quotaBytes?: number;
  /** Video after the alarm, ms (the 20 s). Pre-roll is the stream's ring buffer (10 s). */
  postRollMs?: number;
  /**
   * Alarms within this window of a running clip share it instead of starting their own (an
   * overload raises load and moment alarms together). Short, so a shared clip still holds most of
   * the post-roll after the later alarm.
   */
  shareWindowMs?: number;
  /** Whether an alarm occurrence still needs an acknowledgement (its clip is never pruned). */
  isUnacknowledged: (alarmId: string) => boolean;
}

interface ClipRow {
  alarm_id: string;
  camera_id: string;
  file: string;
  started_at: number;
  duration_s: number;
  bytes: number;
}

/**
 * Alarm video evidence: cameras marked `recording` keep their main stream running so the ring
 * buffer always holds the last seconds; when an alarm activates on a linked device, the clip
 * (pre-roll + 20 s) is written to DATA/clips and attached to the alarm. Disk use stays under the
 * quota: oldest clips go first, never one of an unacknowledged alarm.
 */
export class EvidenceRecorder implements Service {
  readonly name = 'evidence';
  readonly required = false;
  private readonly holds: VideoSubscription[] = [];
  private readonly inFlight = new Map<string, { alarmIds: Set<string>; conditionKeys: Map<string, string>; startedAt: number }>();
  private readonly quotaBytes: number;
  private readonly postRollMs: number;
  private readonly shareWindowMs: number;
  private stopped = false;

  constructor(
    private readonly cameras: CameraRegistry,
    private readonly video: VideoService,
    private readonly db: Database,
    private readonly log: Logger,
    private readonly options: EvidenceRecorderOptions,
  ) {
    this.quotaBytes = options.quotaBytes ?? 2 * 1024 ** 3;
    this.postRollMs = options.postRollMs ?? 20_000;
    this.shareWindowMs = options.shareWindowMs ?? 5_000;
  }

  async start(): Promise<void> {
    mkdirSync(this.options.clipsDir, { recursive: true });
    if (!this.video.available) {
      this.log.warn('no video: alarm evidence clips are off until ffmpeg is installed');
      return;
    }
    for (const camera of this.cameras.list().filter((c) => c.recording)) {
      try {
        // A subscriber that ignores what it gets: it only keeps ffmpeg and the pre-roll buffer alive.
        this.holds.push(this.video.subscribe(camera.id, 'main', () => undefined, { join: 'now' }));
      } catch (error) {
        this.log.warn('camera cannot record pre-roll', { camera: camera.id, error });
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const hold of this.holds.splice(0)) hold.unsubscribe();
  }

  /** Alarm events from the engine; clips start on activation. */
  onAlarmEvent(event: AlarmEvent): void {
    if (event.type !== 'activated' || this.stopped) return;
    for (const camera of this.cameras.linkedTo(event.sourceDevice).filter((c) => c.recording)) {
      const running = this.inFlight.get(camera.id);
      if (running && Date.now() - running.startedAt < this.shareWindowMs) {
        running.alarmIds.add(event.alarmId);
        running.conditionKeys.set(event.alarmId, event.conditionKey);
        continue;
      }
      const entry = { alarmIds: new Set([event.alarmId]), conditionKeys: new Map([[event.alarmId, event.conditionKey]]), startedAt: Date.now() };
      this.inFlight.set(camera.id, entry);
      void this.record(camera.id, entry);
    }
  }

  clipsOf(alarmId: string): ClipView[] {
    return (this.db.prepare('SELECT * FROM alarm_clips WHERE alarm_id = ? ORDER BY started_at').all(alarmId) as ClipRow[]).map((r) => ({
      cameraId: r.camera_id,
      file: r.file,
      startedAt: r.started_at,
      durationSec: r.duration_s,
      bytes: r.bytes,
      url: `/api/media/clips/${r.file}`,
    }));
  }

  private async record(cameraId: string, entry: { alarmIds: Set<string>; conditionKeys: Map<string, string>; startedAt: number }): Promise<void> {
    try {
      const clip = await this.video.evidenceClip(cameraId, this.options.clipsDir, { postRollMs: this.postRollMs });
      if (this.inFlight.get(cameraId) === entry) this.inFlight.delete(cameraId);
      const file = basename(clip.path);
      const bytes = statSync(clip.path).size;
      const insert = this.db.prepare(
        'INSERT OR IGNORE INTO alarm_clips (alarm_id, condition_key, camera_id, file, started_at, duration_s, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      this.db.transaction(() => {
        for (const alarmId of entry.alarmIds) {
          insert.run(alarmId, entry.conditionKeys.get(alarmId) ?? '', cameraId, file, clip.startedAt, clip.durationSec, bytes, Date.now());
        }
      })();
      this.log.info('evidence clip saved', { camera: cameraId, file, seconds: Math.round(clip.durationSec), preRollSeconds: Math.round(clip.preRollSec * 10) / 10, alarms: entry.alarmIds.size });
      this.prune();
    } catch (error) {
      if (this.inFlight.get(cameraId) === entry) this.inFlight.delete(cameraId);
      if (!this.stopped) this.log.warn('evidence clip failed', { camera: cameraId, error });
    }
  }

  /** Deletes oldest clips beyond the quota, skipping any attached to an unacknowledged alarm. */
  prune(): number {
    const clips = this.db
      .prepare('SELECT file, MAX(bytes) AS bytes, MIN(created_at) AS created FROM alarm_clips GROUP BY file ORDER BY created ASC')
      .all() as { file: string; bytes: number }[];
    let total = clips.reduce((sum, c) => sum + c.bytes, 0);
    let removed = 0;
    for (const clip of clips) {
      if (total <= this.quotaBytes) break;
      const alarms = (this.db.prepare('SELECT alarm_id FROM alarm_clips WHERE file = ?').all(clip.file) as { alarm_id: string }[]).map((r) => r.alarm_id);
      if (alarms.some((id) => this.options.isUnacknowledged(id))) continue;
      const path = join(this.options.clipsDir, clip.file);
      // Move aside, then delete: a crash in between leaves a stray file, never a row without its file.
      if (existsSync(path)) {
        renameSync(path, `${path}.deleting`);
        this.db.prepare('DELETE FROM alarm_clips WHERE file = ?').run(clip.file);
        rmSync(`${path}.deleting`, { force: true });
      } else {
        this.db.prepare('DELETE FROM alarm_clips WHERE file = ?').run(clip.file);
      }
      total -= clip.bytes;
      removed++;
    }
    if (removed) this.log.info('evidence clips pruned to stay under the quota', { removed, quotaBytes: this.quotaBytes });
    return removed;
  }
}
