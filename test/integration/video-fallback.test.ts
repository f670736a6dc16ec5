import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { login, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

function firstInit(url: string, token: string, camera: string, quality: string): Promise<{ codec: string; width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/video?camera=${camera}&quality=${quality}`);
    const timer = setTimeout(() => reject(new Error('no init within 10 s')), 10_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (data, binary) => {
      if (binary) return;
      const msg = JSON.parse(String(data)) as { type: string; codec: string; width: number; height: number };
      if (msg.type !== 'init') return;
      clearTimeout(timer);
      ws.close();
      resolve(msg);
    });
  });
}

describe('codec fallback', () => {
  it('serves an H.265 camera as is, and as reduced-size H.264 when a player asks for the fallback', async () => {
    const site = writeSiteFile({ id: 'v', name: 'Fallback', devices: [], cameras: [{ id: 'hevc', name: 'H.265 camera', mainUrl: 'testpattern:?label=HEVC&size=960x540&rate=10&codec=hevc' }] });
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', site, '--no-simulate']);
    const token = await login(serve.url);
    const native = await firstInit(serve.url, token, 'hevc', 'main');
    expect(native.codec).toMatch(/^hvc1\./);
    const fallback = await firstInit(serve.url, token, 'hevc', 'fallback');
    expect(fallback.codec).toMatch(/^avc1\./);
    expect(fallback.width).toBe(640);
    await serve.stop();
  }, 60_000);
});
