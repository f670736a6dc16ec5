import { useCallback, useEffect, useRef } from 'react';
import type { ApiClient } from '../../transport/api-client.js';

/** A PTZ velocity in the ONVIF generic space, each in [-1, 1]. */
export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

/** The move is sent again this often while held: the core asks the camera to stop by itself after 2 s. */
const RESEND_MS = 1_500;
/** Speed of a button or key press (half speed: precise enough to frame a crane hook). */
export const PTZ_SPEED = 0.5;

/**
 * Press-and-hold PTZ for one camera: `start(v)` moves (re-sent while held), `stop()` stops; leaving
 * the tile or unmounting stops too, so a camera never keeps turning because a release was lost.
 */
export function usePtz(client: ApiClient, cameraId: string, onError: (message: string) => void) {
  const held = useRef<{ velocity: PtzVelocity; timer: ReturnType<typeof setInterval> } | null>(null);

  const send = useCallback(
    (velocity: PtzVelocity) => client.call('ptzMove', { id: cameraId, ...velocity }).catch((e: Error) => onError(e.message)),
    [client, cameraId, onError],
  );

  const stop = useCallback(() => {
    if (!held.current) return;
    clearInterval(held.current.timer);
    held.current = null;
    void client.call('ptzStop', { id: cameraId }).catch((e: Error) => onError(e.message));
  }, [client, cameraId, onError]);

  const start = useCallback(
    (velocity: PtzVelocity) => {
      const same = held.current && JSON.stringify(held.current.velocity) === JSON.stringify(velocity);
      if (same) return;
      if (held.current) clearInterval(held.current.timer);
      held.current = { velocity, timer: setInterval(() => void send(velocity), RESEND_MS) };
      void send(velocity);
    },
    [send],
  );

  useEffect(() => stop, [stop]);
  return { start, stop };
}

/** The velocity a key stands for, or null: arrows pan/tilt, + and − zoom. */
export function keyVelocity(key: string): PtzVelocity | null {
  switch (key) {
    case 'ArrowLeft':
      return { pan: -PTZ_SPEED, tilt: 0, zoom: 0 };
    case 'ArrowRight':
      return { pan: PTZ_SPEED, tilt: 0, zoom: 0 };
    case 'ArrowUp':
      return { pan: 0, tilt: PTZ_SPEED, zoom: 0 };
    case 'ArrowDown':
      return { pan: 0, tilt: -PTZ_SPEED, zoom: 0 };
    case '+':
    case '=':
      return { pan: 0, tilt: 0, zoom: PTZ_SPEED };
    case '-':
    case '_':
      return { pan: 0, tilt: 0, zoom: -PTZ_SPEED };
    default:
      return null;
  }
}
