import { join } from 'node:path';
import sharp from 'sharp';
import { SiteCore } from '../../electron/core/site-core.js';
import type { WorkforceWiring } from '../../electron/core/wiring/workforce.js';
import { ADMIN_PASSWORD } from './serve-process.js';
import { tempDir } from './temp-dir.js';

/** The built console (for e2e tests that drive an in-process core from Chromium). */
export const RENDERER_DIST = join(import.meta.dirname, '../../renderer/dist');

/** The demo site folder (crane-1, crane-2, hoist-1, gate-1 …). */
export const DEMO_SITE_DIR = join(import.meta.dirname, '../../resources/demo-site');

/**
 * A real site core in this process (HTTP on a free port, the given broker, no simulator), so a
 * test can seed the real-name registry through the core's own store and then drive it over MQTT
 * and HTTP as field devices would.
 */
export async function startGateCore(options: { mqttUrl: string; siteDir?: string; dataDir?: string; staticRoot?: string }): Promise<{ core: SiteCore; url: string; workforce: WorkforceWiring; dataDir: string }> {
  // The same test knobs as ServeProcess gives its cores (see there): no report schedule, cheap scrypt.
  process.env.SITE_COMMAND_TEST_NO_REPORT_SCHEDULE ??= '1';
  process.env.SITE_COMMAND_TEST_FAST_PASSWORD_HASH ??= '1';
  const dataDir = options.dataDir ?? tempDir('sc-gates-');
  const core = new SiteCore({
    siteDir: options.siteDir ?? DEMO_SITE_DIR,
    dataDir,
    host: '127.0.0.1',
    port: 0,
    mqttUrl: options.mqttUrl,
    simulate: false,
    staticRoot: options.staticRoot ?? tempDir('sc-static-'),
    adminPassword: ADMIN_PASSWORD,
    announce: () => undefined,
    consoleLogLevel: 'error',
  });
  await core.start();
  const workforce = core.workforceWiring;
  if (!workforce || !core.url) throw new Error('core started without workforce or HTTP');
  return { core, url: core.url, workforce, dataDir };
}

/** A small real JPEG, as a turnstile's capture (base64). */
export async function captureJpeg(colour = { r: 200, g: 120, b: 60 }): Promise<string> {
  const bytes = await sharp({ create: { width: 64, height: 80, channels: 3, background: colour } }).jpeg().toBuffer();
  return bytes.toString('base64');
}
