import { afterAll, describe, expect, it } from 'vitest';
import { StartGate } from '../../../electron/core/video/start-gate.js';
import { UnknownCameraError } from '../../../electron/core/video/video-service.js';
import { WebRtcService, type WebRtcVideoSource } from '../../../electron/core/video/webrtc-service.js';
import { fakeRtpFfmpeg, processRuns } from '../../helpers/fake-rtp-ffmpeg.js';
import { processesWith } from '../../helpers/rtsp-camera.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';

afterAll(() => removeTempDirs());

const FFMPEG = fakeRtpFfmpeg('send');

/** The video service as the WebRTC path sees it: camera URLs that a test changes and removes. */
class FakeVideo implements WebRtcVideoSource {
  readonly urls = new Map<string, string>([['cam', 'rtsp://user:old@127.0.0.1:1/cam']]);
  readonly inputs: string[] = [];
  private readonly listeners = new Set<(cameraId: string) => void | Promise<void>>();

  passThroughSource(cameraId: string): ReturnType<WebRtcVideoSource['passThroughSource']> {
    const url = this.urls.get(cameraId);
    if (url === undefined) throw new UnknownCameraError(cameraId);
    const input = () => {
      this.inputs.push(this.urls.get(cameraId) ?? 'gone');
      return this.inputs.at(-1)!;
    };
    return { key: `${cameraId}\u0000main`, label: url.replace(/\/\/[^@]*@/, '//'), input, passThrough: !url.startsWith('testpattern:'), ffmpegPath: FFMPEG };
  }

  onCameraChange(listener: (cameraId: string) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What VideoService.updateCamera does last. */
  async changed(cameraId: string): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener(cameraId)));
  }
}

function service(video: FakeVideo): WebRtcService {
  return new WebRtcService(video, { network: { extraHostAddresses: ['127.0.0.1'] }, graceMs: 1, startGate: new StartGate(), spawnGuard: 'none' });
}

/** The fake ffmpegs running now (their command line names the fake's own script). */
function fakeFfmpegs(): number[] {
  return processesWith(FFMPEG.replace(/ffmpeg$/, 'fake-ffmpeg.mjs'));
}

describe('the WebRTC service follows camera changes', () => {
  it('a credential change restarts the stream on the new URL and keeps its viewer', async () => {
    const video = new FakeVideo();
    const webrtc = service(video);
    const closed: string[] = [];
    try {
      const opened = await webrtc.open('cam', 'main', (why) => closed.push(why));
      expect('peer' in opened).toBe(true);
      const [before] = fakeFfmpegs();
      expect(before).toBeDefined();

      video.urls.set('cam', 'rtsp://user:new@127.0.0.1:1/cam');
      await video.changed('cam');
      expect(processRuns(before!)).toBe(false);
      await expect.poll(() => video.inputs.at(-1), { timeout: 3_000 }).toBe('rtsp://user:new@127.0.0.1:1/cam');
      expect(video.inputs.filter((url) => url.includes(':old@'))).toHaveLength(1);
      expect(webrtc.counts()).toEqual({ peers: 1, ffmpegs: 1 });
      expect(closed).toEqual([]);
    } finally {
      await webrtc.stop();
    }
    expect(fakeFfmpegs()).toEqual([]);
  });

  it('a camera removed from the site closes its viewers with that reason, stops ffmpeg, and refuses new ones', async () => {
    const video = new FakeVideo();
    const webrtc = service(video);
    const closed: Array<[string, boolean]> = [];
    try {
      const opened = await webrtc.open('cam', 'main', (why, removed) => closed.push([why, removed]));
      expect('peer' in opened).toBe(true);
      expect(webrtc.counts()).toEqual({ peers: 1, ffmpegs: 1 });

      video.urls.delete('cam');
      await video.changed('cam');
      expect(closed).toEqual([['camera "cam" was removed from the site', true]]);
      expect(webrtc.counts()).toEqual({ peers: 0, ffmpegs: 0 });
      expect(fakeFfmpegs()).toEqual([]);
      const again = await webrtc.open('cam', 'main', () => undefined);
      expect(again).toEqual({ error: { type: 'webrtc-error', code: 'unsupported', reason: 'camera "cam" was removed from the site' }, cameraRemoved: true });
    } finally {
      await webrtc.stop();
    }
  });

  it('a camera switched to transcoding closes its WebRTC viewers (they take MSE) with the reason', async () => {
    const video = new FakeVideo();
    const webrtc = service(video);
    const closed: Array<[string, boolean]> = [];
    try {
      await webrtc.open('cam', 'main', (why, removed) => closed.push([why, removed]));
      video.urls.set('cam', 'testpattern:smpte');
      await video.changed('cam');
      expect(closed).toEqual([[expect.stringMatching(/no longer has H\.264 to pass through/), false]]);
      expect(webrtc.counts()).toEqual({ peers: 0, ffmpegs: 0 });
    } finally {
      await webrtc.stop();
    }
  });
});
