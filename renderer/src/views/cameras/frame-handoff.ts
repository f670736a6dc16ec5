/**
 * The last picture of a camera's player, kept for a moment when the player goes away (a tile opened
 * in single view, the way back to the grid, a wall panel opening the camera wall), so the next
 * player of the same camera can show it until its own first frame is presented: switching between
 * sub and main stream then never shows a black tile.
 */

/** A kept picture older than this is not shown: it would no longer pass for live. */
const KEEP_MS = 3_000;
/** At most this many pictures are kept (a 16-tile wall leaving at once keeps 16 small ones). */
const MAX_KEPT = 32;

const kept = new Map<string, { canvas: HTMLCanvasElement; at: number }>();

/** A copy of the frame the video shows now, or null when it shows none (HTML §4.8.11.7 readyState). */
export function captureFrame(video: HTMLVideoElement | null): HTMLCanvasElement | null {
  if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(video, 0, 0);
  return canvas;
}

/** Keeps what `video` shows as the picture of `cameraId` for the next player of that camera. */
export function keepFrame(cameraId: string, video: HTMLVideoElement | null): void {
  const canvas = captureFrame(video);
  if (!canvas) return;
  const now = performance.now();
  for (const [id, entry] of kept) if (now - entry.at > KEEP_MS) kept.delete(id);
  kept.delete(cameraId);
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(cameraId, { canvas, at: now });
}

/** The kept picture of `cameraId` (once: taking it removes it), or null when none is fresh. */
export function takeFrame(cameraId: string): HTMLCanvasElement | null {
  const entry = kept.get(cameraId);
  kept.delete(cameraId);
  return entry && performance.now() - entry.at <= KEEP_MS ? entry.canvas : null;
}
