import { useEffect, useState, type RefObject } from 'react';
import { TEST_HOOKS } from '../../app/test-hooks.js';
import { addStrings } from '../../i18n/add-strings.js';
import { StampReader, type StampLagReading } from '../../video/stamp-reader.js';

declare global {
  interface Window {
    /** Test builds: the lag bench runs its own every-frame reader on the console's video element. */
    __stampReader?: typeof StampReader;
  }
}

if (TEST_HOOKS) window.__stampReader = StampReader;

addStrings(
  'cameraLag',
  {
    stamped: '{{fps}} fps · {{kbps}} kbit/s · camera to screen {{lag}}',
    buffered: '{{fps}} fps · {{kbps}} kbit/s · buffer {{lag}}',
    stampedTitle:
      'Camera-to-screen lag: this computer’s clock minus the time the camera stamped into the frame, median of the last ~2 s (only as good as the two clocks’ agreement).',
    bufferedTitle:
      'Playback buffer: newest frame received minus the frame on screen. It leaves out the camera’s encoding, the network and decoding, so the real lag is longer. This camera does not stamp its frames, so its camera-to-screen lag cannot be measured.',
  },
  {
    stamped: '{{fps}} 帧/秒 · {{kbps}} kbit/s · 相机到屏幕 {{lag}}',
    buffered: '{{fps}} 帧/秒 · {{kbps}} kbit/s · 缓冲 {{lag}}',
    stampedTitle: '相机到屏幕的延迟：本机时钟减去相机打在画面上的拍摄时间，取最近约 2 秒的中位数（相机与本机的时钟须一致）。',
    bufferedTitle:
      '播放缓冲：已收到的最新画面与正在显示的画面之差，不含相机编码、网络和解码的时间，实际延迟更长。此相机未在画面中打时间戳，无法测量相机到屏幕的延迟。',
  },
);

/** Reads per second on a tile: enough for a 2-s median, a few small canvas reads per second. */
const TILE_READ_INTERVAL_MS = 200;
/** Samples behind the tile's figure (2 s at 5 reads/s). */
const TILE_WINDOW = 10;
/** The figure is re-published at most this often (the tile re-renders with it). */
const PUBLISH_MS = 1_000;

/**
 * The measured camera-to-screen lag of a tile's `<video>` while it plays, where the camera stamps
 * its frames (electron/common/frame-stamp.ts); null where it does not (or not yet: several
 * consecutive frames must decode with a valid check), so the tile keeps its buffer figure.
 */
export function useStampLag(videoRef: RefObject<HTMLVideoElement | null>, playing: boolean): StampLagReading | null {
  const [reading, setReading] = useState<StampLagReading | null>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !playing || !StampReader.supported(video)) return;
    const reader = new StampReader(video, { minIntervalMs: TILE_READ_INTERVAL_MS, capacity: TILE_WINDOW });
    reader.start();
    const timer = setInterval(() => {
      const r = reader.reading();
      setReading(r.stamped && Number.isFinite(r.medianMs) ? r : null);
    }, PUBLISH_MS);
    return () => {
      clearInterval(timer);
      reader.stop();
      setReading(null);
    };
  }, [videoRef, playing]);
  return reading;
}
