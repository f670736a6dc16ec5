import { describe, expect, it } from 'vitest';
import { StreamRates } from '../../../electron/core/video/stream-rates.js';
import { VideoService } from '../../../electron/core/video/video-service.js';
import type { LiveFragment } from '../../../electron/core/video/video-types.js';

/** A 100 ms fragment of 2.5 frames' worth at 25 fps: 3 samples, `bytes` long, received at `at` ms. */
const fragment = (at: number, bytes = 5_000, samples = 3): LiveFragment => ({
  kind: 'media', data: Buffer.alloc(bytes), keyframe: false, samples, durationSec: 0.12, receivedAt: at, generation: 1,
});

describe('StreamRates', () => {
  it('gives frames per second and kbit/s of media time over the last 3 s only', () => {
    const rates = new StreamRates();
    // 10 s of an old, slow stream, then 3 s at 25 fps and 5000 bytes per 0.12 s.
    for (let at = 0; at < 10_000; at += 1_000) rates.push(fragment(at, 100, 1));
    for (let at = 10_000; at <= 13_000; at += 120) rates.push(fragment(at));
    expect(rates.figures(13_000)).toEqual({ fps: 25, bitrateKbps: 333 });
  });

  it('says nothing when no fragment came within the window, and forgets a cleared run', () => {
    const rates = new StreamRates();
    rates.push(fragment(0));
    expect(rates.figures(3_000)).toEqual({ fps: 25, bitrateKbps: 333 });
    expect(rates.figures(3_001)).toEqual({});
    rates.push(fragment(5_000));
    rates.clear();
    expect(rates.figures(5_000)).toEqual({});
  });

  it('keeps a bounded number of fragments however many arrive within the window', () => {
    const rates = new StreamRates(3_000, 50);
    for (let i = 0; i < 10_000; i++) rates.push(fragment(1_000, 10, 1));
    expect((rates as unknown as { recent: unknown[] }).recent.length).toBeLessThan(100);
    // The figures cover at most the 50 newest.
    expect(rates.figures(1_000)).toEqual({ fps: 8.3, bitrateKbps: 1 });
  });
});

describe('VideoService.streamStatus', () => {
  const service = new VideoService({
    cameras: [
      { id: 'gate', mainUrl: 'rtsp://127.0.0.1:1/gate' },
      { id: 'crane', mainUrl: 'rtsp://127.0.0.1:1/crane-main', subUrl: 'rtsp://127.0.0.1:1/crane-sub' },
    ],
  });

  it('is the status of the one stream a viewer of that quality watches, as the full status lists it', () => {
    service.supervisor('gate', 'main');
    service.supervisor('crane', 'sub');
    const all = service.status();
    expect(service.streamStatus('gate', 'main')).toEqual(all.gate!.main);
    // No sub stream: a sub viewer watches main.
    expect(service.streamStatus('gate', 'sub')).toEqual(all.gate!.main);
    expect(service.streamStatus('crane', 'sub')).toEqual(all.crane!.sub);
    expect(service.streamStatus('crane', 'sub')!.label).toBe('rtsp://127.0.0.1:1/crane-sub');
  });

  it('is undefined for an unknown camera and for a stream never requested', () => {
    expect(service.streamStatus('nowhere', 'main')).toBeUndefined();
    expect(service.streamStatus('crane', 'main')).toBeUndefined();
    expect(service.streamStatus('crane', 'fallback')).toBeUndefined();
  });
});
