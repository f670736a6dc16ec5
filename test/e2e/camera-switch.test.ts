import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, logIn } from '../helpers/browser.js';
import { RtspCamera } from '../helpers/rtsp-camera.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * Opening a grid tile (sub stream, 320×180) in single view (main stream, 640×360) never shows a
 * frame-less picture: at every animation frame of the switch, the tile's poster or its video has a
 * presented frame. Afterwards the sub stream's socket is closed.
 */
/** The DOM parts read in the page (this tsconfig has no DOM types). */
interface VideoLike {
  readyState: number;
  videoWidth: number;
}
interface PosterLike {
  hidden: boolean;
  width: number;
}
interface ElementLike {
  querySelector(selector: string): unknown;
}
declare const document: ElementLike;
declare function requestAnimationFrame(callback: () => void): number;

let browser: Browser;
let main: RtspCamera;
let sub: RtspCamera;
let serve: ServeProcess;

beforeAll(async () => {
  [main, sub] = await Promise.all([RtspCamera.start({ width: 640, height: 360, fps: 15 }), RtspCamera.start({ width: 320, height: 180, fps: 15 })]);
  const siteDir = tempDir();
  const cameras = [{ id: 'cam-switch', name: 'Switch camera', mainUrl: main.url(), subUrl: sub.url() }];
  writeFileSync(join(siteDir, 'site.json'), JSON.stringify({ id: 'switch-test', name: 'Switch test', timeZone: 'Asia/Shanghai', devices: [], cameras }));
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate']);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await Promise.all([main?.stop(), sub?.stop()]);
  removeTempDirs();
});

it('switches sub → main without a black frame and closes the sub socket', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 900 } });
  const page: Page = await context.newPage();
  // Counts the page's open video sockets per quality.
  await page.addInitScript(() => {
    const open: Record<string, number> = {};
    (globalThis as unknown as { openVideoSockets: Record<string, number> }).openVideoSockets = open;
    const Native = globalThis.WebSocket;
    globalThis.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        const quality = new URL(String(url)).searchParams.get('quality') ?? '';
        if (!String(url).includes('/api/video')) return;
        open[quality] = (open[quality] ?? 0) + 1;
        this.addEventListener('close', () => (open[quality] = (open[quality] ?? 1) - 1));
      }
    } as typeof WebSocket;
  });
  await logIn(page, serve.url, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=site-name]');
  await page.evaluate(() => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/cameras'));
  await page.waitForSelector('[data-testid=tile-0][data-camera=cam-switch][data-state=live]', { timeout: 15_000 });
  await page.waitForFunction(() => (document.querySelector('[data-testid=tile-0] video') as VideoLike | null)?.videoWidth === 320);

  // Samples every animation frame: the visible picture element of the camera's tile must have a frame.
  await page.evaluate(() => {
    const log: string[] = [];
    (globalThis as unknown as { switchLog: string[] }).switchLog = log;
    const sample = () => {
      const tile = document.querySelector('[data-camera=cam-switch]') as ElementLike | null;
      const poster = tile?.querySelector('canvas.tile-poster') as PosterLike | null;
      const video = tile?.querySelector('video') as VideoLike | null;
      if (poster && !poster.hidden) log.push(poster.width > 0 ? 'poster' : 'EMPTY-POSTER');
      else if (video) log.push(video.readyState >= 2 && video.videoWidth > 0 ? `video-${video.videoWidth}` : 'BLACK');
      else log.push('NO-TILE');
      if (log.length < 600) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.dblclick('[data-testid=tile-0]');
  await page.waitForSelector('[data-testid=single-view] [data-camera=cam-switch][data-state=live]', { timeout: 15_000 });
  await page.waitForFunction(() => (globalThis as unknown as { switchLog: string[] }).switchLog.some((s) => s === 'video-640'), undefined, { timeout: 15_000 });
  const log = await page.evaluate(() => (globalThis as unknown as { switchLog: string[] }).switchLog);
  const runs = log.filter((s, i) => s !== log[i - 1]);
  console.info(`switch: ${runs.join(' → ')} over ${log.length} animation frames`);
  expect(runs[0]).toBe('video-320');
  expect(runs).toContain('poster');
  expect(log.filter((s) => /BLACK|EMPTY|NO-TILE/.test(s))).toEqual([]);
  await page.waitForFunction(() => ((globalThis as unknown as { openVideoSockets: Record<string, number> }).openVideoSockets.sub ?? 0) === 0);
  expect(await page.evaluate(() => (globalThis as unknown as { openVideoSockets: Record<string, number> }).openVideoSockets)).toMatchObject({ sub: 0, main: 1 });
  await context.close();
});
