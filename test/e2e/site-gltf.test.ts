import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn } from '../helpers/browser.js';
import { ADMIN_PASSWORD, login, mediaTicketUrl, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

/** A valid glTF 2.0 file: one 30 m triangle, its buffer embedded as base64. */
function triangleGltf(): string {
  const positions = new Float32Array([0, 0, 0, 30, 0, 0, 0, 30, 0]);
  const data = Buffer.from(positions.buffer).toString('base64');
  return JSON.stringify({
    asset: { version: '2.0' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }],
    buffers: [{ byteLength: 36, uri: `data:application/octet-stream;base64,${data}` }],
    bufferViews: [{ buffer: 0, byteOffset: 0, byteLength: 36 }],
    accessors: [{ bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [0, 0, 0], max: [30, 30, 0] }],
  });
}

describe('the site glTF model (e.g. a BIM export)', () => {
  it('is served only as that one file, to a logged-in user, and loads into the 3D view', async () => {
    const site = tempDir();
    writeFileSync(join(site, 'building.gltf'), triangleGltf());
    writeFileSync(join(site, 'site.json'), JSON.stringify({ id: 'g', name: 'glTF site', origin: { latDeg: 30.59, lonDeg: 114.3 }, devices: [], model: { gltf: { file: 'building.gltf', headingDeg: 15 } } }));
    const serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', site, '--no-simulate']);
    const token = await login(serve.url);
    expect((await fetch(await mediaTicketUrl(serve.url, token, '/api/media/model/building.gltf'))).status).toBe(200);
    expect((await fetch(`${serve.url}/api/media/model/building.gltf`)).status).toBe(401);
    expect((await fetch(`${serve.url}/api/media/model/building.gltf?token=${token}`)).status).toBe(401);
    // No ticket is issued for anything but a model file, and a ticket for another model name finds nothing.
    expect((await postJson(`${serve.url}/api/media-tickets`, token, { path: '/api/media/model/site.json' })).status).toBe(400);
    expect((await postJson(`${serve.url}/api/media-tickets`, token, { path: '/api/media/model/..%2Fsite.json' })).status).toBe(400);
    expect((await fetch(await mediaTicketUrl(serve.url, token, '/api/media/model/other.gltf'))).status).toBe(404);

    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page, serve.url, ADMIN_PASSWORD);
    await page.goto(`${serve.url}/#/site3d`);
    type Hook = { __site3d?: { renderer: { gltfStatus: string } } };
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as Hook).__site3d?.renderer.gltfStatus ?? 'no view'), { timeout: 20_000 })
      .toBe('loaded');
    expect(errors).toEqual([]);
    await browser.close();
    await serve.stop();
  }, 90_000);
});
