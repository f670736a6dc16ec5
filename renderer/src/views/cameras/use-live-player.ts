import { useEffect, useState, type RefObject } from 'react';
import { MsePlayer, type PlayerState, type PlayerStats } from '../../video/mse-player.js';
import { currentToken } from '../../video/session-token.js';
import type { StreamStatusMessage } from '../../video/video-socket.js';
import { WebRtcPlayer } from '../../video/webrtc-player.js';
import { firstPath, forcedPath, nextPath, type PathChoice } from '../../video/webrtc-staging.js';

export interface LivePlayerView {
  state: PlayerState;
  detail?: string;
  status: StreamStatusMessage | null;
  stats: PlayerStats | null;
  /** The path the picture takes now and why (the tile's small label and its tooltip). */
  path: PathChoice;
}

/** Where a tile is in the staged fallback: the choice, the WebRTC drops after playing so far, and a counter that restarts the same path. */
interface Staging {
  stream: string;
  choice: PathChoice;
  drops: number;
  attempt: number;
}

const FORCED = typeof location === 'undefined' ? null : forcedPath(location.search);

function initialStaging(stream: string): Staging {
  return { stream, choice: firstPath(FORCED, WebRtcPlayer.supported), drops: 0, attempt: 0 };
}

/**
 * Runs the tile's player on `videoRef` while the tile is on screen and the page is visible
 * (IntersectionObserver + Page Visibility): WebRTC first, MSE when WebRTC fails before a picture
 * (or keeps dropping), the core's transcode when MSE cannot decode the codec — `?videoPath=`
 * forces one (webrtc-staging.ts has the rule). Destroys the player — socket, peer, MediaSource —
 * on unmount, on a path change, or when the camera or quality changes.
 */
export function useLivePlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  tileRef: RefObject<HTMLElement | null>,
  origin: string | null,
  cameraId: string | null,
  quality: 'main' | 'sub',
): LivePlayerView {
  // What a player reported, kept with the stream it plays: another camera or quality starts from
  // scratch, and a late report from the player of the stream before does not show on this one.
  const stream = JSON.stringify([origin, cameraId, quality]);
  const [staging, setStaging] = useState<Staging>(() => initialStaging(stream));
  const current = staging.stream === stream ? staging : initialStaging(stream);
  const paused: LivePlayerView = { state: 'paused', status: null, stats: null, path: current.choice };
  const [reported, setReported] = useState<{ key: string; view: LivePlayerView } | null>(null);
  // The MSE player falls back to the transcode by itself: that changes the label, not the player.
  const engine = current.choice.path === 'webrtc' ? 'webrtc' : FORCED === 'fallback' ? 'fallback' : 'mse';
  const key = `${stream}|${engine}|${current.attempt}`;

  useEffect(() => {
    const video = videoRef.current;
    const tile = tileRef.current;
    if (!video || !tile || !origin || !cameraId) return;
    const report = (change: (v: LivePlayerView) => LivePlayerView) => setReported((r) => ({ key, view: change(r?.key === key ? r.view : { state: 'paused', status: null, stats: null, path: current.choice }) }));
    const stage = (change: (s: Staging) => Staging) => setStaging((s) => change(s.stream === stream ? s : initialStaging(stream)));
    const listener = {
      onState: (state: PlayerState, detail?: string) => report((v) => ({ ...v, state, detail })),
      onStatus: (status: StreamStatusMessage) => report((v) => ({ ...v, status })),
      onStats: (stats: PlayerStats) => report((v) => ({ ...v, stats })),
    };
    let player: WebRtcPlayer | MsePlayer;
    if (engine === 'webrtc') {
      player = new WebRtcPlayer(video, { origin, cameraId, quality, token: currentToken }, {
        ...listener,
        onFailed: (detail, hadFrames) =>
          stage((s) => {
            const choice = nextPath(s.choice, { hadFrames, kind: 'other', detail }, FORCED, s.drops);
            return { ...s, choice, drops: s.drops + (hadFrames ? 1 : 0), attempt: s.attempt + 1 };
          }),
      });
    } else {
      const mse: MsePlayer = new MsePlayer(video, { origin, cameraId, quality: engine === 'fallback' ? 'fallback' : quality, token: currentToken }, {
        ...listener,
        onState: (state, detail) => {
          listener.onState(state, detail);
          if (mse.fallbackFrom) {
            const detailText = mse.fallbackFrom;
            stage((s) => (s.choice.path === 'mse' ? { ...s, choice: nextPath(s.choice, { hadFrames: false, kind: 'codec', detail: detailText }, FORCED, s.drops) } : s));
          }
        },
      });
      player = mse;
    }
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
    // `current.choice` is part of `key` (path and attempt); the rest are the stream's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [videoRef, tileRef, origin, cameraId, quality, stream, engine, key]);

  const view = reported?.key === key ? reported.view : paused;
  return { ...view, path: current.choice };
}
