import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspAuthProxy } from '../../electron/core/video/rtsp-auth-proxy.js';
import { remuxArgs } from '../../electron/core/video/ffmpeg-args.js';
import { RtspCamera, freePort } from '../helpers/rtsp-camera.js';

/**
 * The RTSP auth proxy between ffmpeg and real GStreamer cameras demanding a password (Basic and
 * Digest): ffmpeg gets video through a credential-free loopback URL, the path works once, a wrong
 * password still reads "401", and an unreachable camera reads "Connection refused".
 */
const USER = 'viewer';
const PASSWORD = 'pr0xy-secret-5521';

let basic: RtspCamera;
let digest: RtspCamera;
const proxy = new RtspAuthProxy();

beforeAll(async () => {
  [basic, digest] = await Promise.all([
    RtspCamera.start({ width: 320, height: 180, fps: 10, user: USER, password: PASSWORD }),
    RtspCamera.start({ width: 320, height: 180, fps: 10, user: USER, password: PASSWORD, auth: 'digest' }),
  ]);
  await proxy.start();
});

afterAll(async () => {
  await proxy.stop();
  await basic?.stop();
  await digest?.stop();
});

/** Runs ffmpeg on `url` until it wrote `bytes` of fragmented MP4 (or exited); returns stdout size and stderr. */
function ffmpegRead(url: string, bytes = 20_000, timeoutMs = 10_000): Promise<{ stdout: number; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn('ffmpeg', remuxArgs(url), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = 0;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.length;
      if (stdout >= bytes) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
  });
}

function rawRequest(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.write(`OPTIONS ${url} RTSP/1.0\r\nCSeq: 1\r\n\r\n`);
    setTimeout(() => socket.destroy(), 3000).unref();
  });
}

describe('RTSP auth proxy', () => {
  for (const kind of ['basic', 'digest'] as const) {
    it(`streams a camera demanding ${kind} auth through a credential-free URL`, async () => {
      const camera = kind === 'basic' ? basic : digest;
      // Without the proxy and without credentials the camera refuses.
      const direct = await ffmpegRead(camera.url({ user: '', password: '' }).replace('rtsp://:@', 'rtsp://'));
      expect(direct.stderr).toMatch(/401/);
      const url = proxy.ticket(camera.url());
      expect(url).not.toContain(PASSWORD);
      expect(url).not.toContain(USER);
      expect(url).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/cam$/);
      const read = await ffmpegRead(url);
      expect(read.stderr).not.toMatch(/401|Unauthorized/);
      expect(read.stdout).toBeGreaterThanOrEqual(20_000);
    }, 30_000);
  }

  it('a path works once: a second client naming it gets 404', async () => {
    const url = proxy.ticket(basic.url());
    expect(proxy.waitingTickets).toBeGreaterThan(0);
    const first = await ffmpegRead(url, 5_000);
    expect(first.stdout).toBeGreaterThanOrEqual(5_000);
    expect(await rawRequest(url)).toMatch(/^RTSP\/1\.0 404/);
    const again = await ffmpegRead(url, 5_000, 5_000);
    expect(again.stdout).toBe(0);
    expect(again.stderr).toMatch(/404/);
  }, 30_000);

  it('an unknown path and a path outside the ticket are refused', async () => {
    expect(await rawRequest(`rtsp://127.0.0.1:${new URL(proxy.ticket(basic.url())).port}/${'0'.repeat(32)}/cam`)).toMatch(/^RTSP\/1\.0 404/);
  });

  it('a wrong password still reads 401 to ffmpeg (the console says "authentication failed")', async () => {
    const read = await ffmpegRead(proxy.ticket(digest.url({ user: USER, password: 'wrong' })), 5_000, 8_000);
    expect(read.stdout).toBe(0);
    expect(read.stderr).toMatch(/401/);
  }, 15_000);

  it('a camera that refuses connections reads "Connection refused" to ffmpeg', async () => {
    const port = await freePort();
    const read = await ffmpegRead(proxy.ticket(`rtsp://${USER}:${PASSWORD}@127.0.0.1:${port}/cam`), 5_000, 8_000);
    expect(read.stdout).toBe(0);
    expect(read.stderr).toMatch(/Connection refused/);
  }, 15_000);
});
