import { connect } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDataTime } from '../../electron/core/sim/hj212-monitor-client.js';
import { encodeFrame, formatDataSegment } from '../../electron/core/sources/hj212/index.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { freePort } from '../helpers/free-port.js';
import type { DeviceView } from '../../electron/common/site.js';
import { ADMIN_PASSWORD, getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// The monitor's own means on the device detail, against the built core: a real TCP connection
// sends the demo's HJ 212 monitor (dust-2) an hour record, with one value flagged for maintenance.
const ZONE = 'Asia/Shanghai';
const HOUR = 3600_000;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let hourStart: number;

beforeAll(async () => {
  const hj212Port = await freePort();
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate', '--hj212-port', String(hj212Port), '--hj212-host', '127.0.0.1']);
  hourStart = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const dataTime = formatDataTime(new Date(hourStart), ZONE);
  const frame = encodeFrame(
    formatDataSegment(
      { qn: `${dataTime}001`, st: '22', cn: '2061', pw: '123456', mn: '88888880000002', flag: 5 },
      `DataTime=${dataTime};a34002-Min=180,a34002-Avg=250.0,a34002-Max=320,a34002-Flag=N;a34004-Avg=120.5,a34004-Flag=M`,
    ),
  );
  const socket = connect(hj212Port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const replied = new Promise((r) => socket.once('data', r));
  socket.write(frame);
  await replied; // CN 9014: the core has taken the record
  socket.destroy();
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'en', viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  await page.goto(serve.url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=site-name]');
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  removeTempDirs();
});

describe('monitor means on the device detail', () => {
  it('counts the hour record as contact: the monitor is online, with no "last data" and no values', async () => {
    const token = await login(serve.url);
    const reply = await getJson<DeviceView[]>(`${serve.url}/api/devices`, token);
    const dust2 = reply.body.find((d) => d.id === 'dust-2')!;
    expect(dust2.status).toBe('online');
    expect(dust2.lastSeen).toBeNull();
    expect(dust2.lastValues).toBeNull();
  });

  it("shows the HJ 212 monitor's hour mean with its range, marks the flagged value, and says when a kind has none", async () => {
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/devices/dust-2'));
    const panel = page.getByTestId('interval-panel');
    const row = panel.locator('tbody tr').first();
    await expect.poll(() => row.innerText().catch(() => ''), { timeout: 10_000 }).toContain('250 (180–320)');
    expect(await panel.locator('thead').innerText()).toContain('PM10 (µg/m³)');
    // PM2.5 came flagged M (maintenance): shown, and marked as left out of compliance statistics.
    const flagged = row.locator('.interval-flagged');
    expect(await flagged.innerText()).toContain('121 ⚑M');
    expect(await flagged.getAttribute('title')).toContain('left out of compliance');
    await screenshot(page, 'device-monitor-means');
    // The monitor sent no minute means: the panel says so rather than showing an empty table.
    await page.getByTestId('intervals-minute').click();
    await expect.poll(() => panel.innerText()).toContain('No means of this kind from this monitor yet');
    expect(await panel.locator('tbody tr').count()).toBe(0);
  });
});
