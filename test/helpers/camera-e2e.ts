import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn } from './browser.js';
import { RtspCamera, type RtspCameraOptions } from './rtsp-camera.js';
import { ADMIN_PASSWORD, ServeProcess } from './serve-process.js';
import { writeSiteFile } from './site-file.js';
import { tempDir } from './temp-dir.js';

/** One camera of the test site: a GStreamer camera for its main stream and, when given, one for its sub stream. */
export interface CameraE2eCamera {
  id: string;
  name: string;
  main: RtspCameraOptions;
  sub?: RtspCameraOptions;
}

export interface CameraE2eOptions {
  /** The site's cameras, in the order the wall assigns them to tiles. */
  cameras: CameraE2eCamera[];
  /** Environment of the core (test knobs such as SITE_COMMAND_TEST_WEBRTC_GRACE_MS). */
  env?: NodeJS.ProcessEnv;
  /** A Chromium shared with other fixtures in the file; without it the fixture launches (and closes) its own. */
  browser?: Browser;
}

/** How a test opens the console: its browser context, the address and the view to wait for. */
export interface CameraPageOptions {
  locale?: string;
  viewport?: { width: number; height: number };
  /** Also sets the context's screen size (the wall reads it for its layout). */
  screen?: boolean;
  /** Appended to the core's address, e.g. `?videoPath=mse`. */
  query?: string;
  /** The view to show once logged in. */
  hash?: string;
  /** What to wait for after the hash is set. */
  ready?: string;
  readyTimeoutMs?: number;
  /** Runs on the new page before the login (e.g. `page.addInitScript`). */
  beforeLogin?: (page: Page) => Promise<unknown>;
}

/**
 * Logs in to `url` in a fresh browser context, opens `hash` and waits for `ready`. The page's
 * context is the test's to close (`page.context().close()`).
 */
export async function openCameraPage(browser: Browser, url: string, options: CameraPageOptions = {}): Promise<Page> {
  const { locale = 'zh-CN', viewport = { width: 1600, height: 900 }, query = '', hash = '#/cameras', ready = '[data-testid=camera-wall]' } = options;
  const context = await browser.newContext({ locale, viewport, ...(options.screen ? { screen: viewport } : {}) });
  const page = await context.newPage();
  await options.beforeLogin?.(page);
  await logIn(page, `${url}/${query}`, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=site-name]');
  await page.evaluate((h) => void ((globalThis as unknown as { location: { hash: string } }).location.hash = h), hash);
  await page.waitForSelector(ready, options.readyTimeoutMs !== undefined ? { timeout: options.readyTimeoutMs } : {});
  return page;
}

/**
 * The camera e2e set-up, once per file or block: the GStreamer cameras, a built core (no
 * simulator) whose site has just these cameras, and Chromium. Starting a core, a camera and a
 * browser costs seconds on the two-core CI machine, so blocks whose needs agree share one.
 */
export class CameraE2e {
  private constructor(
    readonly serve: ServeProcess,
    readonly browser: Browser,
    private readonly cameras: Map<string, { main: RtspCamera; sub?: RtspCamera }>,
    private readonly ownsBrowser: boolean,
  ) {}

  static async start(options: CameraE2eOptions): Promise<CameraE2e> {
    const started = new Map<string, { main: RtspCamera; sub?: RtspCamera }>();
    const all: RtspCamera[] = [];
    try {
      // The cameras start together: each waits for its own GStreamer pipeline.
      await Promise.all(
        options.cameras.map(async (c) => {
          const [main, sub] = await Promise.all([RtspCamera.start(c.main), c.sub ? RtspCamera.start(c.sub) : undefined]);
          all.push(main, ...(sub ? [sub] : []));
          started.set(c.id, sub ? { main, sub } : { main });
        }),
      );
      const site = writeSiteFile({
        id: 'camera-e2e',
        name: 'Camera test site',
        timeZone: 'Asia/Shanghai',
        devices: [],
        cameras: options.cameras.map((c) => {
          const cams = started.get(c.id)!;
          return { id: c.id, name: c.name, mainUrl: cams.main.url(), ...(cams.sub ? { subUrl: cams.sub.url() } : {}) };
        }),
      });
      const [serve, browser] = await Promise.all([
        ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', site, '--no-simulate'], options.env ?? {}),
        options.browser ?? launchBrowser(),
      ]);
      return new CameraE2e(serve, browser, started, !options.browser);
    } catch (error) {
      await Promise.all(all.map((c) => c.stop()));
      throw error;
    }
  }

  /** The GStreamer camera behind a site camera's main (or sub) stream. */
  camera(id: string, stream: 'main' | 'sub' = 'main'): RtspCamera {
    const cams = this.cameras.get(id);
    const camera = stream === 'main' ? cams?.main : cams?.sub;
    if (!camera) throw new Error(`no ${stream} camera for ${id}`);
    return camera;
  }

  /** A logged-in page on this core (see openCameraPage). */
  open(options: CameraPageOptions = {}): Promise<Page> {
    return openCameraPage(this.browser, this.serve.url, options);
  }

  async stop(): Promise<void> {
    if (this.ownsBrowser) await this.browser.close();
    await this.serve.stop();
    await Promise.all([...this.cameras.values()].flatMap((c) => [c.main.stop(), c.sub?.stop()]));
  }
}
