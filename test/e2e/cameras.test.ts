import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { CameraE2e, openCameraPage } from '../helpers/camera-e2e.js';
import { screenStats } from '../helpers/screen-stats.js';
import { ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * The camera wall in Debian's Chromium: a real GStreamer RTSP camera → the built core's ffmpeg
 * remux (or WebRTC pass-through) → /api/video → the tile's player. Figures (first frame,
 * live-edge lag, camera-to-screen lag) are printed.
 *
 * One Chromium for the file. The MSE wall, the camera-to-screen lag and the WebRTC blocks share
 * one core and one camera (640×360 at 25 fps, frames stamped with their time: the lag block reads
 * the stamps, the others do not mind them); the sub → main switch needs a camera with a sub stream
 * and a wall with no other tile, so it has its own core; the demo site and the H.265 camera too.
 */
let browser: Browser;
let wall: CameraE2e;

const CAMERA_ID = 'cam-real';

beforeAll(async () => {
  browser = await launchBrowser();
  wall = await CameraE2e.start({
    browser,
    cameras: [{ id: CAMERA_ID, name: 'Real RTSP camera', main: { width: 640, height: 360, fps: 25, stamp: true } }],
    // A WebRTC stream's ffmpeg ends 0.5 s after its last viewer (not 10 s), so it does not outlive its block.
    env: { SITE_COMMAND_TEST_WEBRTC_GRACE_MS: '500' },
  });
});

afterAll(async () => {
  await wall?.stop();
  await browser?.close();
  removeTempDirs();
});

/** The wall (or another camera view) on `url`, logged in, at 1600×900 unless told otherwise. */
const openWall = (url: string, locale = 'zh-CN', hash = '#/cameras') => openCameraPage(browser, url, { locale, hash, screen: true });

/** The parts of HTMLVideoElement read here (this tsconfig has no DOM types). */
interface VideoLike {
  currentTime: number;
  buffered: { length: number; end(i: number): number };
}

/** currentTime of the <video> inside `selector`. */
const currentTime = (page: Page, selector: string) => page.locator(`${selector} video`).evaluate((v) => (v as unknown as VideoLike).currentTime);
/** Newest buffered frame minus the play head, s: how far behind the stream's live edge the picture is. */
const lagS = (page: Page, selector: string) =>
  page.locator(`${selector} video`).evaluate((el) => {
    const v = el as unknown as VideoLike;
    return v.buffered.length ? v.buffered.end(v.buffered.length - 1) - v.currentTime : Number.NaN;
  });

async function advancesOver(page: Page, selector: string, ms: number): Promise<number> {
  const before = await currentTime(page, selector);
  await page.waitForTimeout(ms);
  return (await currentTime(page, selector)) - before;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('camera wall with a real RTSP camera', () => {
  let page: Page;
  const tile = `[data-testid=tile-0][data-camera=${CAMERA_ID}]`;

  it('runs in a Chromium whose MSE plays H.264', async () => {
    // This block is about MSE (its buffer and live edge): the page forces that path (tiles try WebRTC first otherwise).
    page = await wall.open({ query: '?videoPath=mse', screen: true });
    const support = (await page.evaluate(`({
      h264: MediaSource.isTypeSupported('video/mp4; codecs="avc1.42C01E"'),
      hevc: MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"'),
    })`)) as { h264: boolean; hevc: boolean };
    console.info(`Chromium MSE: H.264 ${support.h264}, H.265 ${support.hevc}`);
    expect(support.h264, 'this Chromium build has no H.264 in MSE (proprietary codecs missing)').toBe(true);
  });

  it('plays the camera through MSE, near the live edge', async () => {
    const started = Date.now();
    await page.waitForSelector(tile);
    await expect.poll(() => currentTime(page, tile), { timeout: 10_000, interval: 100 }).toBeGreaterThan(0);
    await page.waitForSelector(`${tile} video[data-first-frame-ms]`);
    const firstFrameMs = Number(await page.locator(`${tile} video`).getAttribute('data-first-frame-ms'));
    console.info(`first frame ${firstFrameMs} ms after the player started (${Date.now() - started} ms after opening the wall)`);
    expect(firstFrameMs).toBeGreaterThan(0);

    const advanced = await advancesOver(page, tile, 2_000);
    console.info(`currentTime advanced ${advanced.toFixed(2)} s over 2 s`);
    expect(advanced).toBeGreaterThan(1.5);

    const lags: number[] = [];
    for (let i = 0; i < 16; i++) {
      lags.push(await lagS(page, tile));
      await page.waitForTimeout(250);
    }
    const m = median(lags);
    console.info(`live-edge lag over 4 s: median ${(m * 1000).toFixed(0)} ms, max ${(Math.max(...lags) * 1000).toFixed(0)} ms`);
    expect(m).toBeLessThan(0.5);
    await expect.poll(() => page.locator(tile).getAttribute('data-state')).toBe('live');
    expect(await page.locator('[data-testid=tile-0-state]').innerText()).toMatch(/●\s*实时/);
    await page.hover(tile);
    await expect.poll(() => page.locator('[data-testid=tile-0-readout]').innerText(), { timeout: 5_000 }).toMatch(/帧\/秒.*kbit\/s/);
    await screenshot(page, 'camera-wall-real-camera');
  });

  it('shows the camera offline with a reason within 5 s, and plays again within 10 s of its return', async () => {
    await wall.camera(CAMERA_ID).stop();
    const killedAt = Date.now();
    await expect.poll(() => page.locator(tile).getAttribute('data-state'), { timeout: 5_000, interval: 100 }).toBe('offline');
    const text = await page.locator('[data-testid=tile-0-state]').innerText();
    console.info(`offline shown after ${Date.now() - killedAt} ms: "${text}"`);
    expect(text).toMatch(/^✕\s*离线 自 \d\d:\d\d:\d\d — (连接被拒绝|超时|码流中断|无视频)$/);
    await screenshot(page, 'camera-wall-offline');

    await wall.camera(CAMERA_ID).restart();
    const restartedAt = Date.now();
    await expect.poll(() => page.locator(tile).getAttribute('data-state'), { timeout: 10_000, interval: 100 }).toBe('live');
    const before = await currentTime(page, tile);
    await expect.poll(() => currentTime(page, tile), { timeout: 10_000 - (Date.now() - restartedAt), interval: 100 }).toBeGreaterThan(before + 0.3);
    console.info(`playing again ${Date.now() - restartedAt} ms after the camera restarted`);
  });

  it('opens a single view on the main stream by double-click, and Esc returns to the wall', async () => {
    await page.dblclick(tile);
    const single = '[data-testid=single-view] [data-testid=tile-0]';
    await page.waitForSelector(single);
    expect(await page.locator(single).getAttribute('data-quality')).toBe('main');
    await expect.poll(() => currentTime(page, single), { timeout: 10_000, interval: 100 }).toBeGreaterThan(0.2);
    expect(await page.locator('[data-testid=wall-grid]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.waitForSelector(`[data-testid=wall-grid] ${tile}`);
    expect(await page.locator('[data-testid=single-view]').count()).toBe(0);
    expect(await page.locator(`${tile}`).getAttribute('data-quality')).toBe('sub');
    // The single view's player was released: one <video> per tile, none left playing a detached source.
    expect(await page.locator('video').count()).toBe(await page.locator('[data-testid=wall-grid] .tile').count());
  });

  it('takes a snapshot from a tile and shows the JPEG with its camera, time and a download link', async () => {
    await page.hover(tile);
    await page.click(`${tile} .tile-actions button:first-of-type`);
    const dialog = page.locator('[data-testid=snapshot-dialog]');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.locator('h2').innerText()).toContain('Real RTSP camera');
    expect(await dialog.innerText()).toMatch(/抓拍于 \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d/);
    await expect.poll(() => dialog.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 5_000 }).toBe(640);
    const href = (await dialog.locator('a[download]').getAttribute('href'))!;
    expect(href).toMatch(/\/api\/media\/snapshots\/cam-real-\d{8}T\d+Z\.jpg\?ticket=/);
    expect(href).not.toContain('token=');
    await screenshot(page, 'camera-wall-snapshot');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Esc closed the dialog only, not anything else.
    expect(await page.locator('[data-testid=wall-grid]').count()).toBe(1);
  });

  it('assigns a camera to a tile by keyboard-friendly click (select tile, press camera)', async () => {
    await page.click('[data-testid=tile-2]');
    await page.click(`[data-testid=camera-item-${CAMERA_ID}]`);
    await expect.poll(() => page.locator('[data-testid=tile-2]').getAttribute('data-camera')).toBe(CAMERA_ID);
    // Swapped, not duplicated: the tile it came from is empty now.
    expect(await page.locator('[data-testid=tile-0]').getAttribute('data-camera')).toBe('');
    await expect.poll(() => currentTime(page, '[data-testid=tile-2]'), { timeout: 10_000, interval: 100 }).toBeGreaterThan(0.2);
  });

  it('remembers the layout chosen for this screen across a reload', async () => {
    await page.click('[data-testid=layout-3x3]');
    await expect.poll(() => page.locator('[data-testid=wall-grid]').getAttribute('data-layout')).toBe('3x3');
    expect(await page.locator('[data-testid=wall-grid] .tile').count()).toBe(9);
    await page.reload();
    await page.waitForSelector('[data-testid=wall-grid]');
    expect(await page.locator('[data-testid=wall-grid]').getAttribute('data-layout')).toBe('3x3');
    // The tile assignment is remembered with it.
    await expect.poll(() => page.locator('[data-testid=tile-2]').getAttribute('data-camera')).toBe(CAMERA_ID);
    await page.click('[data-testid=layout-2x2]');
    await page.reload();
    await page.waitForSelector('[data-testid=wall-grid]');
    expect(await page.locator('[data-testid=wall-grid]').getAttribute('data-layout')).toBe('2x2');
    await page.context().close();
  });
});

describe('camera wall with the demo site', () => {
  let demo: ServeProcess;
  beforeAll(async () => {
    demo = await ServeProcess.start(['--port', '0', '--data', tempDir()]);
  });
  afterAll(async () => {
    await demo?.stop();
  });

  it('shows the four simulated cameras live on a 2×2 wall (screenshot kept)', async () => {
    const page = await openWall(demo.url, 'zh-CN', '#/cameras/e2e-demo');
    await page.click('[data-testid=layout-2x2]');
    for (let i = 0; i < 4; i++) {
      await expect.poll(() => page.locator(`[data-testid=tile-${i}]`).getAttribute('data-state'), { timeout: 15_000, interval: 200 }).toBe('live');
    }
    // The camera list agrees with the tiles (shape and word).
    await expect.poll(() => page.locator('.camera-list').innerText()).not.toMatch(/正在启动|空闲/);
    expect(await page.locator('.camera-item.stream-live').count()).toBe(4);
    // Each tile shows a picture, not a black or frozen-grey box: many colours over most of it
    // (polled: a tile that has just gone live may not have painted its first frame yet).
    for (let i = 0; i < 4; i++) {
      const tile = () => screenStats(page, `[data-testid=tile-${i}] video`);
      await expect.poll(async () => (await tile()).distinctColours, { message: `tile ${i}`, timeout: 5_000, interval: 200 }).toBeGreaterThan(30);
      expect((await tile()).ink, `tile ${i}`).toBeGreaterThan(0.2);
    }
    const shot = await screenshot(page, 'camera-wall-demo-2x2');
    console.info(`screenshot: ${shot}`);
    await page.context().close();
  });

  // On the same demo core: the settings need an admin and the demo's cameras, nothing else.
  it('an admin sets a camera password from the wall; it is never shown back', async () => {
    const page = await openCameraPage(browser, demo.url, { locale: 'en-US', viewport: { width: 1500, height: 950 } });
    await page.click('[data-testid=camera-settings-open]');
    const row = page.locator('[data-testid=camera-settings-cam-west-gate]');
    await row.locator('input[type=password]').fill('Hidden-pass-42');
    await row.locator('input').first().fill('operator');
    await row.locator('button[type=submit]').click();
    await row.locator('[role=status]').waitFor();
    expect(await row.locator('[role=status]').innerText()).toContain('Saved');
    await screenshot(page, 'camera-settings');
    expect(await page.content()).not.toContain('Hidden-pass-42');
    await page.context().close();
  }, 60_000);
});

describe('codec fallback in the browser', () => {
  it('plays an H.265 camera through the core’s H.264 fallback where Chromium cannot decode H.265', async () => {
    const site = writeSiteFile({ id: 'v', name: 'HEVC', devices: [], cameras: [{ id: 'hevc', name: 'H.265 camera', mainUrl: 'testpattern:?label=HEVC&size=960x540&rate=10&codec=hevc' }] });
    const hevc = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', site, '--no-simulate']);
    try {
      const single = '[data-testid=single-view] video';
      const page = await openCameraPage(browser, hevc.url, { locale: 'en-US', viewport: { width: 1400, height: 900 }, hash: '#/cameras/camera%3Ahevc', ready: single });
      const video = page.locator(single);
      const time = () => video.evaluate((el) => (el as unknown as { currentTime: number }).currentTime);
      await expect.poll(time, { timeout: 15_000 }).toBeGreaterThan(0.5);
      const t0 = await time();
      await page.waitForTimeout(2000);
      expect((await time()) - t0).toBeGreaterThan(1);
      await page.context().close();
    } finally {
      await hevc.stop();
    }
  }, 60_000);
});

/**
 * The tile's lag figure where the camera stamps its frames (electron/common/frame-stamp.ts): the
 * tile must switch from the buffer figure to the measured camera-to-screen lag, and the figure must
 * be plausible.
 */
describe('camera-to-screen lag on a tile', () => {
  it('shows the lag measured from the camera’s frame stamps, and says what it is', async () => {
    const page = await wall.open({ viewport: { width: 1280, height: 720 }, hash: `#/cameras/camera:${CAMERA_ID}`, ready: '[data-testid=single-view]' });
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
    await page.context().close();
  });
});

/**
 * A wall tile plays the GStreamer camera over WebRTC (werift in the core, no STUN/TURN, Chromium's
 * mDNS host candidates as they ship) and says so; `?videoPath=mse` forces MSE.
 */
describe('a wall tile over WebRTC', () => {
  const openWebRtcWall = (query: string) => wall.open({ viewport: { width: 1920, height: 1080 }, query, ready: `[data-testid=tile-0][data-camera=${CAMERA_ID}]` });

  /** Frames the <video> has presented (W3C Media Playback Quality). */
  const framesShown = (page: Page) =>
    page.locator('[data-testid=tile-0] video').evaluate((v) => (v as unknown as { getVideoPlaybackQuality(): { totalVideoFrames: number } }).getVideoPlaybackQuality().totalVideoFrames);

  it('plays over WebRTC first and labels the tile with its path and why', async () => {
    const page = await openWebRtcWall('');
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
    const page = await openWebRtcWall('?videoPath=mse');
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

/** The DOM parts read in the page (this tsconfig has no DOM types). */
interface SwitchVideoLike {
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

/**
 * Opening a grid tile (sub stream, 320×180) in single view (main stream, 640×360) never shows a
 * frame-less picture: at every animation frame of the switch, the tile's poster or its video has a
 * presented frame. Afterwards the sub stream's socket is closed. Its own core: the wall must show
 * this camera alone (no other tile's sub socket open), from a main and a sub camera.
 */
describe('switching a tile from its sub to its main stream', () => {
  let switching: CameraE2e;
  beforeAll(async () => {
    switching = await CameraE2e.start({
      browser,
      cameras: [{ id: 'cam-switch', name: 'Switch camera', main: { width: 640, height: 360, fps: 15 }, sub: { width: 320, height: 180, fps: 15 } }],
    });
  });
  afterAll(async () => {
    await switching?.stop();
  });

  it('switches sub → main without a black frame and closes the sub socket', async () => {
    const page = await switching.open({
      ready: '[data-testid=tile-0][data-camera=cam-switch][data-state=live]',
      readyTimeoutMs: 15_000,
      // Counts the page's open video sockets per quality.
      beforeLogin: (p) =>
        p.addInitScript(() => {
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
        }),
    });
    await page.waitForFunction(() => (document.querySelector('[data-testid=tile-0] video') as SwitchVideoLike | null)?.videoWidth === 320);

    // Samples every animation frame: the visible picture element of the camera's tile must have a frame.
    await page.evaluate(() => {
      const log: string[] = [];
      (globalThis as unknown as { switchLog: string[] }).switchLog = log;
      const sample = () => {
        const tile = document.querySelector('[data-camera=cam-switch]') as ElementLike | null;
        const poster = tile?.querySelector('canvas.tile-poster') as PosterLike | null;
        const video = tile?.querySelector('video') as SwitchVideoLike | null;
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
    await page.context().close();
  });
});
