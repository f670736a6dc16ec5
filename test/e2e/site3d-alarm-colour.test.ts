import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import { ARTIFACTS, launchBrowser, logIn } from '../helpers/browser.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ADMIN_PASSWORD, getJson, login, loginAs, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// An alarm where it happens: crane-1 passes its cut-off, its steelwork in the 3D view turns to the
// critical colour (breathing while unacknowledged, steady once acknowledged) and back to grey after
// the reset, read from the pixels of its mast's screen region. The test drives crane-1 itself
// through a real mosquitto (no simulator); WebGL runs in SwiftShader.

interface W {
  __site3d?: { renderer: { screenPoint(p: { e: number; n: number; u: number }): { x: number; y: number } | null; selectedId: string | null } };
  location: { hash: string };
}

const NORMAL = { loadT: 2.4, ratedLoadT: 6, momentPct: 40, radiusM: 35, heightM: 30, slewDeg: 30, windMs: 3.2, tiltDeg: 0.1 };
const CUTOFF = { ...NORMAL, loadT: 7.08, momentPct: 118 };
let reading: Record<string, number> = NORMAL;
let broker: MosquittoBroker;
let serve: ServeProcess;
let device: MqttClient;
let browser: Browser;
let page: Page;
let safety = '';
let timer: NodeJS.Timeout | undefined;

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--mqtt', broker.url]);
  device = await mqtt.connectAsync(broker.url, { clientId: 'site3d-alarm-colour-crane' });
  // crane-1 reports twice a second all along (a silent crane would raise its own offline alarm).
  timer = setInterval(() => void device.publishAsync('site/demo/crane/crane-1/telemetry', JSON.stringify({ ts: new Date().toISOString(), ...reading }), { qos: 1 }), 500);
  const admin = await login(serve.url);
  expect((await postJson(`${serve.url}/api/users`, admin, { username: 'safety1', password: 'password-123', role: 'safety' })).status).toBe(200);
  safety = await loginAs(serve.url, 'safety1', 'password-123');
  browser = await launchBrowser({ webgl: true });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  await logIn(page, serve.url, ADMIN_PASSWORD);
  await page.waitForSelector('[data-testid=site-name]');
  await page.evaluate(() => ((globalThis as unknown as W).location.hash = '#/site3d'));
  await page.waitForFunction(() => (globalThis as unknown as W).__site3d !== undefined);
}, 60_000);
afterAll(async () => {
  clearInterval(timer);
  await browser?.close();
  await device?.endAsync();
  await serve?.stop();
  await broker?.stop();
  removeTempDirs();
});

const craneAlarms = async () => (await getJson<Alarm[]>(`${serve.url}/api/alarms?device=crane-1`, safety)).body;

/** Acknowledges every unacknowledged alarm of crane-1 (critical ones need a comment). */
async function acknowledgeCrane(): Promise<void> {
  const ids = (await craneAlarms()).filter((a) => a.state === 'unack-active' || a.state === 'unack-rtn').map((a) => a.id);
  if (ids.length) expect((await postJson(`${serve.url}/api/alarms/ack`, safety, { ids, comment: 'Load set down; limiter checked' })).status).toBe(200);
}

/**
 * Pixels of the critical colour's hue in crane-1's mast region (u 8–50 m at its base): red well
 * above green and blue, bright or dimmed (the breath goes down to 45 %). The grey steelwork, the
 * ground and the high (orange) colour do not count.
 */
async function criticalPixelsOnMast(): Promise<number> {
  const ends = await Promise.all([8, 50].map((u) => page.evaluate((p) => (globalThis as unknown as W).__site3d!.renderer.screenPoint(p), { e: -22, n: 12, u })));
  const [bottom, top] = ends as Array<{ x: number; y: number }>;
  const clip = { x: Math.min(bottom!.x, top!.x) - 40, y: top!.y - 10, width: Math.abs(bottom!.x - top!.x) + 80, height: bottom!.y - top!.y + 20 };
  const rgb = await sharp(await page.screenshot({ clip })).removeAlpha().raw().toBuffer();
  let n = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
    if (r > 80 && g < 0.45 * r && b < 0.45 * r) n++;
  }
  return n;
}

async function shot(name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

const craneLabel = () => page.locator('.s3d-label-crane').first();

describe('an alarm where it happens (3D)', () => {
  it('turns crane-1 to the critical colour while its cut-off is open, breathing, then steady, then grey after reset', async () => {
    await expect.poll(() => craneLabel().innerText(), { timeout: 15_000 }).toContain('40.0 %');
    await acknowledgeCrane();
    await expect.poll(() => craneLabel().innerText(), { timeout: 10_000 }).not.toContain('未确认');
    const before = await criticalPixelsOnMast();

    reading = CUTOFF;
    await expect.poll(async () => (await craneAlarms()).some((a) => a.conditionKey === 'crane-1:moment:cutoff' && a.state === 'unack-active'), { timeout: 10_000 }).toBe(true);
    // Shape, word and state on the label: the priority reads without its colour.
    await expect.poll(() => craneLabel().innerText(), { timeout: 10_000 }).toContain('▲ 紧急 · 未确认');
    expect(await craneLabel().getAttribute('class')).toContain('s3d-alarm-unacked');
    // Breathing: sample across one breath (1.6 s) and take the strongest.
    const breath: number[] = [];
    for (let i = 0; i < 4; i++) {
      breath.push(await criticalPixelsOnMast());
      await page.waitForTimeout(400);
    }
    await shot('site3d-alarm-unacked-1920');
    expect(Math.max(...breath)).toBeGreaterThan(before + 150);

    // The load comes down and the shift acknowledges: steady in the critical colour (latched).
    reading = NORMAL;
    await expect.poll(() => craneLabel().innerText(), { timeout: 10_000 }).toContain('40.0 %');
    await acknowledgeCrane();
    await expect.poll(() => craneLabel().innerText(), { timeout: 10_000 }).toContain('▲ 紧急 · 已确认');
    expect(await craneLabel().getAttribute('class')).not.toContain('s3d-alarm-unacked');
    const steady = [await criticalPixelsOnMast(), (await page.waitForTimeout(800), await criticalPixelsOnMast())];
    expect(Math.min(...steady)).toBeGreaterThan(before + 150);
    // Steady means the same pixels half a breath later (within a few for anti-aliasing).
    expect(Math.abs(steady[0]! - steady[1]!)).toBeLessThan(0.1 * steady[0]!);
    await shot('site3d-alarm-acked-1920');

    // Reset by the safety officer once the conditions have cleared (off-delay): back to normal, back to grey.
    await expect.poll(async () => (await craneAlarms()).every((a) => !a.conditionActive), { timeout: 15_000 }).toBe(true);
    for (const a of (await craneAlarms()).filter((x) => x.state !== 'normal' && x.latched)) {
      expect((await postJson(`${serve.url}/api/alarms/${a.id}/reset`, safety, { comment: 'Limiter tested after overload' })).status).toBe(200);
    }
    await acknowledgeCrane();
    await expect.poll(() => craneLabel().innerText(), { timeout: 10_000 }).not.toContain('紧急');
    await page.waitForTimeout(500);
    expect(await criticalPixelsOnMast()).toBeLessThan(before + 30);
    await shot('site3d-alarm-reset-1920');
  }, 90_000);

  it('selecting an alarm in the list flies the 3D view to its device', async () => {
    reading = CUTOFF;
    await expect.poll(async () => (await craneAlarms()).some((a) => a.state !== 'normal'), { timeout: 10_000 }).toBe(true);
    await page.evaluate(() => ((globalThis as unknown as W).location.hash = '#/alarms'));
    const row = page.locator('[data-testid=alarm-row]', { hasText: '1# 塔吊' }).first();
    await row.locator('[data-testid=alarm-in3d]').click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).location.hash)).toBe('#/site3d/crane-1');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as W).__site3d?.renderer.selectedId ?? null)).toBe('crane-1');
    // The device card shows the same priority, shape and word.
    await page.evaluate(() => ((globalThis as unknown as W).location.hash = '#/overview'));
    const tag = page.locator('[data-testid=device-crane-1] [data-testid=device-alarm]');
    await expect.poll(() => tag.getAttribute('data-priority'), { timeout: 10_000 }).toBe('critical');
    expect(await tag.innerText()).toMatch(/▲\s*紧急/);
    // And the map: crane-1's point in the critical colour with its shape and word.
    await page.evaluate(() => ((globalThis as unknown as W).location.hash = '#/gis'));
    await expect.poll(() => page.locator('[data-testid=gis-map]').getAttribute('data-device-alarms'), { timeout: 60_000 }).toContain('crane-1:critical');
    await page.waitForTimeout(3000);
    await shot('gis-alarm-1920');
  }, 120_000);
});
