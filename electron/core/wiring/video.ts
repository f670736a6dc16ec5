import { join } from 'node:path';
import { isUnacknowledged } from '../../common/alarms.js';
import type { AlarmService } from '../alarms/alarm-service.js';
import { CameraRegistry } from '../cameras/camera-registry.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import type { CredentialVault } from '../secrets/credential-vault.js';
import type { Database } from '../store/database.js';
import { EvidenceRecorder } from '../video/evidence-recorder.js';
import { VideoService } from '../video/video-service.js';

export interface VideoWiringOptions {
  cameras: SiteConfig['cameras'];
  dataDir: string;
  /** Camera credentials, sealed at rest (openVaults). */
  vault: CredentialVault;
  /** Disk for alarm evidence clips, bytes (EvidenceRecorder's default when absent). */
  clipQuotaBytes: number | undefined;
  db: Database;
  alarms: AlarmService;
  log: Logger;
}

/** Cameras and what hangs off them; `video` then `evidence` are services, registered in that order. */
export interface VideoWiring {
  vault: CredentialVault;
  cameras: CameraRegistry;
  video: VideoService;
  evidence: EvidenceRecorder;
  snapshotsDir: string;
  clipsDir: string;
}

/**
 * Cameras: credentials sealed in the data folder, streams on demand through ffmpeg, and evidence
 * clips recorded when an alarm activates (kept past the quota while their alarm is unacknowledged).
 */
export function wireVideo(o: VideoWiringOptions): VideoWiring {
  const vault = o.vault;
  const cameras = new CameraRegistry(o.cameras, vault);
  const video = new VideoService({ cameras: cameras.streamConfigs(), log: o.log.child('video') });
  const snapshotsDir = join(o.dataDir, 'snapshots');
  const clipsDir = join(o.dataDir, 'clips');
  const evidence = new EvidenceRecorder(cameras, video, o.db, o.log.child('evidence'), {
    clipsDir,
    ...(o.clipQuotaBytes !== undefined ? { quotaBytes: o.clipQuotaBytes } : {}),
    isUnacknowledged: (alarmId) => {
      const alarm = o.alarms.engine.byAlarmId(alarmId);
      return alarm !== null && isUnacknowledged(alarm);
    },
  });
  o.alarms.addListener((event) => evidence.onAlarmEvent(event));
  return { vault, cameras, video, evidence, snapshotsDir, clipsDir };
}
