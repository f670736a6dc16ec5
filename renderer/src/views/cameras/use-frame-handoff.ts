import { useEffect, useLayoutEffect, type RefObject } from 'react';
import { captureFrame, keepFrame, takeFrame } from './frame-handoff.js';

/** The poster gives way after this long even without a new frame: a frozen picture must not pass for live. */
const POSTER_MAX_MS = 5_000;

/**
 * Covers the tile's video with the previous picture of the same camera while a new player starts
 * (sub → main on opening, main → sub on the way back, either way on full screen), until the new
 * player's first frame is presented (`requestVideoFrameCallback`, WICG video-rvfc: called when a
 * frame is sent to the compositor), then uncovers it in that same rendering step. The old player
 * is released as soon as the new one starts (its socket closes at once); only its picture stays.
 *
 * Call after `useLivePlayer` in the component: its effect (which releases the old player and starts
 * the new) must run before this one's.
 */
export function useFrameHandoff(
  videoRef: RefObject<HTMLVideoElement | null>,
  posterRef: RefObject<HTMLCanvasElement | null>,
  cameraId: string | null,
  quality: string,
): void {
  // Layout phase: the old player still plays (passive effects release it later), so its frame is
  // there to copy; and the poster is up before the browser paints the emptied video.
  useLayoutEffect(() => {
    const video = videoRef.current;
    const poster = posterRef.current;
    if (!cameraId || !poster) return;
    const frame = takeFrame(cameraId) ?? captureFrame(video);
    if (frame) {
      poster.width = frame.width;
      poster.height = frame.height;
      poster.getContext('2d')?.drawImage(frame, 0, 0);
      poster.hidden = false;
      poster.dataset.cameraId = cameraId;
    }
    return () => {
      // Unmount or another camera/quality: keep this picture for the next player of the camera.
      keepFrame(cameraId, video);
    };
  }, [videoRef, posterRef, cameraId, quality]);

  useEffect(() => {
    const video = videoRef.current;
    const poster = posterRef.current;
    if (!video || !poster || poster.hidden) return;
    let done = false;
    const uncover = () => {
      if (done) return;
      done = true;
      poster.hidden = true;
    };
    const timer = setTimeout(uncover, POSTER_MAX_MS);
    let handle = 0;
    if (typeof video.requestVideoFrameCallback === 'function') handle = video.requestVideoFrameCallback(uncover);
    else video.addEventListener('playing', uncover, { once: true });
    return () => {
      clearTimeout(timer);
      if (handle) video.cancelVideoFrameCallback(handle);
      video.removeEventListener('playing', uncover);
    };
  }, [videoRef, posterRef, cameraId, quality]);
}
