import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import { launchBrowser, logIn, screenshot } from '../helpers/browser.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ADMIN_PASSWORD, getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('alarm evidence in the alarm detail', () => {
  it('plays the clip of a crane overload from the alarm detail view', async () => {
    const broker = await MosquittoBroker.start();
    const siteDir = tempDir();
    writeFileSync(
      join(siteDir, 'site.json'),
      JSON.stringify({
        id: 'demo',
        name: 'Evidence UI test',
        devices: [{ id: 'crane-1', kind: 'crane', name: '1# 塔吊', expectedIntervalS: 60 }],
        cameras: [{ id: 'hook', name: 'Hook', mainUrl: 'testpattern:?label=HOOK&size=320x180&rate=10', linkedDevices: ['crane-1'], recording: true }],
      }),
    );
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--mqtt', broker.url]);
    await serve.waitFor(/connected to broker/);
    // While the pre-roll fills (11 s), the browser starts and logs in.
    const [browser, page] = await Promise.all([
      (async () => {
        const b = await launchBrowser();
        const p = await b.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
        await logIn(p, serve.url, ADMIN_PASSWORD);
        return [b, p] as const;
      })(),
      new Promise((r) => setTimeout(r, 11_000)),
    ]).then(([opened]) => opened);
    const device = await mqtt.connectAsync(broker.url);
    await device.publishAsync('site/demo/crane/crane-1/telemetry', JSON.stringify({ loadT: 9.5, ratedLoadT: 8, momentPct: 118, radiusM: 20, heightM: 30, slewDeg: 90, windMs: 3, tiltDeg: 0.1 }), { qos: 1 });
    const token = await login(serve.url);
    let alarm: Alarm | undefined;
    for (let i = 0; i < 30 && !alarm; i++) {
      await new Promise((r) => setTimeout(r, 100));
      alarm = (await getJson<Alarm[]>(`${serve.url}/api/alarms?priority=critical`, token)).body[0];
    }
    await page.goto(`${serve.url}/#/alarms/${alarm!.id}`);
    await page.waitForSelector('[data-testid=evidence-clips]');
    // The clip appears once post-roll is recorded (about 20 s), without reloading the page.
    const video = page.locator('[data-testid=evidence-video]');
    await video.waitFor({ timeout: 60_000 });
    // (The test program has no DOM types; the element is described by what is used of it.)
    type Video = { readyState: number; duration: number; currentTime: number; play(): Promise<void>; addEventListener(t: string, f: () => void, o: object): void };
    const duration = await video.evaluate(
      (el) =>
        new Promise<number>((resolve) => {
          const v = el as unknown as Video;
          if (v.readyState >= 1) resolve(v.duration);
          else v.addEventListener('loadedmetadata', () => resolve(v.duration), { once: true });
        }),
    );
    expect(duration).toBeGreaterThanOrEqual(25);
    await video.evaluate((el) => (el as unknown as Video).play());
    await page.waitForTimeout(1500);
    expect(await video.evaluate((el) => (el as unknown as Video).currentTime)).toBeGreaterThan(0.5);
    await screenshot(page, 'alarm-evidence-clip');
    await browser.close();
    await device.endAsync();
    await serve.stop();
    await broker.stop();
  }, 120_000);
});
