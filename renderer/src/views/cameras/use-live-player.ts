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
  const [view, setView] = useState<LivePlayerView>({ state: 'paused', status: null, stats: null });

  useEffect(() => {
    const video = videoRef.current;
    const tile = tileRef.current;
    setView({ state: 'paused', status: null, stats: null });
    if (!video || !tile || !origin || !cameraId) return;
    const player = new MsePlayer(video, { origin, cameraId, quality, token: currentToken }, {
      onState: (state, detail) => setView((v) => ({ ...v, state, detail })),
      onStatus: (status) => setView((v) => ({ ...v, status })),
      onStats: (stats) => setView((v) => ({ ...v, stats })),
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
  }, [videoRef, tileRef, origin, cameraId, quality]);

  return view;
}
