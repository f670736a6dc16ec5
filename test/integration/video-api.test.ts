import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CameraView, SnapshotInfo } from '../../electron/common/api.js';
import { RtspCamera, ffmpegsFor, freePort, waitFor } from '../helpers/rtsp-camera.js';
import { ServeProcess, getJson, login, mediaTicketUrl, postJson } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * The video API of the built core against real GStreamer RTSP cameras: the `/api/video` socket,
 * stream states and offline reasons in `GET /api/cameras`, credentials, snapshots, and no ffmpeg
 * left behind when the core stops or is killed.
 */
const RIGHT = { user: 'operator', password: 'right-secret-7431' };
const WRONG_PASSWORD = 'wrong-secret-2209';

let camera: RtspCamera;
let authCamera: RtspCamera;
let closedPort: number;
let siteDir: string;
let dataDir: string;
let serve: ServeProcess;
let token: string;

function writeSite(dir: string): void {
  writeSiteFile(
    {
      id: 'video-api-test',
      name: 'Video API test site',
      devices: [],
      cameras: [
        { id: 'cam', name: 'Real camera', mainUrl: camera.url() },
        { id: 'closed', name: 'Nothing listening', mainUrl: `rtsp://127.0.0.1:${closedPort}/cam` },
        { id: 'locked', name: 'Needs a password', mainUrl: authCamera.url({ user: RIGHT.user, password: WRONG_PASSWORD }) },
      ],
    },
    dir,
  );
}

beforeAll(async () => {
  camera = await RtspCamera.start({ width: 640, height: 360, fps: 15 });
  authCamera = await RtspCamera.start({ width: 640, height: 360, fps: 15, ...RIGHT });
  closedPort = await freePort();
  siteDir = tempDir();
  dataDir = tempDir();
  writeSite(siteDir);
  serve = await ServeProcess.start(['--port', '0', '--data', dataDir, '--site', siteDir, '--no-simulate']);
  token = await login(serve.url);
});

afterAll(async () => {
  await serve?.stop('SIGKILL');
  await camera?.stop();
  await authCamera?.stop();
  removeTempDirs();
});

interface VideoClient {
  texts: Array<Record<string, unknown> & { at: number }>;
  /** Every message in order: text (parsed) or binary. */
  sequence: Array<{ kind: 'text'; value: Record<string, unknown>; at: number } | { kind: 'binary'; value: Buffer; at: number }>;
  closed: Promise<{ code: number; reason: string }>;
  opened: number;
  ws: WebSocket;
}

function openVideo(cameraId: string, authToken: string, quality: 'main' | 'sub' = 'sub'): VideoClient {
  const url = `${serve.url.replace(/^http/, 'ws')}/api/video?camera=${encodeURIComponent(cameraId)}&quality=${quality}`;
  const ws = new WebSocket(url);
  const client: VideoClient = { texts: [], sequence: [], opened: Date.now(), ws, closed: undefined as never };
  client.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: authToken })));
  ws.on('message', (data, isBinary) => {
    const at = Date.now();
    if (isBinary) client.sequence.push({ kind: 'binary', value: Buffer.from(data as Buffer), at });
    else {
      const value = JSON.parse(String(data)) as Record<string, unknown>;
      client.texts.push({ ...value, at });
      client.sequence.push({ kind: 'text', value, at });
    }
  });
  ws.on('error', () => undefined);
  return client;
}

async function cameraView(id: string): Promise<CameraView> {
  const { status, body } = await getJson<CameraView[]>(`${serve.url}/api/cameras`, token);
  expect(status).toBe(200);
  return body.find((c) => c.id === id)!;
}

async function waitForStream(id: string, what: string, test: (c: CameraView) => boolean, timeoutMs: number): Promise<CameraView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await cameraView(id);
    if (test(view)) return view;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(view.streams)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const state = (c: CameraView) => c.streams.sub ?? c.streams.main;

describe('/api/video', () => {
  it('refuses a bad token with 4401', async () => {
    const client = openVideo('cam', 'not-a-token');
    expect((await client.closed).code).toBe(4401);
    expect(client.sequence.filter((m) => m.kind === 'binary')).toHaveLength(0);
  });

  it('refuses an unknown camera with 4404', async () => {
    const client = openVideo('no-such-camera', token);
    expect((await client.closed).code).toBe(4404);
  });

  it('sends init (avc1), the ftyp init segment, then media within 3 s', async () => {
    const client = openVideo('cam', token);
    await waitFor('3 media fragments', () => client.sequence.filter((m) => m.kind === 'binary').length >= 4, 3_000);
    const initIndex = client.sequence.findIndex((m) => m.kind === 'text' && m.value.type === 'init');
    expect(initIndex).toBeGreaterThanOrEqual(0);
    const init = client.sequence[initIndex]!.value as { codec: string; width: number; height: number; generation: number };
    expect(init.codec).toMatch(/^avc1\.[0-9A-F]{6}$/i);
    expect(init).toMatchObject({ width: 640, height: 360 });
    const segment = client.sequence[initIndex + 1]!;
    expect(segment.kind).toBe('binary');
    expect((segment.value as Buffer).subarray(4, 8).toString('latin1')).toBe('ftyp');
    const media = client.sequence.slice(initIndex + 2).find((m) => m.kind === 'binary')!;
    expect((media.value as Buffer).subarray(4, 8).toString('latin1')).toBe('moof');
    console.info(`init after ${client.sequence[initIndex]!.at - client.opened} ms, first media after ${media.at - client.opened} ms (codec ${init.codec})`);
    expect(media.at - client.opened).toBeLessThan(3_000);

    // Status messages every 2 s, and the camera list agrees: live, with a frame rate.
    await waitFor('a live status message', () => client.texts.some((t) => t.type === 'status' && t.state === 'live'), 5_000);
    const view = await waitForStream('cam', 'live with fps', (c) => state(c)?.state === 'live' && (state(c)?.fps ?? 0) > 0, 5_000);
    expect(state(view)!.fps).toBeGreaterThan(10);
    expect(state(view)!.fps).toBeLessThan(20);
    client.ws.close();
  });

  it('reports the camera offline with a reason within 5 s of its loss, and live again within 10 s of its return', async () => {
    const client = openVideo('cam', token);
    const firstInit = await waitFor('the init message', () => client.texts.find((t) => t.type === 'init'), 5_000);
    await waitForStream('cam', 'live', (c) => state(c)?.state === 'live', 5_000);
    const firstGeneration = Number(firstInit.generation);
    expect(Number.isInteger(firstGeneration)).toBe(true);
    await camera.stop();
    const lostAt = Date.now();
    const offline = await waitForStream('cam', 'offline with a reason', (c) => state(c)?.state === 'offline' && !!state(c)?.reason, 5_000);
    console.info(`offline after ${Date.now() - lostAt} ms: ${state(offline)!.reason}`);
    await waitFor('an offline status on the socket', () => client.texts.some((t) => t.type === 'status' && t.state === 'offline' && typeof t.reason === 'string'), 5_000);

    await camera.restart();
    const backAt = Date.now();
    await waitForStream('cam', 'live again', (c) => state(c)?.state === 'live', 10_000);
    // The viewer gets a new init segment (higher generation): the player's cue to reset its SourceBuffer.
    await waitFor('a new init', () => client.texts.some((t) => t.type === 'init' && Number(t.generation) > firstGeneration), 10_000 - (Date.now() - backAt));
    console.info(`live again after ${Date.now() - backAt} ms`);
    client.ws.close();
  });

  it('says "connection refused" for a camera whose port is closed', async () => {
    const client = openVideo('closed', token);
    const view = await waitForStream('closed', 'offline', (c) => state(c)?.state === 'offline', 10_000);
    expect(state(view)!.reason).toBe('connection refused');
    client.ws.close();
  });

  it('says "authentication failed" for wrong credentials; the admin sets the right ones and it goes live; no password leaks', async () => {
    const client = openVideo('locked', token);
    const refused = await waitForStream('locked', 'offline', (c) => state(c)?.state === 'offline', 10_000);
    expect(state(refused)!.reason).toBe('authentication failed');
    client.ws.close();

    const response = await fetch(`${serve.url}/api/cameras/locked/credentials`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: RIGHT.user, password: RIGHT.password }),
    });
    expect(response.status).toBe(200);
    const again = openVideo('locked', token);
    await waitFor('media from the locked camera', () => again.sequence.filter((m) => m.kind === 'binary').length >= 3, 10_000);
    const live = await waitForStream('locked', 'live', (c) => state(c)?.state === 'live', 5_000);
    expect(live.hasCredentials).toBe(true);
    again.ws.close();

    const listed = JSON.stringify((await getJson<CameraView[]>(`${serve.url}/api/cameras`, token)).body);
    const log = readFileSync(join(dataDir, 'logs', 'site-command.log'), 'utf8');
    expect(log.length).toBeGreaterThan(0);
    for (const secret of [RIGHT.password, WRONG_PASSWORD]) {
      expect(listed).not.toContain(secret);
      expect(log).not.toContain(secret);
      expect(serve.output).not.toContain(secret);
    }
  });

  it('takes a snapshot served as JPEG with a media ticket, 401 without or with the session token, no ticket for a path-traversal name', async () => {
    const response = await fetch(`${serve.url}/api/cameras/cam/snapshot`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ quality: 'main' }),
    });
    expect(response.status).toBe(200);
    const info = (await response.json()) as SnapshotInfo;
    expect(info).toMatchObject({ cameraId: 'cam' });
    expect(info.url).toMatch(/^\/api\/media\/snapshots\/cam-\d{8}T\d{6}\d*Z\.jpg$/);

    const image = await fetch(await mediaTicketUrl(serve.url, token, info.url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.length).toBe(info.bytes);

    expect((await fetch(`${serve.url}${info.url}`)).status).toBe(401);
    expect((await fetch(`${serve.url}${info.url}?ticket=wrong`)).status).toBe(401);
    // The session token is no longer accepted in a URL.
    expect((await fetch(`${serve.url}${info.url}?token=${token}`)).status).toBe(401);
    for (const name of ['..%2F..%2Fsite.json', '..%2Flogs%2Fsite-command.log', '%2Fetc%2Fpasswd', 'cam-20260101T000000Z.jpg%2F..%2F..%2Fsite.json']) {
      const refused = await postJson<{ code: string }>(`${serve.url}/api/media-tickets`, token, { path: `/api/media/snapshots/${name}` });
      expect(refused.status, name).toBe(400);
      expect((await fetch(`${serve.url}/api/media/snapshots/${name}`)).status, name).toBe(401);
    }
  });
});

describe('no ffmpeg left behind', () => {
  it('after SIGTERM', async () => {
    const client = openVideo('cam', token);
    await waitFor('ffmpeg for the camera', () => ffmpegsFor(camera.url()).length > 0, 5_000);
    expect(await serve.stop('SIGTERM')).toBe(0);
    client.ws.terminate();
    await waitFor('no ffmpeg for the camera', () => ffmpegsFor(camera.url()).length === 0, 5_000);
  });

  it('after SIGKILL', async () => {
    serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate']);
    token = await login(serve.url);
    const client = openVideo('cam', token);
    await waitFor('media', () => client.sequence.filter((m) => m.kind === 'binary').length >= 2, 5_000);
    expect(ffmpegsFor(camera.url()).length).toBeGreaterThan(0);
    // SIGKILL to the supervisor and the core child (ffmpegs lead their own process groups, so
    // only the orphan guard can end them).
    await serve.crash();
    client.ws.terminate();
    await waitFor('no ffmpeg for the camera', () => ffmpegsFor(camera.url()).length === 0, 5_000);
  });
});
