import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { RtspCamera } from '../helpers/rtsp-camera.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * A wall tile plays the GStreamer camera over WebRTC in Debian's Chromium (werift in the core, no
 * STUN/TURN, Chromium's mDNS host candidates as they ship) and says so; `?videoPath=mse` forces MSE.
 * One core, camera and browser for the file.
 */
let browser: Browser;
let camera: RtspCamera;
let serve: ServeProcess;

beforeAll(async () => {
  camera = await RtspCamera.start({ width: 640, height: 360, fps: 25 });
  const siteDir = tempDir();
  writeFileSync(join(siteDir, 'site.json'), JSON.stringify({ id: 'webrtc-wall', name: 'WebRTC wall', timeZone: 'Asia/Shanghai', devices: [], cameras: [{ id: 'cam', name: 'Camera', mainUrl: camera.url() }] }));
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate']);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await camera?.stop();
  removeTempDirs();
});

async function openWall(query: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await logIn(page, `${serve.url}/${query}`, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=site-name]');
  await page.evaluate(() => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/cameras'));
  await page.waitForSelector('[data-testid=tile-0][data-camera=cam]');
  return page;
}

/** Frames the <video> has presented (W3C Media Playback Quality). */
const framesShown = (page: Page) =>
  page.locator('[data-testid=tile-0] video').evaluate((v) => (v as unknown as { getVideoPlaybackQuality(): { totalVideoFrames: number } }).getVideoPlaybackQuality().totalVideoFrames);

describe('a wall tile over WebRTC', () => {
  it('plays over WebRTC first and labels the tile with its path and why', async () => {
    const page = await openWall('');
    const path = page.locator('[data-testid=tile-0-path]');
    await page.waitForSelector('[data-testid=tile-0] video[data-first-frame-ms]', { timeout: 15_000 });
    expect(await path.getAttribute('data-path'), (await path.getAttribute('title')) ?? '').toBe('webrtc');
    expect(await path.innerText()).toBe('WebRTC');
    expect(await path.getAttribute('title')).toMatch(/WebRTC：摄像机 H\.264 直通/);
    // A MediaStream from the peer, not an MSE object URL.
    expect(await page.locator('[data-testid=tile-0] video').evaluate((v) => (v as unknown as { srcObject: unknown; src: string }).srcObject !== null && !(v as unknown as { src: string }).src)).toBe(true);
    // Chromium accepted the core's zero playout delay (the frame is shown as soon as it is decoded).
    expect(await page.locator('[data-testid=tile-0] video').getAttribute('data-playout-delay')).toBe('zero');
    const before = await framesShown(page);
    await expect.poll(() => framesShown(page), { timeout: 3_000, interval: 200 }).toBeGreaterThan(before + 10);
    await screenshot(page, 'camera-wall-path-webrtc');
    await page.context().close();
  });

  it('plays MSE when the page address forces it (?videoPath=mse)', async () => {
    const page = await openWall('?videoPath=mse');
    const path = page.locator('[data-testid=tile-0-path]');
    await page.waitForSelector('[data-testid=tile-0] video[data-first-frame-ms]', { timeout: 15_000 });
    expect(await path.getAttribute('data-path')).toBe('mse');
    expect(await path.innerText()).toBe('MSE');
    expect(await path.getAttribute('title')).toMatch(/由页面地址指定/);
    expect(await page.locator('[data-testid=tile-0] video').evaluate((v) => (v as unknown as { src: string }).src.startsWith('blob:'))).toBe(true);
    const before = await framesShown(page);
    await expect.poll(() => framesShown(page), { timeout: 3_000, interval: 200 }).toBeGreaterThan(before + 10);
    await page.context().close();
  });
});
