import { useEffect, useState, type RefObject } from 'react';
import { MsePlayer, type PlayerState, type PlayerStats } from '../../video/mse-player.js';
import { currentToken } from '../../video/session-token.js';
import type { StreamStatusMessage } from '../../video/video-socket.js';

export interface LivePlayerView {
  state: PlayerState;
  detail?: string;
  status: StreamStatusMessage | null;
  stats: PlayerStats | null;
}

const PAUSED: LivePlayerView = { state: 'paused', status: null, stats: null };

/**
 * Runs an MsePlayer on `videoRef` while the tile is on screen and the page is visible
 * (IntersectionObserver + Page Visibility); destroys it — socket and MediaSource — on unmount or
 * when the camera or quality changes.
 */
export function useLivePlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  tileRef: RefObject<HTMLElement | null>,
  origin: string | null,
  cameraId: string | null,
  quality: 'main' | 'sub',
): LivePlayerView {
  // What a player reported, kept with the stream it plays: another camera or quality starts from
  // PAUSED, and a late report from the player of the stream before does not show on this one.
  const stream = JSON.stringify([origin, cameraId, quality]);
  const [reported, setReported] = useState<{ stream: string; view: LivePlayerView } | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    const tile = tileRef.current;
    if (!video || !tile || !origin || !cameraId) return;
    const report = (change: (v: LivePlayerView) => LivePlayerView) =>
      setReported((r) => ({ stream, view: change(r?.stream === stream ? r.view : PAUSED) }));
    const player = new MsePlayer(video, { origin, cameraId, quality, token: currentToken }, {
      onState: (state, detail) => report((v) => ({ ...v, state, detail })),
      onStatus: (status) => report((v) => ({ ...v, status })),
      onStats: (stats) => report((v) => ({ ...v, stats })),
    });
    let onScreen = true;
    const update = () => player.setActive(onScreen && document.visibilityState !== 'hidden');
    const observer = new IntersectionObserver((entries) => {
      onScreen = entries.some((e) => e.isIntersecting);
      update();
    });
    observer.observe(tile);
    document.addEventListener('visibilitychange', update);
    update();
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', update);
      player.destroy();
    };
  }, [videoRef, tileRef, origin, cameraId, quality, stream]);

  return reported?.stream === stream ? reported.view : PAUSED;
}
