import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { RtspCamera } from '../helpers/rtsp-camera.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * The tile's lag figure where the camera stamps its frames: a GStreamer camera with --stamp
 * (electron/common/frame-stamp.ts) → the core → the wall in Chromium. The tile must switch from
 * the buffer figure to the measured camera-to-screen lag, and the figure must be plausible.
 */
let browser: Browser;
let camera: RtspCamera;
let serve: ServeProcess;

beforeAll(async () => {
  camera = await RtspCamera.start({ width: 640, height: 360, fps: 25, stamp: true });
  const siteDir = tempDir();
  writeFileSync(
    join(siteDir, 'site.json'),
    JSON.stringify({ id: 'lag-test', name: 'Lag test site', timeZone: 'Asia/Shanghai', devices: [], cameras: [{ id: 'cam-stamped', name: 'Stamped camera', mainUrl: camera.url() }] }),
  );
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate']);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await camera?.stop();
  removeTempDirs();
});

describe('camera-to-screen lag on a tile', () => {
  it('shows the lag measured from the camera’s frame stamps, and says what it is', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid=site-name]');
    await page.evaluate(() => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/cameras/camera:cam-stamped'));
    const readout = page.locator('[data-testid=single-view] [data-testid=tile-0-readout]');
    await expect.poll(() => readout.getAttribute('data-lag-source'), { timeout: 12_000, interval: 200 }).toBe('camera');
    const lagMs = Number(await readout.getAttribute('data-lag-ms'));
    console.info(`tile's camera-to-screen lag (640×360 25 fps): ${lagMs} ms`);
    expect(lagMs).toBeGreaterThan(0);
    expect(lagMs).toBeLessThan(2_000);
    // The words follow with the player's first rate figures (a WebRTC tile's first stats tick is a baseline).
    await expect.poll(() => readout.innerText(), { timeout: 5_000, interval: 200 }).toMatch(/相机到屏幕 \d+\.\d\d s/);
    expect(await readout.getAttribute('title')).toMatch(/相机到屏幕的延迟/);
    await page.hover('[data-testid=single-view] [data-testid=tile-0]');
    await screenshot(page, 'camera-lag-readout');
    await context.close();
  });
});
