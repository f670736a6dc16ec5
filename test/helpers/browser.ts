import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './serve-process.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test-results');

/**
 * Debian's Chromium, headless, with nothing phoning home (the network here is closed). `webgl`:
 * WebGL without a GPU, through ANGLE on SwiftShader (the 3D view and the map).
 */
export async function launchBrowser(options: { webgl?: boolean } = {}): Promise<Browser> {
  const webgl = options.webgl ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'] : [];
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...webgl],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function logIn(page: Page, url: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}
