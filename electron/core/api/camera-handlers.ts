import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../common/api.js';
import { compactUtc } from '../../common/time.js';
import type { CameraRegistry } from '../cameras/camera-registry.js';
import type { CredentialVault } from '../secrets/credential-vault.js';
import type { VideoService } from '../video/video-service.js';
import type { ApiHandlers } from './handlers.js';

export interface CameraHandlerDeps {
  cameras: CameraRegistry;
  vault: CredentialVault;
  video: VideoService;
  /** Why video cannot work at all (the video service failed to start), or null. */
  videoProblem: () => string | null;
  snapshotsDir: string;
}

/** File names of snapshots and clips: camera id, UTC time, extension. Nothing else is ever served. */
export const MEDIA_FILE_PATTERN = /^[A-Za-z0-9_.-]{1,64}-\d{8}T\d{6}(\d{3})?Z\.(jpg|mp4)$/;

export function createCameraHandlers(deps: CameraHandlerDeps): Pick<ApiHandlers, 'listCameras' | 'setCameraCredentials' | 'takeSnapshot'> {
  const view = (id: string) => {
    const v = deps.cameras.view(id, deps.video.status());
    const problem = deps.videoProblem();
    return problem ? { ...v, unavailable: problem } : v;
  };
  const known = (id: string) => {
    if (!deps.cameras.has(id)) throw new ApiError('not-found', `no camera "${id}"`, 'id');
  };
  return {
    async listCameras() {
      return deps.cameras.list().map((c) => view(c.id));
    },
    async setCameraCredentials({ id, username, password }) {
      known(id);
      deps.vault.set(id, { username, password });
      await deps.video.updateCamera(deps.cameras.streamConfig(id));
      return view(id);
    },
    async takeSnapshot({ id, quality }) {
      known(id);
      const problem = deps.videoProblem();
      if (problem) throw new ApiError('conflict', problem);
      let jpeg: Buffer;
      try {
        jpeg = await deps.video.snapshot(id, quality ?? 'main');
      } catch (error) {
        throw new ApiError('conflict', `no snapshot from camera "${id}": ${(error as Error).message}`);
      }
      const takenAt = Date.now();
      const file = `${id}-${compactUtc(takenAt)}.jpg`;
      mkdirSync(deps.snapshotsDir, { recursive: true });
      writeFileSync(join(deps.snapshotsDir, file), jpeg);
      return { cameraId: id, takenAt, file, bytes: jpeg.length, url: `/api/media/snapshots/${file}` };
    },
  };
}
