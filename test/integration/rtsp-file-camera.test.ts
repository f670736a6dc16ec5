import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { startFileCamera, type FileCamera } from '../helpers/rtsp-file-camera.mjs';

/**
 * The pre-encoded RTSP test camera (test/helpers/rtsp-file-camera.mjs) against real ffmpeg
 * clients, as the site core reads cameras (RTP interleaved on the RTSP connection): three clients
 * on three paths all get the camera's frame rate and decode without an error; a malformed request
 * gets 400, a UDP-only SETUP 461, and the camera serves on; once the clients leave, no connection
 * remains.
 */
const FPS = 25;
const WINDOW_FRAMES = 2 * FPS;

let camera: FileCamera;
const children: ChildProcess[] = [];

beforeAll(async () => {
  camera = await startFileCamera({ width: 640, height: 360, fps: FPS, bitrate: 800, seconds: 2 });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await camera?.close();
});

/** Sends raw bytes on a fresh connection; resolves with the first response head, and whether the camera closed the connection after it. */
function exchange(text: string, expectClose = false): Promise<{ head: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(camera.port, '127.0.0.1', () => socket.write(text));
    let got = '';
    let head: string | undefined;
    const finish = (closed: boolean) => {
      socket.destroy();
      if (head !== undefined) resolve({ head, closed });
      else reject(new Error(`no response to ${JSON.stringify(text)}: ${got}`));
    };
    const timer = setTimeout(() => finish(false), 2_000);
    socket.on('data', (d) => {
      got += d.toString('latin1');
      const end = got.indexOf('\r\n\r\n');
      if (head === undefined && end >= 0) head = got.slice(0, end);
      if (head !== undefined && !expectClose) {
        clearTimeout(timer);
        finish(false);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      finish(true);
    });
  });
}

/** An ffmpeg that decodes the stream and prints one line per decoded frame (framemd5), flushed per frame. */
function ffmpegClient(url: string, transport: string[]) {
  // The core's probe limits (electron/core/video/ffmpeg-args.ts): ffmpeg's defaults hold the first ~1 s of frames back and then burst them.
  const child = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', ...transport, '-probesize', '32768', '-analyzeduration', '200000', '-i', url, '-map', '0:v:0', '-f', 'framemd5', '-flush_packets', '1', 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const client = { child, frames: 0, stderr: '' };
  let partial = '';
  child.stdout.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    client.frames += lines.filter((l) => l && !l.startsWith('#')).length;
  });
  child.stderr.on('data', (d: Buffer) => (client.stderr += d.toString()));
  return client;
}

describe('pre-encoded RTSP file camera', () => {
  it('answers a malformed request with 400 and a UDP-only SETUP with 461, and serves on', async () => {
    const garbage = await exchange('HELLO THERE\r\n\r\n', true);
    expect(garbage.head).toMatch(/^RTSP\/1\.0 400 Bad Request/);
    expect(garbage.closed).toBe(true);
    expect((await exchange('OPTIONS rtsp://127.0.0.1/cam RTSP/1.0\r\n\r\n')).head).toMatch(/^RTSP\/1\.0 400 /); // no CSeq
    const udp = await exchange('SETUP rtsp://127.0.0.1/cam/track1 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n');
    expect(udp.head).toMatch(/^RTSP\/1\.0 461 Unsupported Transport\r\nCSeq: 2\r\n/);
    const options = await exchange('OPTIONS rtsp://127.0.0.1/cam RTSP/1.0\r\nCSeq: 3\r\n\r\n');
    expect(options.head).toMatch(/^RTSP\/1\.0 200 OK\r\nCSeq: 3\r\n/);
    expect(options.head).toMatch(/Public: .*DESCRIBE.*SETUP.*PLAY.*GET_PARAMETER.*TEARDOWN/);
    expect(camera.stats().badRequests).toBe(2);
  });

  it('gives three ffmpeg clients on three paths every frame at the camera rate, without decode errors, and keeps no connection after they leave', async () => {
    // The third client leaves the transport to ffmpeg: it offers UDP first, gets 461, and retries over TCP.
    const clients = [ffmpegClient(camera.url('/cam1'), ['-rtsp_transport', 'tcp']), ffmpegClient(camera.url('/cam2'), ['-rtsp_transport', 'tcp']), ffmpegClient(camera.url('/north/gate'), [])];
    // Past the first frames (those ffmpeg held while probing come at once).
    const started = await eventually(async () => clients.map((c) => c.frames), (f) => f.every((n) => n >= 8), 5_000, 20);
    expect(started.every((n) => n >= 8), clients.map((c) => c.stderr).join('\n')).toBe(true);
    expect(camera.stats()).toMatchObject({ connections: 3, playing: 3 });

    // Paced by the camera's clock: 2 s of frames arrive in about 2 s, not in a burst and not late.
    const from = performance.now();
    const base = clients.map((c) => c.frames);
    const got = await eventually(async () => clients.map((c, i) => c.frames - base[i]!), (f) => f.every((n) => n >= WINDOW_FRAMES), 3_000, 20);
    const seconds = (performance.now() - from) / 1000;
    expect(got.every((n) => n >= WINDOW_FRAMES), `frames in ${seconds.toFixed(2)} s: ${got.join(', ')}`).toBe(true);
    expect(seconds).toBeGreaterThan(1.6);
    // ffmpeg reports the refused UDP SETUP at error level before it retries over TCP; nothing else.
    expect(clients.map((c) => c.stderr.replace(/^\[rtsp @ \w+\] method SETUP failed: 461 Unsupported Transport\n/, ''))).toEqual(['', '', '']);
    expect(clients[2]!.stderr).toContain('461');

    for (const c of clients) c.child.kill('SIGTERM');
    const after = await eventually(async () => camera.stats(), (s) => s.connections === 0, 3_000, 20);
    expect(after).toMatchObject({ connections: 0, playing: 0, dropped: 0 });
  });
});
