import { join } from 'node:path';
import type { AlarmService } from '../alarms/alarm-service.js';
import type { Logger } from '../log/logger.js';
import { AddedCameraFile } from '../onvif/added-cameras.js';
import { turnCamerasOnAlarm } from '../onvif/alarm-preset.js';
import { OnvifService } from '../onvif/onvif-service.js';
import type { CameraView } from '../../common/api.js';
import type { VideoWiring } from './video.js';

export interface OnvifWiringOptions {
  dataDir: string;
  video: VideoWiring;
  alarms: AlarmService;
  /** The console's view of a camera (with its stream state), as listCameras answers it. */
  view: (id: string) => CameraView;
  log: Logger;
}

/**
 * ONVIF: the cameras added from the console (DATA/onvif-cameras.json) join the site's cameras,
 * the service behind the discovery/probe/add/PTZ routes, and PTZ cameras turning to their alarm
 * preset when a linked device's alarm activates.
 */
export function wireOnvif(o: OnvifWiringOptions): OnvifService {
  const log = o.log.child('onvif');
  const added = new AddedCameraFile(join(o.dataDir, 'onvif-cameras.json'));
  const cameraAdded = async (camera: { id: string }): Promise<void> => o.video.video.updateCamera(o.video.cameras.streamConfig(camera.id));
  for (const camera of added.list()) {
    if (o.video.cameras.add(camera)) void cameraAdded(camera);
    else log.warn('added camera ignored: the site file has a camera with its id', { camera: camera.id });
  }
  const service = new OnvifService({ cameras: o.video.cameras, vault: o.video.vault, added, cameraAdded, view: o.view, log });
  o.alarms.addListener(turnCamerasOnAlarm(o.video.cameras, (id, preset) => service.gotoPreset(id, preset), log));
  return service;
}
