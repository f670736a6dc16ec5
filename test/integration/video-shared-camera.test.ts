import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CameraView } from '../../electron/common/api.js';
import { RtspCamera, ffmpegsFor, waitFor } from '../helpers/rtsp-camera.js';
import { ServeProcess, getJson, login } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * A wall of cameras that all read one shared camera encode (the GStreamer camera shares one
 * pipeline between every client of its URL): 8 site cameras on the same URL, one viewer each,
 * through the built core. Opened all at once, they reach the camera through the core's start gate
 * a few at a time (electron/core/video/start-gate.ts), and every one goes live; stopping the core
 * leaves no ffmpeg behind.
 */
const CAMERAS = 8;

let camera: RtspCamera;
let serve: ServeProcess;
let token: string;

beforeAll(async () => {
  camera = await RtspCamera.start({ width: 640, height: 360, fps: 15 });
  const siteDir = tempDir();
  writeSiteFile(
    {
      id: 'shared-camera-test',
      name: 'Shared camera test site',
      devices: [],
      cameras: Array.from({ length: CAMERAS }, (_, i) => ({ id: `cam${i + 1}`, name: `Camera ${i + 1}`, mainUrl: camera.url() })),
    },
    siteDir,
  );
  // A core took over 20 s to start on the 2-core machine while other suites ran beside it.
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate'], {}, 45_000);
  token = await login(serve.url);
});

afterAll(async () => {
  await serve?.stop('SIGKILL');
  await camera?.stop();
  removeTempDirs();
});

describe(`${CAMERAS} cameras on one shared camera URL`, () => {
  it('all go live for their viewers at once opened, with one ffmpeg each, and leave none behind', async () => {
    const media = new Array<number>(CAMERAS).fill(0);
    const sockets = Array.from({ length: CAMERAS }, (_, i) => {
      const ws = new WebSocket(`${serve.url.replace(/^http/, 'ws')}/api/video?camera=cam${i + 1}&quality=main`);
      let seenInit = false;
      ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
      ws.on('message', (_data, isBinary) => {
        if (!isBinary) return;
        if (seenInit) media[i]!++;
        seenInit = true;
      });
      return ws;
    });
    try {
      await waitFor('media on every viewer', () => media.every((n) => n > 0), 30_000, 100);
      const { body } = await getJson<CameraView[]>(`${serve.url}/api/cameras`, token);
      expect(body.map((c) => c.streams.main?.state)).toEqual(new Array(CAMERAS).fill('live'));
      expect(ffmpegsFor(camera.url())).toHaveLength(CAMERAS);
    } finally {
      for (const ws of sockets) ws.close();
    }
    await serve.stop('SIGTERM');
    await waitFor('no ffmpeg for the camera', () => ffmpegsFor(camera.url()).length === 0, 5_000);
  });
});
