import { afterAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import { launchBrowser, logIn } from '../helpers/browser.js';
import { ADMIN_PASSWORD, getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('one device across the views', () => {
  it('alarm → 3D (selected) → the device’s alarms → device detail, and back', async () => {
    // Without the simulator the cranes go offline after 3 s: a real high alarm on crane-1.
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate']);
    const token = await login(serve.url);
    let alarm: Alarm | undefined;
    for (let i = 0; i < 60 && !alarm; i++) {
      await new Promise((r) => setTimeout(r, 100));
      alarm = (await getJson<Alarm[]>(`${serve.url}/api/alarms?device=crane-1`, token)).body[0];
    }
    expect(alarm).toBeDefined();
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 }, locale: 'en-US' });
    const hash = () => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.goto(`${serve.url}/#/alarms/${alarm!.id}`);
    await page.click('[data-testid=alarm-detail] [data-testid=link-in3d]');
    await expect.poll(hash).toBe('#/site3d/crane-1');
    await page.waitForSelector('[data-testid=site3d-selected]');
    await page.click('[data-testid=site3d-selected] [data-testid=link-alarms]');
    await expect.poll(hash).toBe('#/alarms/device%3Acrane-1');
    expect(await page.locator('[data-testid=filter-device]').inputValue()).toBe('crane-1');
    const rows = page.locator('[data-testid=alarm-row]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('QTZ125');
    await page.goto(`${serve.url}/#/devices/crane-1`);
    await page.click('[data-testid=device-detail] [data-testid=link-in3d]');
    await expect.poll(hash).toBe('#/site3d/crane-1');
    await browser.close();
    await serve.stop();
  }, 90_000);
});
