import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { ADMIN_PASSWORD, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The demo as a newcomer starts it (embedded broker, simulator, HJ 212 monitor on loopback), with
// a crane overload published into its broker so the alarm lists and KPIs have something to show.
// Every main view is read as text: internals (condition keys, broker URLs, addresses, ports)
// belong to hover text and diagnostics, never to the screen.
let serve: ServeProcess;
let browser: Browser;
let page: Page;

/** What must never be on a default screen, with why. */
const INTERNALS: Array<[string, RegExp]> = [
  ['a condition key', /\b\w+-\d+:\w+:\w+/],
  ['an anti-collision key', /\w+-\d+~\w+-\d+:/],
  ['an MQTT URL', /mqtts?:\/\//i],
  ['an IP address', /\b\d{1,3}(\.\d{1,3}){3}\b/],
  ['localhost', /localhost/i],
  ['a port', /:\d{4,5}\b/],
  ['a protocol listener', /listener/i],
];
const VIEWS = ['overview', 'alarms', 'cameras', 'site3d', 'gis', 'panoramas', 'devices'] as const;

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-incidents']);
  const [, brokerUrl] = await serve.waitFor(/embedded MQTT broker listening.*?(mqtt:\/\/127\.0\.0\.1:\d+)/);
  await serve.waitFor(/connected to broker/);
  const device = await mqtt.connectAsync(brokerUrl!, { clientId: 'operator-language-test' });
  const overload = { loadT: 9.2, ratedLoadT: 8, momentPct: 115, radiusM: 20, heightM: 30, slewDeg: 90, windMs: 4, tiltDeg: 0.1 };
  for (let i = 0; i < 3; i++) {
    await device.publishAsync('site/demo/crane/crane-1/telemetry', JSON.stringify(overload), { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
  }
  await device.endAsync();
  browser = await launchBrowser({ webgl: true });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  await logIn(page, serve.url, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=live-link].link-live');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

describe('operator language on every main view', () => {
  it('the top bar names the sources by what they bring, details only on hover', async () => {
    const mqttBadge = page.locator('[data-testid=source-mqtt]');
    await expect.poll(() => mqttBadge.innerText()).toMatch(/^●\s*设备数据 已连接$/);
    const hj212 = page.locator('[data-testid=source-hj212]');
    await expect.poll(() => hj212.innerText(), { timeout: 15_000 }).toMatch(/^●\s*扬尘监测 已连接 \(1 台\)$/);
    expect(await mqttBadge.getAttribute('title')).toMatch(/^MQTT mqtt:\/\/127\.0\.0\.1:\d+/);
    expect(await hj212.getAttribute('title')).toMatch(/127\.0\.0\.1:\d+ — 1 monitor connected$/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('header.top-bar').screenshot({ path: join(ARTIFACTS, 'operator-language-top-bar.png') });
  });

  it('the KPI panel lists the device and what happened, not the condition key', async () => {
    await page.goto(`${serve.url}/#/alarms`);
    const top = page.locator('[data-testid=kpi-top-ten] li').first();
    await expect.poll(() => top.innerText(), { timeout: 15_000 }).toContain('1# 塔吊 QTZ125');
    expect(await top.innerText()).toMatch(/力矩 115(\.0)?% 额定|吊重 115(\.0)?% 额定/);
  });

  it("an alarm's detail names the device and what happened; its condition key only on hover", async () => {
    await page.goto(`${serve.url}/#/alarms`);
    await page.locator('[data-testid=kpi-top-ten] li').first().waitFor();
    const row = page.locator('tr', { hasText: '1# 塔吊 QTZ125' }).first();
    await row.locator('a[href^="#/alarms/"]').first().click();
    const heading = page.locator('.detail-header h2');
    await heading.waitFor();
    expect(await heading.getAttribute('title')).toMatch(/crane-1:\w+:\w+/);
    const text = await page.locator('main').innerText();
    const found = INTERNALS.filter(([, pattern]) => pattern.test(text)).map(([what, pattern]) => `${what}: "${pattern.exec(text)![0]}"`);
    expect(found).toEqual([]);
  });

  it.each(VIEWS)('#/%s shows no condition key, URL, address or port', async (view) => {
    await page.goto(`${serve.url}/#/${view}`);
    await page.waitForTimeout(1500);
    const text = await page.locator('body').innerText();
    const found = INTERNALS.filter(([, pattern]) => pattern.test(text)).map(([what, pattern]) => `${what}: "${pattern.exec(text)![0]}"`);
    if (found.length) await screenshot(page, `operator-language-${view}`);
    expect(found, `#/${view}`).toEqual([]);
  });
});
