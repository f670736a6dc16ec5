import { describe, expect, it } from 'vitest';
import { FragmentRing } from '../../../electron/core/video/fragment-ring.js';
import { SubscriberQueue } from '../../../electron/core/video/subscriber-queue.js';
import type { LiveFragment, LiveInit, VideoSegment } from '../../../electron/core/video/video-types.js';

const init = (generation = 1): LiveInit => ({ kind: 'init', data: Buffer.alloc(100), codec: 'avc1.42C01E', width: 640, height: 360, generation });
/** Fragment n of a 10 fps stream with a keyframe every 10 frames, received at n × 100 ms. */
const frag = (n: number, generation = 1): LiveFragment => ({
  kind: 'media', data: Buffer.alloc(1000, n % 256), keyframe: n % 10 === 0, samples: 1, durationSec: 0.1, receivedAt: n * 100, generation,
});

describe('SubscriberQueue', () => {
  it('starts a new viewer at a keyframe after the init segment', () => {
    const got: VideoSegment[] = [];
    const queue = new SubscriberQueue((s) => void got.push(s));
    queue.pushInit(init());
    for (let n = 5; n < 15; n++) queue.pushMedia(frag(n));
    expect(got[0]!.kind).toBe('init');
    expect(got.slice(1).map((s) => (s as LiveFragment).receivedAt)).toEqual([1000, 1100, 1200, 1300, 1400]);
    expect(queue.dropped).toBe(0);
  });

  it('drops a stalled viewer to the next keyframe and never holds more than its limit', () => {
    const got: VideoSegment[] = [];
    let release: () => void = () => {};
    const queue = new SubscriberQueue(
      (s) => {
        got.push(s);
        if (got.length === 2) return new Promise<void>((resolve) => (release = resolve));
      },
      { maxSegments: 5, maxBytes: 1_000_000 },
    );
    queue.pushInit(init());
    // 95 fragments: the last GOP (90…94) fits the queue, so the viewer resumes at keyframe 90.
    for (let n = 0; n < 95; n++) {
      queue.pushMedia(frag(n));
      expect(queue.queued).toBeLessThanOrEqual(5);
    }
    expect(got).toHaveLength(2);
    return new Promise<void>((done) => {
      release();
      setImmediate(() => {
        const resumed = got.slice(2) as LiveFragment[];
        expect(resumed[0]).toMatchObject({ keyframe: true, receivedAt: 9_000 });
        expect(resumed).toHaveLength(5);
        // Everything between the stall and the last keyframe was dropped and counted.
        expect(queue.dropped).toBe(89);
        // Consecutive from the keyframe it resumed at.
        resumed.forEach((f, i) => expect(f.receivedAt).toBe(resumed[0]!.receivedAt + i * 100));
        done();
      });
    });
  });

  it('replaces queued fragments of an old ffmpeg run by the new init segment', () => {
    const got: VideoSegment[] = [];
    let release: () => void = () => {};
    const queue = new SubscriberQueue((s) => {
      got.push(s);
      if (got.length === 1) return new Promise<void>((resolve) => (release = resolve));
    });
    queue.pushInit(init(1));
    for (let n = 0; n < 5; n++) queue.pushMedia(frag(n, 1));
    queue.pushInit(init(2));
    queue.pushMedia(frag(10, 2));
    release();
    return new Promise<void>((done) =>
      setImmediate(() => {
        expect(got.map((s) => `${s.kind}${s.generation}`)).toEqual(['init1', 'init2', 'media2']);
        expect(queue.dropped).toBe(5);
        done();
      }),
    );
  });
});

describe('FragmentRing', () => {
  it('keeps the requested span back to a keyframe and trims older GOPs', () => {
    const ring = new FragmentRing(2_000);
    for (let n = 0; n < 100; n++) ring.push(frag(n));
    // now = 9900 ms; 2 s back is 7900; the keyframe at or before that is fragment 70.
    const kept = ring.lastMs(2_000, 9_900);
    expect(kept[0]!.receivedAt).toBe(7_000);
    expect(kept[0]!.keyframe).toBe(true);
    expect(ring.size).toBeLessThanOrEqual(30);
    expect(ring.fromLatestKeyframe()[0]!.receivedAt).toBe(9_000);
  });

  it('holds no more than its byte cap, whole GOPs at a time', () => {
    const ring = new FragmentRing(60_000, 25_000);
    for (let n = 0; n < 100; n++) ring.push(frag(n));
    expect(ring.byteLength).toBeLessThanOrEqual(25_000);
    expect(ring.lastMs(60_000, 9_900)[0]!.keyframe).toBe(true);
  });
});
