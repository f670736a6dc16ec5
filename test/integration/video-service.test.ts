import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownCameraError, VideoService } from '../../electron/core/video/video-service.js';
import type { VideoSegment } from '../../electron/core/video/video-types.js';
import { RtspCamera, ffmpegsFor, waitFor } from '../helpers/rtsp-camera.js';

function ffprobe(file: string, entries: string, streams = false): string {
  return execFileSync('ffprobe', ['-v', 'error', ...(streams ? ['-select_streams', 'v:0', '-show_entries', `stream=${entries}`] : ['-show_entries', `format=${entries}`]), '-of', 'default=nw=1:nk=1', file], { encoding: 'utf8' }).trim();
}

describe('VideoService with the RTSP test camera', () => {
  let camera: RtspCamera;
  let service: VideoService;
  const dir = mkdtempSync(join(tmpdir(), 'sc-video-'));
  const tag = `svc-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    camera = await RtspCamera.start({ width: 640, height: 360, fps: 15 });
    service = new VideoService({
      cameras: [
        { id: 'gate-1', mainUrl: `${camera.url()}?main=${tag}`, subUrl: `${camera.url()}?sub=${tag}` },
        { id: 'crane-2', mainUrl: `${camera.url()}?crane=${tag}` },
      ],
      graceMs: 1_000,
      preRollMs: 10_000,
    });
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await camera.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes by camera id and quality, with status per stream', async () => {
    const got: VideoSegment[] = [];
    const subscription = service.subscribe('gate-1', 'sub', (s) => void got.push(s));
    await waitFor('fragments', () => got.length > 3, 5_000);
    expect(got[0]!.kind).toBe('init');
    expect(ffmpegsFor(`sub=${tag}`)).toHaveLength(1);
    expect(ffmpegsFor(`main=${tag}`)).toHaveLength(0);
    expect(service.status()['gate-1']?.sub).toMatchObject({ state: 'live', subscribers: 1 });
    // A camera without a sub stream serves its main stream to grid tiles.
    const crane = service.subscribe('crane-2', 'sub', () => {});
    await waitFor('crane live', () => service.status()['crane-2']?.main?.state === 'live', 5_000);
    subscription.unsubscribe();
    crane.unsubscribe();
    expect(() => service.subscribe('nope', 'main', () => {})).toThrow(UnknownCameraError);
  });

  it('takes a JPEG snapshot from a running stream and from an idle one', async () => {
    const subscription = service.subscribe('gate-1', 'main', () => {});
    await waitFor('live', () => service.status()['gate-1']?.main?.state === 'live', 5_000);
    const fromStream = await service.snapshot('gate-1', 'main');
    subscription.unsubscribe();
    await waitFor('crane-2 idle', () => service.status()['crane-2']?.main?.state === 'idle', 5_000);
    const fromRtsp = await service.snapshot('crane-2', 'main');
    for (const jpeg of [fromStream, fromRtsp]) {
      expect(jpeg[0]).toBe(0xff);
      expect(jpeg[1]).toBe(0xd8);
      expect(jpeg.length).toBeGreaterThan(5_000);
      expect(jpeg.length).toBeLessThan(1_000_000);
      const file = join(dir, `snap-${jpeg.length}.jpg`);
      writeFileSync(file, jpeg);
      expect(ffprobe(file, 'codec_name,width,height', true).split('\n')).toEqual(['mjpeg', '640', '360']);
    }
  });

  it('records an evidence clip of pre-roll plus post-roll', async () => {
    const subscription = service.subscribe('gate-1', 'main', () => {});
    await waitFor('live', () => service.status()['gate-1']?.main?.state === 'live', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 4_000)); // let the ring fill past the pre-roll
    const clip = await service.evidenceClip('gate-1', dir, { preRollMs: 3_000, postRollMs: 2_000 });
    subscription.unsubscribe();
    expect(existsSync(clip.path)).toBe(true);
    expect(statSync(clip.path).size).toBeGreaterThan(50_000);
    const probed = Number(ffprobe(clip.path, 'duration'));
    console.info(`clip: asked 3 s + 2 s, pre-roll ${clip.preRollSec.toFixed(2)} s, counted ${clip.durationSec.toFixed(2)} s, ffprobe ${probed} s`);
    expect(Math.abs(probed - 5)).toBeLessThanOrEqual(1.5);
    expect(Math.abs(clip.durationSec - probed)).toBeLessThan(0.3);
    expect(clip.preRollSec).toBeGreaterThanOrEqual(3);
    expect(ffprobe(clip.path, 'codec_name', true)).toBe('h264');
  });

  it('stop() leaves no ffmpeg running', async () => {
    service.subscribe('gate-1', 'main', () => {});
    service.subscribe('gate-1', 'sub', () => {});
    await waitFor('two ffmpegs', () => ffmpegsFor(tag).length === 2, 5_000);
    await service.stop();
    expect(ffmpegsFor(tag)).toEqual([]);
  });
});
