import type { AlarmEvent } from '../../common/alarms.js';
import type { CameraRegistry } from '../cameras/camera-registry.js';
import type { Logger } from '../log/logger.js';

/**
 * When an alarm activates on a device, each PTZ camera linked to it with `ptz.alarmPreset` turns to
 * that preset, so the wall shows the place of the alarm (site policy, like the evidence clip).
 * A camera that refuses is logged; the alarm itself is never held up.
 */
export function turnCamerasOnAlarm(
  cameras: CameraRegistry,
  gotoPreset: (cameraId: string, preset: string) => Promise<void>,
  log?: Logger,
): (event: AlarmEvent) => void {
  return (event) => {
    if (event.type !== 'activated') return;
    for (const camera of cameras.linkedTo(event.sourceDevice)) {
      const preset = camera.ptz?.alarmPreset;
      if (!preset || !camera.onvif) continue;
      gotoPreset(camera.id, preset).then(
        () => log?.info('PTZ camera turned to alarm preset', { camera: camera.id, preset, alarm: event.alarmId }),
        (error: unknown) => log?.warn('PTZ camera did not turn to alarm preset', { camera: camera.id, preset, reason: (error as Error).message }),
      );
    }
  };
}
