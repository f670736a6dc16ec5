import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { screenStats } from '../helpers/screen-stats.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The GIS view on the demo site: an offline Cesium globe (WebGL through SwiftShader, no GPU here),
// the site drawn in place, and the federation's projects. The demo's site file lists itself and two
// projects without URLs.
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir()]);
  browser = await launchBrowser({ webgl: true });
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

interface Camera {
  lat: number;
  lon: number;
  height: number;
}

async function camera(page: Page): Promise<Camera> {
  const map = page.locator('[data-testid=gis-map]');
  const [lat, lon, height] = await Promise.all(['data-camera-lat', 'data-camera-lon', 'data-camera-height'].map((a) => map.getAttribute(a)));
  return { lat: Number(lat), lon: Number(lon), height: Number(height) };
}

/** Distance on the ground between the camera and a lat/lon, metres (equirectangular; fine at city scale). */
function groundDistanceM(c: Camera, latDeg: number, lonDeg: number): number {
  const dLat = ((c.lat - latDeg) * Math.PI) / 180;
  const dLon = (((c.lon - lonDeg) * Math.PI) / 180) * Math.cos((latDeg * Math.PI) / 180);
  return 6_371_000 * Math.hypot(dLat, dLon);
}

/** Reads the WebGL canvas back and counts its distinct colours (quantised) and non-background pixels. */
/**
 * Reads the WebGL canvas back (it keeps its drawing buffer) and counts its distinct colours
 * (quantised) and pixels unlike the background. Passed as source text: this file is compiled
 * without the DOM library.
 */
async function canvasStats(page: Page): Promise<{ width: number; distinct: number; nonBackground: number; samples: number }> {
  return page.evaluate(`(() => {
    const source = document.querySelector('[data-testid=gis-map] canvas');
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const colours = new Set();
    let nonBackground = 0;
    let samples = 0;
    // Every 7th pixel is plenty to tell imagery from a blank or single-colour canvas.
    for (let i = 0; i < data.length; i += 4 * 7) {
      const r = data[i], g = data[i + 1], b = data[i + 2];
      samples++;
      colours.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
      // Background #1f2124 (31, 33, 36).
      if (Math.abs(r - 31) + Math.abs(g - 33) + Math.abs(b - 36) > 24) nonBackground++;
    }
    return { width: copy.width, distinct: colours.size, nonBackground, samples };
  })()`);
}

const hashOf = (page: Page) => page.evaluate('location.hash') as Promise<string>;
const setHash = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

describe('GIS view (offline Cesium)', () => {
  it('draws the globe from the bundled imagery, lists the projects, flies to one, and never leaves loopback', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const requested: string[] = [];
    const naturalEarthOk: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('response', (response) => {
      if (response.url().includes('/NaturalEarthII/') && response.ok()) naturalEarthOk.push(response.url());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} @ ${message.location().url}`);
    });

    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.waitForSelector('[data-testid=live-link]');
    await setHash(page, '#/gis');
    await page.waitForSelector('[data-testid=gis-map] canvas', { timeout: 60_000 });

    // The tree: authority → enterprises → projects; this site live, the two demo projects without a URL.
    const panel = page.locator('[data-testid=gis-sites]');
    await expect.poll(() => panel.innerText(), { timeout: 20_000 }).toContain('Supervising authority');
    await expect.poll(() => page.locator('[data-testid=gis-project-demo]').getAttribute('data-status')).toBe('ok');
    expect(await page.locator('[data-testid=gis-project-optics-valley]').getAttribute('data-status')).toBe('not-configured');
    expect(await page.locator('[data-testid=gis-project-demo]').innerText()).toMatch(/Workers\s+\d+/);
    expect(await page.locator('[data-testid=gis-project-demo]').innerText()).toMatch(/PM10\s+(\d+ µg\/m³|no reading)/);
    expect(await page.locator('[data-testid=gis-project-demo] a').getAttribute('href')).toBe('#/site3d');

    // Imagery: tiles of the bundled Natural Earth II were served, and the globe finished loading them.
    await expect.poll(() => naturalEarthOk.length, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=gis-map]').getAttribute('data-tiles-pending'), { timeout: 60_000 }).toBe('0');
    const overview = await camera(page);
    expect(overview.height).toBeGreaterThan(5000);

    // Not blank: the globe's imagery gives many colours over most of the canvas.
    await expect
      .poll(async () => {
        const stats = await canvasStats(page);
        return stats.distinct > 40 && stats.nonBackground > stats.samples * 0.5;
      }, { timeout: 30_000, interval: 500 })
      .toBe(true);
    await screenshot(page, 'gis-overview');

    // Selecting a project flies the camera to it (Optics Valley, 30.5066 N 114.4006 E), and the hash names it.
    const before = groundDistanceM(overview, 30.5066, 114.4006);
    await page.click('[data-testid=gis-project-optics-valley] button');
    await expect.poll(() => hashOf(page)).toBe('#/gis/optics-valley');
    await expect
      .poll(async () => {
        const c = await camera(page);
        return groundDistanceM(c, 30.5066, 114.4006) < 1500 && c.height < 2000;
      }, { timeout: 30_000, interval: 250 })
      .toBe(true);
    const after = await camera(page);
    expect(groundDistanceM(after, 30.5066, 114.4006)).toBeLessThan(before);
    expect(await page.locator('[data-testid=gis-project-optics-valley]').getAttribute('class')).toContain('selected');

    // Fly to this site: the buildings and cranes are drawn there; screenshot for the record.
    await page.click('[data-testid=gis-project-demo] button');
    await expect
      .poll(async () => groundDistanceM(await camera(page), 30.5928, 114.3055) < 1500, { timeout: 30_000, interval: 250 })
      .toBe(true);
    await expect.poll(() => page.locator('[data-testid=gis-map]').getAttribute('data-tiles-pending'), { timeout: 60_000 }).toBe('0');
    await screenshot(page, 'gis-site');
    // The map at the site is drawn: imagery and the site's overlays, many colours over most of it.
    const site = await screenStats(page, '[data-testid=gis-map]');
    expect(site.distinctColours).toBeGreaterThan(20);
    expect(site.ink).toBeGreaterThan(0.02);

    // The selection survives switching views: back from the overview, the camera is at the project again.
    await setHash(page, '#/overview');
    await page.waitForSelector('[data-testid=device-crane-1]');
    await page.goBack();
    await expect.poll(() => hashOf(page)).toBe('#/gis/demo');
    await page.waitForSelector('[data-testid=gis-map] canvas');
    await expect
      .poll(async () => groundDistanceM(await camera(page), 30.5928, 114.3055) < 1500, { timeout: 30_000, interval: 250 })
      .toBe(true);
    expect(await page.locator('[data-testid=gis-project-demo]').getAttribute('class')).toContain('selected');

    // Offline: every request the page made went to the core on loopback (or was data:/blob:).
    const outside = requested.filter((url) => {
      if (url.startsWith('data:') || url.startsWith('blob:')) return false;
      const host = new URL(url).hostname;
      return host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]';
    });
    expect(outside).toEqual([]);
    expect(requested.some((url) => url.includes('/cesium/Workers/'))).toBe(true);
    // Cesium's bundled meshoptimizer/draco glue compiles small WebAssembly modules when it loads;
    // under the core's CSP (no 'wasm-unsafe-eval') those compiles are refused, as unhandled
    // rejections. Nothing here uses them (no compressed glTF), so while the CSP lacks
    // 'wasm-unsafe-eval' exactly these are tolerated — and nothing else.
    const csp = (await (await fetch(serve.url)).headers.get('content-security-policy')) ?? '';
    const wasmRefused = /^WebAssembly\.instantiate\(\).*Content Security polic/;
    expect(csp.includes("'wasm-unsafe-eval'") ? errors : errors.filter((e) => !wasmRefused.test(e))).toEqual([]);
    await context.close();
  });
});
