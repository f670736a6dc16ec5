import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn } from '../helpers/browser.js';
import { ADMIN_PASSWORD, getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { syntheticPanorama } from '../helpers/synthetic-panorama.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

describe('panoramas: assignment by hand', () => {
  it('a capture with no GPS and no point in its name is assigned to a capture point from the UI', async () => {
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-simulate']);
    const token = await login(serve.url);
    const image = await syntheticPanorama({ cameraHeightM: 1.6, headingDeg: 0, marks: [], poles: [] }, 1024, { format: 'jpeg' });
    const upload = await fetch(`${serve.url}/api/panoramas`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'X-Filename': 'walkaround-0042.jpg', 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(image),
    });
    expect(upload.status).toBe(201);
    const { capture } = (await upload.json()) as { capture: { id: string; pointId: string | null } };
    const id = capture.id;
    expect(capture.pointId).toBeNull();
    const points = (await getJson<{ id: string; captureCount: number }[]>(`${serve.url}/api/panorama-points`, token)).body;
    const target = points.find((p) => p.id !== 'unassigned')!;
    const before = target.captureCount;

    const browser = await launchBrowser({ webgl: true }); // the panorama viewer draws with three.js (WebGL)
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'en-US' });
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.goto(`${serve.url}/#/panoramas/unassigned`);
    await page.waitForSelector('[data-testid=pano-assign-select]');
    await page.selectOption('[data-testid=pano-assign-select]', target.id);
    await page.click('[data-testid=pano-assign-button]');
    await expect.poll(async () => (await getJson<{ pointId: string | null }>(`${serve.url}/api/panorama-captures/${id}`, token)).body.pointId).toBe(target.id);
    const after = (await getJson<{ id: string; captureCount: number }[]>(`${serve.url}/api/panorama-points`, token)).body.find((p) => p.id === target.id)!;
    expect(after.captureCount).toBe(before + 1);
    await browser.close();
    await serve.stop();
  }, 90_000);
});
