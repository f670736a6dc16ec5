import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedOnvifCamera } from '../../electron/core/sim/onvif/onvif-device.js';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { eventually } from '../helpers/eventually.js';
import { RtspCamera } from '../helpers/rtsp-camera.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * ONVIF on the camera wall, in Chromium against the built core and our simulated ONVIF camera
 * (streaming from the GStreamer test camera): an admin adds the camera through 发现摄像机 with its
 * credentials, puts it on a tile, turns it with the mouse (press and hold) and the keyboard, and
 * saves a preset.
 */
const CAM = { username: 'admin', password: 'Ptz-e2e-Pw-9031' };
let rtsp: RtspCamera;
let camera: SimulatedOnvifCamera;
let serve: ServeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  rtsp = await RtspCamera.start({ width: 640, height: 360, fps: 10 });
  camera = await SimulatedOnvifCamera.start({ ...CAM, mainRtspUri: rtsp.url(), subRtspUri: rtsp.url() });
  const siteDir = writeSiteFile({ id: 'onvif-e2e', name: 'ONVIF 测试工地', timeZone: 'Asia/Shanghai', devices: [], cameras: [] });
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate']);
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  await logIn(page, serve.url, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=site-name]');
  await page.evaluate(() => void ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/cameras'));
  await page.waitForSelector('[data-testid=camera-wall]');
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await camera?.stop();
  await rtsp?.stop();
  removeTempDirs();
});

describe('ONVIF cameras on the wall', () => {
  it('adds a camera through 发现摄像机 with its credentials', async () => {
    await page.click('[data-testid=onvif-open]');
    await page.waitForSelector('[data-testid=onvif-dialog]');
    await page.waitForSelector('[data-testid=onvif-search]:not([disabled])');
    await page.fill('[data-testid=onvif-deviceUrl]', camera.deviceUrl);
    await page.fill('[data-testid=onvif-username]', CAM.username);
    await page.fill('[data-testid=onvif-password]', 'wrong');
    await page.click('[data-testid=onvif-probe]');
    await expect.poll(() => page.textContent('[data-testid=onvif-message]')).toMatch(/refused the user name or password/);
    await page.fill('[data-testid=onvif-password]', CAM.password);
    await page.click('[data-testid=onvif-probe]');
    await page.waitForSelector('[data-testid=onvif-probe-result]');
    expect(await page.textContent('[data-testid=onvif-probe-result]')).toMatch(/SimCam PTZ.*云台：有[\s\S]*主码流.*1920×1080[\s\S]*子码流.*640×360/);
    await page.fill('[data-testid=onvif-id]', 'tower');
    await page.fill('[data-testid=onvif-name]', '塔吊球机');
    await page.click('[data-testid=onvif-add]');
    await expect.poll(() => page.textContent('[data-testid=onvif-message]')).toContain('已添加 塔吊球机');
    await screenshot(page, 'onvif-discover-dialog');
    await page.click('[data-testid=onvif-dialog] header button');
    await page.waitForSelector('[data-testid=camera-item-tower]');
  });

  it('turns the camera by mouse and keyboard and saves a preset', async () => {
    await page.click('[data-testid=tile-0]');
    await page.click('[data-testid=camera-item-tower]');
    const tile = page.locator('[data-testid=tile-0][data-camera=tower]');
    await tile.waitFor();
    await tile.locator('[data-testid=ptz-toggle]').click();
    // Press and hold ▶: the camera pans right until the button is released.
    await tile.locator('[data-testid=ptz-right]').hover();
    await page.mouse.down();
    await expect.poll(() => camera.ptzHead.moving()).toBe(true);
    await page.waitForTimeout(400);
    await page.mouse.up();
    await expect.poll(() => camera.ptzHead.moving()).toBe(false);
    const panned = camera.ptzHead.position();
    expect(panned.pan).toBeGreaterThan(0);
    // Arrow up on the focused tile tilts up; releasing the key stops.
    await tile.focus();
    await page.keyboard.down('ArrowUp');
    await expect.poll(() => camera.ptzHead.moving()).toBe(true);
    await page.waitForTimeout(300);
    await page.keyboard.up('ArrowUp');
    await expect.poll(() => camera.ptzHead.moving()).toBe(false);
    expect(camera.ptzHead.position().tilt).toBeGreaterThan(0);
    expect(camera.ptzHead.position().pan).toBe(panned.pan);

    await tile.locator('[data-testid=ptz-preset-name]').fill('大门');
    await tile.locator('[data-testid=ptz-save]').click();
    await expect.poll(() => tile.locator('[data-testid=ptz-preset-select] option').allTextContents()).toEqual(['大门']);
    const saved = camera.ptzHead.position();
    camera.ptzHead.goTo({ pan: -1, tilt: 0, zoom: 0 });
    await tile.locator('[data-testid=ptz-goto]').click();
    expect(await eventually(async () => camera.ptzHead.position(), (p) => p.pan === saved.pan)).toEqual(saved);

    camera.misbehave = 'refuse-ptz';
    await tile.locator('[data-testid=ptz-goto]').click();
    await expect.poll(() => tile.locator('[data-testid=ptz-error]').textContent()).toMatch(/PTZ is disabled/);
    camera.misbehave = 'none';
    await page.waitForSelector('[data-testid=tile-0][data-state=live]', { timeout: 20_000 }).catch(() => undefined);
    await screenshot(page, 'onvif-ptz-tile');
  });
});
