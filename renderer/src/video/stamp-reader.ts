import { decodeStamp, decodeStampRow, STAMP_BITS, stampRegion } from '../../../electron/common/frame-stamp.js';
import { LagSamples, StampDetector, lagFromStamp, medianOf, percentile, readDue } from './stamp-lag.js';

/** How often and how much a reader samples. */
export interface StampReaderOptions {
  /** At most one read per this many ms (0: every presented frame, as the lag bench does). Default 200 (5 reads/s). */
  minIntervalMs?: number;
  /** Lag samples kept (a ring). Default 600. */
  capacity?: number;
}

/** What a reader has measured so far. */
export interface StampLagReading {
  /** The camera stamps its frames (several consecutive reads with a valid check). */
  stamped: boolean;
  /** Median and 95th percentile of the newest `window` samples, ms (NaN with none). */
  medianMs: number;
  p95Ms: number;
  /** Reads tried and reads whose stamp decoded, since the reader started. */
  reads: number;
  decoded: number;
}

/**
 * The in-page lag probe: on each frame the `<video>` presents (`requestVideoFrameCallback`, WICG
 * video-rvfc), draws only the stamp region of that frame to a small canvas, decodes it
 * (electron/common/frame-stamp.ts) and records lag = the wall-clock time the frame is expected on
 * screen − the time the camera stamped it. Same machine, same clock; for a remote camera only as
 * good as the two clocks' agreement. Cheap by construction: only the 48-block row (at 1080p
 * 24 × 1152 px) is read, at most `minIntervalMs` apart, and a camera that does not stamp is tried
 * only every 2 s once it has failed 25 times in a row. Where WebCodecs can map the frame
 * (`new VideoFrame(video)`, `copyTo` with a rect: W3C WebCodecs §9.4) the luma plane of that row
 * is copied as is, with no colour conversion of the whole frame; otherwise (a frame WebCodecs
 * cannot map, an older browser) the row is drawn to a canvas.
 */
export class StampReader {
  readonly samples: LagSamples;
  readonly detector = new StampDetector();
  reads = 0;
  decoded = 0;
  private readonly minIntervalMs: number;
  private canvas: HTMLCanvasElement | null = null;
  private context: CanvasRenderingContext2D | null = null;
  private callbackId: number | null = null;
  private lastReadAt = Number.NEGATIVE_INFINITY;
  private running = false;
  /** A WebCodecs read in flight (frames presented meanwhile are skipped). */
  private busy = false;
  private useCanvas = typeof VideoFrame === 'undefined';

  constructor(
    private readonly video: HTMLVideoElement,
    options: StampReaderOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 200;
    this.samples = new LagSamples(options.capacity ?? 600);
  }

  /** Whether this browser can read presented frames (Chromium, Safari; Firefox since 132). */
  static supported(video: HTMLVideoElement): boolean {
    return typeof video.requestVideoFrameCallback === 'function';
  }

  start(): void {
    if (this.running || !StampReader.supported(this.video)) return;
    this.running = true;
    this.callbackId = this.video.requestVideoFrameCallback(this.onFrame);
  }

  stop(): void {
    this.running = false;
    if (this.callbackId !== null) this.video.cancelVideoFrameCallback(this.callbackId);
    this.callbackId = null;
    // Let the canvas's backing store go with the reader.
    this.canvas = null;
    this.context = null;
  }

  /** Median and p95 over the newest `window` samples (all kept by default). */
  reading(window = this.samples.capacity): StampLagReading {
    const values = this.samples.newest(window);
    return { stamped: this.detector.stamped, medianMs: medianOf(values), p95Ms: percentile(values, 95), reads: this.reads, decoded: this.decoded };
  }

  private readonly onFrame = (now: DOMHighResTimeStamp, frame: VideoFrameCallbackMetadata): void => {
    if (!this.running) return;
    this.callbackId = this.video.requestVideoFrameCallback(this.onFrame);
    if (this.busy || !readDue(now, this.lastReadAt, this.minIntervalMs, this.detector.missStreak)) return;
    this.lastReadAt = now;
    // When the frame will be visible, on the wall clock (expectedDisplayTime is on performance.now()'s).
    const shownAt = Date.now() + Math.max(0, frame.expectedDisplayTime - performance.now());
    if (!this.useCanvas && this.readLuma(shownAt)) return;
    this.record(this.drawAndDecode(frame.width), shownAt);
  };

  private record(stampMs: number | null, shownAt: number): void {
    const lag = lagFromStamp(stampMs, shownAt);
    this.reads++;
    this.detector.record(lag !== null);
    if (lag === null) return;
    this.decoded++;
    this.samples.push(lag);
  }

  /**
   * Copies the stamp row's luma straight out of the presented frame (WebCodecs). Returns false when
   * this frame cannot be read that way; the reader then uses the canvas from now on.
   */
  private readLuma(shownAt: number): boolean {
    let frame: VideoFrame;
    try {
      frame = new VideoFrame(this.video);
    } catch {
      return false;
    }
    const layout = lumaLayout(frame.format);
    const visible = frame.visibleRect;
    if (!layout || !visible) {
      frame.close();
      this.useCanvas = true;
      return false;
    }
    const r = stampRegion(visible.width);
    const rect = { x: visible.x + r.x, y: visible.y + r.y, width: r.width, height: r.height };
    let buffer: Uint8Array;
    try {
      buffer = new Uint8Array(frame.allocationSize({ rect }));
    } catch {
      frame.close();
      this.useCanvas = true;
      return false;
    }
    this.busy = true;
    frame
      .copyTo(buffer, { rect })
      .then((planes) => {
        const { offset, stride } = planes[0]!;
        const row = offset + Math.floor(r.block / 2) * stride;
        const luma: number[] = [];
        for (let i = 0; i < STAMP_BITS; i++) {
          const at = row + (i * r.block + Math.floor(r.block / 2)) * layout.bytesPerPixel;
          luma.push(layout.bytesPerPixel === 1 ? buffer[at]! : (buffer[at]! + buffer[at + 1]! + buffer[at + 2]!) / 3);
        }
        this.record(decodeStamp(luma, Date.now()), shownAt);
      })
      .catch(() => {
        this.useCanvas = true;
      })
      .finally(() => {
        frame.close();
        this.busy = false;
      });
    return true;
  }

  /** Draws the stamp row of the frame now presented (the frame's own pixels, not the element's size) and decodes it. */
  private drawAndDecode(frameWidth: number): number | null {
    if (!frameWidth) return null;
    const r = stampRegion(frameWidth);
    if (!this.context || this.canvas!.width !== r.width || this.canvas!.height !== r.height) {
      this.canvas = document.createElement('canvas');
      this.canvas.width = r.width;
      this.canvas.height = r.height;
      // Read back every time: keep the canvas on the CPU rather than round-trip the GPU.
      this.context = this.canvas.getContext('2d', { willReadFrequently: true });
      if (!this.context) return null;
    }
    try {
      this.context.drawImage(this.video, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height);
      const pixels = this.context.getImageData(0, 0, r.width, r.height).data;
      return decodeStampRow(pixels, r.width, r.block, Date.now());
    } catch {
      // A frame gone meanwhile, or a tainted canvas (a cross-origin source): no reading this time.
      return null;
    }
  }
}

/** How to read luma from the first plane of a frame format: 8-bit YUV planes carry it as is, RGB is averaged. */
function lumaLayout(format: VideoPixelFormat | null): { bytesPerPixel: number } | null {
  if (format === 'I420' || format === 'I420A' || format === 'I422' || format === 'I444' || format === 'NV12') return { bytesPerPixel: 1 };
  if (format === 'RGBA' || format === 'RGBX' || format === 'BGRA' || format === 'BGRX') return { bytesPerPixel: 4 };
  return null;
}
