import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PanoramaCaptureView, PanoramaIssueView, PanoramaMeasurementView, PanoramaQueueView } from '../../electron/common/panorama/types.js';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, mediaTicketUrl, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { flatImage, referenceScene, syntheticPanorama } from '../helpers/synthetic-panorama.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The built core with a site that has capture points, a watched inbox and a basic-auth capture device.
const ORIGIN = { latDeg: 30.5928, lonDeg: 114.3055, heightM: 0 };
let serve: ServeProcess;
let token: string;
let root: string;
let dataDir: string;
let inbox: string;
let device: Server;
let deviceImage: Buffer;
const deviceHits = { ok: 0, refused: 0 };

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

async function upload(bytes: Buffer, name: string, extra: Record<string, string> = {}) {
  const response = await fetch(`${serve.url}/api/panoramas`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'X-Filename': encodeURIComponent(name), ...extra },
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as { status?: string; reason?: string; error?: string; code?: string; capture?: PanoramaCaptureView } };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${serve.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  root = tempDir();
  dataDir = join(root, 'data');
  inbox = join(root, 'inbox');
  const siteDir = join(root, 'site');
  mkdirSync(inbox);
  mkdirSync(siteDir);
  deviceImage = await syntheticPanorama({ ...referenceScene(90), poles: [] }, 1024, { format: 'jpeg', quality: 80 });
  device = createServer((req, res) => {
    const expected = `Basic ${Buffer.from('cam:secret').toString('base64')}`;
    if (req.headers.authorization !== expected) {
      deviceHits.refused++;
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="cam"' }).end();
      return;
    }
    deviceHits.ok++;
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': deviceImage.length }).end(deviceImage);
  });
  const devicePort = await freePort();
  await new Promise<void>((r) => device.listen(devicePort, '127.0.0.1', () => r()));
  writeSiteFile(
    {
      id: 'pano-test',
      name: 'Panorama test site',
      origin: ORIGIN,
      panoramas: {
        points: [
          { id: 'P1', name: 'Gate', position: { e: 0, n: 0, u: 0 }, latDeg: ORIGIN.latDeg, lonDeg: ORIGIN.lonDeg, neighbours: ['P2'] },
          { id: 'P2', name: 'Core', position: { e: 40, n: 0, u: 0 }, cameraHeightM: 1.5, neighbours: ['P1'] },
        ],
        inbox,
        inboxPollS: 0.2,
        inboxSettleS: 1,
        maxFileMiB: 1,
        devices: [{ id: 'cam360', url: `http://127.0.0.1:${devicePort}/latest.jpg`, intervalS: 5, username: 'cam', password: 'secret', pointId: 'P2' }],
      },
    },
    siteDir,
  );
  serve = await ServeProcess.start(['--port', '0', '--data', dataDir, '--site', siteDir, '--no-simulate']);
  token = await login(serve.url);
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  await new Promise((r) => device?.close(r));
  removeTempDirs();
});

describe('panorama ingest (built core)', () => {
  let first: PanoramaCaptureView;
  const goodScene = referenceScene(37);

  it('takes an upload with GPano XMP and EXIF, assigns it by GPS, and tiles it', async () => {
    const live = new WebSocket(`${serve.url.replace('http', 'ws')}/api/live`);
    const stages: string[] = [];
    live.on('message', (m) => {
      const event = JSON.parse(String(m)) as { type: string; progress?: { stage: string; index: number; total: number } };
      if (event.type === 'panorama') stages.push(`${event.progress!.stage} ${event.progress!.index}/${event.progress!.total}`);
    });
    await new Promise((r) => live.once('open', r));
    live.send(JSON.stringify({ type: 'auth', token }));
    await new Promise((r) => setTimeout(r, 200));

    const bytes = await syntheticPanorama(goodScene, 1024, {
      format: 'jpeg',
      xmp: true,
      takenAt: { local: '2026:09:01 10:11:12', offset: '+08:00' },
      gps: { latDeg: ORIGIN.latDeg + 0.00003, lonDeg: ORIGIN.lonDeg },
      make: 'RICOH',
      model: 'THETA Z1',
    });
    const { status, body } = await upload(bytes, 'walk-1.jpg');
    expect(status).toBe(201);
    first = body.capture!;
    expect(first).toMatchObject({ pointId: 'P1', assignedBy: 'gps', source: 'upload', headingDeg: 37, width: 1024, height: 512, state: 'ready' });
    expect(first.capturedAt).toBe(Date.UTC(2026, 8, 1, 2, 11, 12));
    expect(first.camera).toEqual({ make: 'RICOH', model: 'THETA Z1' });
    expect(first.gps!.latDeg).toBeCloseTo(ORIGIN.latDeg + 0.00003, 6);
    expect(first.levels.map((l) => l.width)).toEqual([512, 1024]);
    const dir = join(dataDir, 'panoramas', 'captures', first.id);
    expect(listFiles(dir)).toEqual(['original.jpg', 'thumb.jpeg', 'tiles/0/0_0.jpeg', 'tiles/1/0_0.jpeg', 'tiles/1/1_0.jpeg']);
    for (const path of [first.thumbnailUrl, `/api/media/panoramas/${first.id}/tiles/1/1_0.jpeg`]) {
      const res = await fetch(await mediaTicketUrl(serve.url, token, path));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('jpeg');
    }
    expect((await fetch(`${serve.url}${first.thumbnailUrl}`)).status).toBe(401);
    expect((await fetch(await mediaTicketUrl(serve.url, token, `/api/media/panoramas/${first.id}/original.jpg`))).status).toBe(404);
    // Tiles take the capture's ticket only: not the session token.
    expect((await fetch(`${serve.url}${first.thumbnailUrl}?token=${token}`)).status).toBe(401);
    await waitFor(async () => stages.some((s) => s.startsWith('done')));
    expect(stages).toEqual(expect.arrayContaining(['checking 1/1', 'tiling 1/1', 'thumbnail 1/1', 'done 1/1']));
    live.close();
  });

  it('answers a second upload of the same file as a duplicate, keeping one capture', async () => {
    const bytes = await syntheticPanorama(goodScene, 1024, { format: 'jpeg', xmp: true, takenAt: { local: '2026:09:01 10:11:12', offset: '+08:00' }, gps: { latDeg: ORIGIN.latDeg + 0.00003, lonDeg: ORIGIN.lonDeg }, make: 'RICOH', model: 'THETA Z1' });
    const { status, body } = await upload(bytes, 'walk-1-again.jpg');
    expect(status).toBe(409);
    expect(body).toMatchObject({ status: 'duplicate', code: 'conflict' });
    expect(body.error).toMatch(/duplicate.*already stored as pc-/);
    expect(body.capture!.id).toBe(first.id);
    const { body: all } = await getJson<PanoramaCaptureView[]>(`${serve.url}/api/panorama-captures?pointId=P1`, token);
    expect(all.map((c) => c.id)).toEqual([first.id]);
  });

  it('refuses bad input with a clear reason and writes nothing outside the store', async () => {
    const before = listFiles(root);
    const good = await syntheticPanorama(goodScene, 512, { format: 'jpeg' });
    const noise = await sharp({ create: { width: 1400, height: 700, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
    expect(noise.length).toBeGreaterThan(2 ** 20);
    const cases: [Buffer, string, number, string, RegExp][] = [
      [await flatImage(1000, 700), 'square.jpg', 400, 'wrong-aspect', /1000×700 is not an equirectangular/],
      [good.subarray(0, Math.floor(good.length * 0.6)), 'truncated.jpg', 400, 'corrupt', /damaged|premature|corrupt/i],
      [Buffer.from('this is not a picture at all'), 'notes.jpg', 400, 'not-an-image', /not a JPEG or PNG/],
      [noise, 'huge.png', 413, 'too-large', /over the 1 MiB limit/],
      [good, '../../evil.jpg', 400, 'bad-name', /is a path, not a file name/],
      [good, '..\\..\\evil.jpg', 400, 'bad-name', /is a path/],
      [good, 'readme.txt', 400, 'unsupported-format', /not a \.jpg/],
    ];
    for (const [bytes, name, status, reason, message] of cases) {
      const res = await upload(bytes, name);
      expect({ name, status: res.status, reason: res.body.reason }).toEqual({ name, status, reason });
      expect(res.body.error).toMatch(message);
    }
    const after = listFiles(root);
    const added = after.filter((f) => !before.includes(f));
    // Only the log, the database's WAL and panorama store files may appear; nothing named evil anywhere.
    expect(added.filter((f) => !/^data\/(panoramas\/|logs\/|site-command\.db)/.test(f))).toEqual([]);
    expect(after.some((f) => f.includes('evil'))).toBe(false);
    expect(before.filter((f) => !after.includes(f)).filter((f) => !/^data\/(logs|site-command\.db)/.test(f))).toEqual([]);
    const { body: all } = await getJson<PanoramaCaptureView[]>(`${serve.url}/api/panorama-captures`, token);
    expect(all.filter((c) => c.source === 'upload')).toHaveLength(1);
  });

  it('takes a complete file from the inbox (assigned by its name) and keeps a refused one with its reason', async () => {
    const bytes = await syntheticPanorama({ ...goodScene, headingDeg: 0 }, 1024, { format: 'png' });
    const target = join(inbox, 'P2_2026-10-01.png');
    // Written in two parts with a pause longer than a poll, as a stalled copy would: it must not be taken half-written.
    writeFileSync(target, bytes.subarray(0, 1000));
    await new Promise((r) => setTimeout(r, 300));
    appendFileSync(target, bytes.subarray(1000));
    writeFileSync(join(inbox, 'P1_wrong.jpg'), await flatImage(800, 600));
    const capture = await waitFor(async () => (await getJson<PanoramaCaptureView[]>(`${serve.url}/api/panorama-captures?pointId=P2`, token)).body.find((c) => c.source === 'inbox'));
    expect(capture).toMatchObject({ assignedBy: 'filename', format: 'png', cameraHeightM: 1.5, bytes: bytes.length });
    await waitFor(async () => readdirSync(inbox).length === 0);
    const rejected = listFiles(join(dataDir, 'panoramas', 'rejected'));
    expect(rejected.some((f) => f.endsWith('P1_wrong.jpg'))).toBe(true);
    const reasonFile = rejected.find((f) => f.endsWith('P1_wrong.jpg.reason.json'))!;
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(join(dataDir, 'panoramas', 'rejected', reasonFile), 'utf8'))).toMatchObject({ reason: 'wrong-aspect', source: 'inbox' });
  });

  it('pulls the latest panorama from a capture device with basic auth', async () => {
    const capture = await waitFor(async () => (await getJson<PanoramaCaptureView[]>(`${serve.url}/api/panorama-captures?pointId=P2`, token)).body.find((c) => c.source === 'device:cam360'));
    expect(capture).toMatchObject({ assignedBy: 'upload', width: 1024 });
    expect(deviceHits.ok).toBeGreaterThanOrEqual(1);
    expect(deviceHits.refused).toBe(0);
    const { body: queue } = await getJson<PanoramaQueueView>(`${serve.url}/api/panorama-queue`, token);
    expect(queue.devices).toEqual([expect.objectContaining({ id: 'cam360', lastError: null })]);
    // Pulled again after 5 s, the same picture is a duplicate: one capture, nothing more stored.
    expect(['accepted', 'duplicate']).toContain(queue.devices[0]!.lastResult);
    const { body: all } = await getJson<PanoramaCaptureView[]>(`${serve.url}/api/panorama-captures`, token);
    expect(all.filter((c) => c.source === 'device:cam360')).toHaveLength(1);
  });

  it('saves measurements and issues, recomputed by the core, and exports both as CSV', async () => {
    const at = (e: number, n: number) => ({ yawDeg: (Math.atan2(e, n) * 180) / Math.PI - 37, pitchDeg: (-Math.atan2(1.6, Math.hypot(e, n)) * 180) / Math.PI });
    const saved = await call<PanoramaMeasurementView>('POST', '/api/panorama-measurements', { captureId: first.id, kind: 'distance', points: [at(0, 3), at(4, 3)], label: 'slab edge' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: 'distance', unit: 'm', cameraHeightM: 1.6, pixelErrorPx: 1, pointId: 'P1', createdBy: 'admin' });
    expect(saved.body.value).toBeCloseTo(4, 6);
    expect(saved.body.uncertainty).toBeGreaterThan(0);
    const bad = await call<{ code: string; error: string }>('POST', '/api/panorama-measurements', { captureId: first.id, kind: 'range', points: [{ yawDeg: 0, pitchDeg: 10 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/below the horizon/);
    const issue = await call<PanoramaIssueView>('POST', '/api/panorama-issues', { captureId: first.id, yawDeg: 10, pitchDeg: -5, text: 'Guard rail missing, east edge', category: 'safety', assignee: 'li.wei' });
    expect(issue.body).toMatchObject({ status: 'open', pointId: 'P1', bearingDeg: 47 });
    const updated = await call<PanoramaIssueView>('POST', `/api/panorama-issues/${issue.body.id}`, { status: 'in-progress' });
    expect(updated.body.status).toBe('in-progress');
    const csv = await getJson<{ filename: string; csv: string }>(`${serve.url}/api/panorama-export/measurements?pointId=P1`, token);
    expect(csv.body.filename).toMatch(/^panorama-measurements-P1-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.body.csv.split('\r\n')[1]).toMatch(/^\d+,P1,pc-[0-9a-f]{16},2026-09-01T02:11:12\.000Z,distance,slab edge,4,0\.\d+,m,1\.6,1,/);
    const issues = await getJson<{ csv: string }>(`${serve.url}/api/panorama-export/issues`, token);
    expect(issues.body.csv).toContain('safety,in-progress,li.wei,"Guard rail missing, east edge",47');
  });

  it('assigns a capture by hand', async () => {
    const res = await call<PanoramaCaptureView>('POST', `/api/panorama-captures/${first.id}/assign`, { pointId: 'P2', cameraHeightM: 1.7 });
    expect(res.body).toMatchObject({ pointId: 'P2', assignedBy: 'hand', cameraHeightM: 1.7 });
    const unknown = await call<{ code: string }>('POST', `/api/panorama-captures/${first.id}/assign`, { pointId: 'P9' });
    expect(unknown.status).toBe(404);
  });
});
