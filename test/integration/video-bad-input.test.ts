import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamSupervisor } from '../../electron/core/video/stream-supervisor.js';
import type { LiveFragment, LiveInit, VideoSegment } from '../../electron/core/video/video-types.js';
import { RtspCamera, ffmpegsFor, waitFor, type RtspCameraOptions } from '../helpers/rtsp-camera.js';

/**
 * A camera that misbehaves (test/helpers/rtsp-camera.py's modes): what the core's stream does about
 * it, and that no ffmpeg is left for the camera once the viewer leaves. The modes run concurrently
 * (one camera each) to keep the file short.
 */
const cameras: RtspCamera[] = [];
const supervisors: StreamSupervisor[] = [];
afterAll(async () => {
  await Promise.all(supervisors.map((s) => s.stop()));
  await Promise.all(cameras.map((c) => c.stop()));
});

async function watch(options: RtspCameraOptions, dataTimeoutMs = 5_000) {
  const camera = await RtspCamera.start({ width: 640, height: 360, fps: 15, ...options });
  cameras.push(camera);
  const supervisor = new StreamSupervisor({ url: camera.url(), graceMs: 0, dataTimeoutMs });
  supervisors.push(supervisor);
  const inits: LiveInit[] = [];
  const media: LiveFragment[] = [];
  const reasons: string[] = [];
  supervisor.onStatus((s) => s.reason && reasons.push(s.reason));
  const subscription = supervisor.subscribe((s: VideoSegment) => void (s.kind === 'init' ? inits.push(s) : media.push(s)));
  return { camera, supervisor, inits, media, reasons, subscription };
}

/** The viewer leaves: after the (zero) grace no ffmpeg may read the camera's URL. */
async function leaveAndCheck(w: Awaited<ReturnType<typeof watch>>): Promise<void> {
  w.subscription.unsubscribe();
  await waitFor('ffmpeg gone', () => ffmpegsFor(w.camera.url()).length === 0, 5_000);
}

describe.concurrent('a misbehaving camera', () => {
  it('changes resolution mid-stream: the core restarts for a new init segment of the new size', async () => {
    const w = await watch({ resize: { width: 1280, height: 720 } });
    await waitFor('live', () => w.media.length > 3, 8_000);
    w.camera.resizeNow();
    await waitFor('new init', () => w.inits.length >= 2 && w.media.some((m) => m.generation === w.inits[1]!.generation), 12_000);
    expect(w.reasons).toContain('stream changed');
    expect(w.inits.map((i) => `${i.width}x${i.height}`)).toEqual(['640x360', '1280x720']);
    expect(w.inits[1]!.generation).toBeGreaterThan(w.inits[0]!.generation);
    // The first fragment of the new run starts at a keyframe: the player builds a SourceBuffer from it.
    expect(w.media.find((m) => m.generation === w.inits[1]!.generation)!.keyframe).toBe(true);
    await leaveAndCheck(w);
  });

  it('changes codec (a restart on the same URL with H.265): a new init segment says hev1/hvc1', async () => {
    const w = await watch({});
    await waitFor('live', () => w.media.length > 3, 8_000);
    await w.camera.reconfigure({ codec: 'h265' });
    await waitFor('H.265 init', () => w.inits.some((i) => /^(hev1|hvc1)\./.test(i.codec)) && w.supervisor.status().state === 'live', 12_000);
    expect(w.inits[0]!.codec).toMatch(/^avc1\./);
    await leaveAndCheck(w);
  });

  it('sends a keyframe only every 4 s and the core joins mid-GOP: the first fragment a viewer gets is a keyframe', async () => {
    const camera = await RtspCamera.start({ width: 640, height: 360, fps: 15, gopSec: 4 });
    cameras.push(camera);
    // Another client (an NVR) keeps the camera's stream running, so the core joins it mid-GOP.
    const nvr = spawn('ffmpeg', ['-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', camera.url(), '-c', 'copy', '-f', 'null', '-'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const supervisor = new StreamSupervisor({ url: camera.url(), graceMs: 0, dataTimeoutMs: 5_000 });
      supervisors.push(supervisor);
      const got: VideoSegment[] = [];
      const subscription = supervisor.subscribe((s) => void got.push(s));
      await waitFor('a fragment', () => got.some((s) => s.kind === 'media'), 8_000);
      // ffmpeg's stream copy writes nothing (init included) before the first keyframe.
      expect(got[0]!.kind).toBe('init');
      expect((got[1] as LiveFragment).keyframe).toBe(true);
      subscription.unsubscribe();
      await waitFor('core ffmpeg gone', () => ffmpegsFor(camera.url()).length <= 1, 5_000);
    } finally {
      nvr.kill('SIGKILL');
    }
  });

  it('floods B-frames: the remux delivers every frame from keyframes on', async () => {
    const w = await watch({ bframes: 8 });
    await waitFor('2 s of video', () => w.media.reduce((n, m) => n + m.samples, 0) >= 30, 12_000);
    expect(w.inits[0]!.codec).toMatch(/^avc1\.4D/); // main profile: B-frames are allowed
    expect(w.media[0]!.keyframe).toBe(true);
    expect(w.reasons).toEqual([]);
    await leaveAndCheck(w);
  });

  it('stalls for 3 s (frames dropped before its encoder): "stalled", then live again', async () => {
    const w = await watch({}, 2_000);
    await waitFor('live', () => w.media.length > 3, 8_000);
    w.camera.stall();
    const status = await waitFor('offline', () => (w.supervisor.status().state === 'offline' ? w.supervisor.status() : undefined), 5_000);
    expect(status.reason).toBe('stalled');
    w.camera.resume();
    const before = w.media.length;
    await waitFor('live again', () => w.supervisor.status().state === 'live' && w.media.length > before, 10_000);
    await leaveAndCheck(w);
  });
});
