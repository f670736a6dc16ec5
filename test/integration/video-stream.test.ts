import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StreamSupervisor } from '../../electron/core/video/stream-supervisor.js';
import type { LiveInit, VideoSegment } from '../../electron/core/video/video-types.js';
import { RtspCamera, ffmpegsFor, freePort, waitFor } from '../helpers/rtsp-camera.js';

const supervisors: StreamSupervisor[] = [];
function supervise(url: string, options: Partial<ConstructorParameters<typeof StreamSupervisor>[0]> = {}): StreamSupervisor {
  const supervisor = new StreamSupervisor({ url, graceMs: 1_000, ...options });
  supervisors.push(supervisor);
  return supervisor;
}

afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.stop()));
});

describe('live stream from the RTSP test camera', () => {
  let camera: RtspCamera;
  beforeAll(async () => {
    camera = await RtspCamera.start({ width: 640, height: 360, fps: 15 });
  });
  afterAll(async () => {
    await camera.stop();
  });

  it('delivers the init segment, then fragments starting at a keyframe, within 3 s', async () => {
    const supervisor = supervise(camera.url());
    const segments: Array<VideoSegment & { at: number }> = [];
    const started = Date.now();
    supervisor.subscribe((segment) => void segments.push({ ...segment, at: Date.now() }));
    await waitFor('10 fragments', () => segments.filter((s) => s.kind === 'media').length >= 10, 3_000);
    const first = segments[0]!;
    expect(first.kind).toBe('init');
    expect((first as LiveInit).codec).toMatch(/^avc1\.42[0-9A-F]{4}$/);
    expect(segments[1]).toMatchObject({ kind: 'media', keyframe: true });
    const firstFragmentMs = segments[1]!.at - started;
    console.info(`first fragment after ${firstFragmentMs} ms; init after ${first.at - started} ms`);
    expect(firstFragmentMs).toBeLessThan(3_000);
    const status = supervisor.status();
    expect(status).toMatchObject({ state: 'live', codec: (first as LiveInit).codec, width: 640, height: 360, subscribers: 1 });
  });

  it('reports frame rate and bitrate', async () => {
    const supervisor = supervise(camera.url());
    supervisor.subscribe(() => {});
    await waitFor('live', () => supervisor.status().state === 'live', 3_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const { fps, bitrateKbps } = supervisor.status();
    expect(fps).toBeGreaterThan(12);
    expect(fps).toBeLessThan(18);
    expect(bitrateKbps).toBeGreaterThan(100);
    expect(bitrateKbps).toBeLessThan(5_000);
  });

  it('shares one ffmpeg between two subscribers and stops it after the grace period', async () => {
    // A unique query string marks this test's ffmpeg in /proc.
    const url = `${camera.url()}?test=share-${process.pid}-${Date.now()}`;
    const supervisor = supervise(url, { graceMs: 1_500 });
    const a: VideoSegment[] = [];
    const b: VideoSegment[] = [];
    const subA = supervisor.subscribe((s) => void a.push(s));
    const subB = supervisor.subscribe((s) => void b.push(s));
    await waitFor('both receive fragments', () => a.length > 5 && b.length > 5, 5_000);
    expect(ffmpegsFor(url)).toHaveLength(1);
    expect(a[0]!.kind).toBe('init');
    expect(b[0]!.kind).toBe('init');

    // A late joiner gets the init segment and starts at a keyframe from the buffer at once.
    const late: VideoSegment[] = [];
    const subC = supervisor.subscribe((s) => void late.push(s));
    expect(late[0]!.kind).toBe('init');
    expect(late[1]).toMatchObject({ kind: 'media', keyframe: true });
    expect(ffmpegsFor(url)).toHaveLength(1);

    subA.unsubscribe();
    subB.unsubscribe();
    subC.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(ffmpegsFor(url)).toHaveLength(1); // still within the grace period
    await waitFor('ffmpeg gone after the grace period', () => ffmpegsFor(url).length === 0, 4_000);
    expect(supervisor.status().state).toBe('idle');
  });

  it('serves a viewer who arrives while the grace stop is still killing ffmpeg', async () => {
    const supervisor = supervise(camera.url(), { graceMs: 20 });
    const first = supervisor.subscribe(() => {});
    await waitFor('live', () => supervisor.status().state === 'live', 5_000);
    first.unsubscribe();
    await waitFor('grace expired', () => supervisor.status().state === 'idle', 2_000, 1);
    const got: VideoSegment[] = [];
    supervisor.subscribe((s) => void got.push(s));
    await waitFor('video for the newcomer', () => got.filter((s) => s.kind === 'media').length > 3, 5_000);
    expect(got[0]!.kind).toBe('init');
    expect(supervisor.status().state).toBe('live');
  });

  it('falls back to a reduced-size H.264 transcode when asked', async () => {
    const supervisor = supervise(camera.url(), { transcode: { width: 320, gop: 15 } });
    const got: VideoSegment[] = [];
    supervisor.subscribe((s) => void got.push(s));
    await waitFor('transcoded fragments', () => got.filter((s) => s.kind === 'media').length > 20, 8_000);
    const init = got[0] as LiveInit;
    expect(init).toMatchObject({ kind: 'init', width: 320, height: 180 });
    expect(init.codec).toMatch(/^avc1\.42[0-9A-F]{4}$/);
    const keyframes = got.filter((s) => s.kind === 'media' && s.keyframe).length;
    expect(keyframes).toBeGreaterThanOrEqual(1);
  });

  it('drops a slow viewer to the next keyframe without growing its queue', async () => {
    const supervisor = supervise(camera.url(), { queueLimits: { maxSegments: 10, maxBytes: 4 * 1024 * 1024 } });
    const fast: VideoSegment[] = [];
    supervisor.subscribe((s) => void fast.push(s));
    let release: () => void = () => {};
    const slowGot: VideoSegment[] = [];
    // Takes the init segment, then stalls for 2 s on its first fragment.
    const slow = supervisor.subscribe((s) => {
      slowGot.push(s);
      if (slowGot.length === 2) return new Promise<void>((resolve) => (release = resolve));
    });
    await waitFor('slow viewer stalled', () => slowGot.length === 2, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(slow.dropped).toBeGreaterThan(10);
    expect(supervisor.status().droppedFragments).toBe(slow.dropped);
    const before = slowGot.length;
    release();
    await waitFor('slow viewer resumes', () => slowGot.length > before + 3, 3_000);
    // After the stall it resumed on a keyframe, and got at most its queue's worth in between.
    expect(slowGot.length - before).toBeLessThan(40);
    expect(slowGot.slice(before).some((s) => s.kind === 'media' && s.keyframe)).toBe(true);
  });
});

describe('camera faults', () => {
  it('goes offline with a reason when the camera dies and live again with a new init segment when it returns', async () => {
    const camera = await RtspCamera.start();
    try {
      const supervisor = supervise(camera.url());
      const inits: LiveInit[] = [];
      let media = 0;
      supervisor.subscribe((s) => {
        if (s.kind === 'init') inits.push(s);
        else media++;
      });
      await waitFor('live', () => supervisor.status().state === 'live' && media > 3, 5_000);
      await camera.stop();
      const killedAt = Date.now();
      const offline = await waitFor('offline', () => (supervisor.status().state === 'offline' ? supervisor.status() : undefined), 5_000);
      console.info(`offline after ${Date.now() - killedAt} ms: ${offline.reason} (${offline.detail})`);
      expect(offline.reason).toMatch(/connection refused|stream ended|no video|timed out/);
      expect(offline.detail ?? '').not.toMatch(/:\/\/[^@\s]*:[^*@\s][^@\s]*@/);
      await camera.restart();
      const restartedAt = Date.now();
      const mediaBefore = media;
      await waitFor('live again', () => supervisor.status().state === 'live' && media > mediaBefore, 10_000);
      console.info(`live again ${Date.now() - restartedAt} ms after the camera came back`);
      expect(inits.length).toBe(2);
      expect(inits[1]!.generation).toBeGreaterThan(inits[0]!.generation);
    } finally {
      await camera.stop();
    }
  });

  it('reports "authentication failed" for wrong credentials, without leaking them', async () => {
    const camera = await RtspCamera.start({ user: 'admin', password: 's3cret' });
    try {
      const good = supervise(camera.url());
      good.subscribe(() => {});
      await waitFor('live with the right password', () => good.status().state === 'live', 5_000);

      const wrongUrl = camera.url({ user: 'admin', password: 'wrong-pass' });
      const bad = supervise(wrongUrl);
      bad.subscribe(() => {});
      const status = await waitFor('offline', () => (bad.status().state === 'offline' ? bad.status() : undefined), 5_000);
      expect(status.reason).toBe('authentication failed');
      expect(JSON.stringify(status)).not.toContain('wrong-pass');
      expect(status.label).toBe(`rtsp://admin:***@127.0.0.1:${camera.port}/cam`);
    } finally {
      await camera.stop();
    }
  });

  it('reports "not found" for a wrong path', async () => {
    const camera = await RtspCamera.start();
    try {
      const supervisor = supervise(camera.url(undefined, '/nope'));
      supervisor.subscribe(() => {});
      const status = await waitFor('offline', () => (supervisor.status().state === 'offline' ? supervisor.status() : undefined), 5_000);
      expect(status.reason).toBe('not found');
    } finally {
      await camera.stop();
    }
  });

  it('reports "stalled" when a connected camera stops sending, and recovers', async () => {
    const camera = await RtspCamera.start();
    try {
      const supervisor = supervise(camera.url(), { dataTimeoutMs: 2_000 });
      supervisor.subscribe(() => {});
      await waitFor('live', () => supervisor.status().state === 'live', 5_000);
      process.kill(camera.pid!, 'SIGSTOP'); // the TCP connection stays open, the data stops
      try {
        const status = await waitFor('offline', () => (supervisor.status().state === 'offline' ? supervisor.status() : undefined), 5_000);
        expect(status.reason).toBe('stalled');
      } finally {
        process.kill(camera.pid!, 'SIGCONT');
      }
      await waitFor('live again', () => supervisor.status().state === 'live', 10_000);
    } finally {
      await camera.stop();
    }
  });

  it('reports "timed out" for a server that accepts and never answers', async () => {
    const { createServer } = await import('node:net');
    const port = await freePort();
    const silent = createServer(() => {}).listen(port, '127.0.0.1');
    try {
      const supervisor = supervise(`rtsp://127.0.0.1:${port}/cam`, { remux: { socketTimeoutMs: 1_500 } });
      supervisor.subscribe(() => {});
      const status = await waitFor('offline', () => (supervisor.status().state === 'offline' ? supervisor.status() : undefined), 5_000);
      expect(status.reason).toBe('timed out');
    } finally {
      silent.close();
    }
  });

  it('reports "connection refused" for a closed port and keeps retrying', async () => {
    const port = await freePort();
    const supervisor = supervise(`rtsp://127.0.0.1:${port}/cam`);
    supervisor.subscribe(() => {});
    const status = await waitFor('offline', () => (supervisor.status().state === 'offline' ? supervisor.status() : undefined), 5_000);
    expect(status.reason).toBe('connection refused');
    await waitFor('a retry', () => supervisor.status().restarts >= 2, 4_000);
  });
});
