import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraView, DiscoveredCameraView, OnvifProbeView, PtzPresetView } from '../../electron/common/api.js';
import { SimulatedOnvifCamera } from '../../electron/core/sim/onvif/onvif-device.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { eventually } from '../helpers/eventually.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ServeProcess, getJson, login, loginAs, postJson } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * ONVIF through the built core against our simulated camera: an admin probes it (a wrong password
 * is named), adds it with its credentials (sealed in the vault, never in the data folder's camera
 * list), an operator turns it and saves a preset, a viewer may not, and an overload alarm on the
 * crane it watches turns it to its alarm preset.
 */
const CAM = { username: 'onvif-admin', password: 'Sim-camera-Pw-4471' };

let camera: SimulatedOnvifCamera;
let broker: MosquittoBroker;
let serve: ServeProcess;
let admin: string;
let operator: string;
let viewer: string;
const dataDir = tempDir();

beforeAll(async () => {
  [camera, broker] = await Promise.all([
    SimulatedOnvifCamera.start({ ...CAM, mainRtspUri: 'rtsp://127.0.0.1:8554/tower', subRtspUri: 'rtsp://127.0.0.1:8554/tower-sub' }),
    MosquittoBroker.start(),
  ]);
  const siteDir = writeSiteFile({ id: 'demo', name: 'ONVIF test', devices: [{ id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 60 }] });
  serve = await ServeProcess.start(['--port', '0', '--data', dataDir, '--site', siteDir, '--mqtt', broker.url]);
  admin = await login(serve.url);
  for (const role of ['operator', 'viewer'] as const) {
    expect((await postJson(`${serve.url}/api/users`, admin, { username: `${role}1`, password: `${role}-password-1`, role })).status).toBe(200);
  }
  operator = await loginAs(serve.url, 'operator1', 'operator-password-1');
  viewer = await loginAs(serve.url, 'viewer1', 'viewer-password-1');
}, 30_000);

afterAll(async () => {
  await serve?.stop('SIGKILL');
  await Promise.all([camera?.stop(), broker?.stop()]);
  removeTempDirs();
});

describe('ONVIF API', () => {
  it('probes, adds with credentials into the vault, and refuses what it should', async () => {
    const wrong = await postJson<{ error: string }>(`${serve.url}/api/onvif/probe`, admin, { deviceUrl: camera.deviceUrl, username: CAM.username, password: 'nope' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatch(/refused the user name or password/);
    const withUserInUrl = await postJson(`${serve.url}/api/onvif/probe`, admin, { deviceUrl: `http://a:b@127.0.0.1:${camera.port}/`, ...CAM });
    expect(withUserInUrl.status).toBe(400);
    expect((await postJson(`${serve.url}/api/onvif/probe`, operator, { deviceUrl: camera.deviceUrl, ...CAM })).status).toBe(403);

    const probe = await postJson<OnvifProbeView>(`${serve.url}/api/onvif/probe`, admin, { deviceUrl: camera.deviceUrl, ...CAM });
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ model: 'SimCam PTZ', mainUrl: 'rtsp://127.0.0.1:8554/tower', mainProfile: 'main', subUrl: 'rtsp://127.0.0.1:8554/tower-sub', subProfile: 'sub', ptz: true });

    const add = { id: 'tower', name: '塔吊球机 Tower PTZ', deviceUrl: camera.deviceUrl, ...CAM, linkedDevices: ['crane-1'], alarmPreset: '吊钩 Hook' };
    expect((await postJson(`${serve.url}/api/onvif/cameras`, admin, { ...add, linkedDevices: ['no-such-device'] })).status).toBe(400);
    const added = await postJson<CameraView>(`${serve.url}/api/onvif/cameras`, admin, add);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: 'tower', mainUrl: 'rtsp://127.0.0.1:8554/tower', subUrl: 'rtsp://127.0.0.1:8554/tower-sub', hasCredentials: true, ptz: true, linkedDevices: ['crane-1'] });
    expect((await postJson(`${serve.url}/api/onvif/cameras`, admin, { ...add, id: 'tower-2' })).status).toBe(409); // same device twice
    const list = await getJson<CameraView[]>(`${serve.url}/api/cameras`, viewer);
    expect(list.body.map((c) => c.id)).toContain('tower');
    const kept = readFileSync(join(dataDir, 'onvif-cameras.json'), 'utf8');
    expect(kept).toContain(camera.deviceUrl);
    expect(kept).not.toContain(CAM.password);

    const discovered = await postJson<DiscoveredCameraView[]>(`${serve.url}/api/onvif/discover`, admin, { timeoutMs: 200 });
    expect(discovered.status).toBe(200);
    expect(Array.isArray(discovered.body)).toBe(true);
  });

  it('lets an operator turn the camera and save a preset, not a viewer; an alarm turns it to its preset', async () => {
    const move = await postJson(`${serve.url}/api/cameras/tower/ptz/move`, operator, { pan: 0.8, tilt: 0.4, zoom: 0 });
    expect(move.status).toBe(200);
    expect(camera.ptzHead.moving()).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect((await postJson(`${serve.url}/api/cameras/tower/ptz/stop`, operator, {})).status).toBe(200);
    expect(camera.ptzHead.moving()).toBe(false);
    const hookAt = camera.ptzHead.position();
    expect(hookAt.pan).toBeGreaterThan(0);
    const saved = await postJson<PtzPresetView>(`${serve.url}/api/cameras/tower/ptz/presets`, operator, { name: '吊钩 Hook' });
    expect(saved.status).toBe(200);
    expect((await getJson<PtzPresetView[]>(`${serve.url}/api/cameras/tower/ptz/presets`, viewer)).body).toEqual([saved.body]);
    expect((await postJson(`${serve.url}/api/cameras/tower/ptz/move`, viewer, { pan: 1, tilt: 0, zoom: 0 })).status).toBe(403);
    expect((await postJson(`${serve.url}/api/cameras/tower/ptz/move`, operator, { pan: 2, tilt: 0, zoom: 0 })).status).toBe(400);
    const missing = await postJson<{ error: string }>(`${serve.url}/api/cameras/tower/ptz/goto`, operator, { preset: 'nowhere' });
    expect(missing.status).toBe(404);

    camera.misbehave = 'refuse-ptz';
    const refused = await postJson<{ error: string }>(`${serve.url}/api/cameras/tower/ptz/move`, operator, { pan: 1, tilt: 0, zoom: 0 });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/PTZ is disabled/);
    camera.misbehave = 'none';

    camera.ptzHead.goTo({ pan: -0.5, tilt: 0, zoom: 0 });
    const device = await mqtt.connectAsync(broker.url);
    try {
      const at = await eventually(
        async () => {
          await publishCraneReading(device, 'crane-1', craneReading({ loadT: 9.5, ratedLoadT: 8, momentPct: 118 }));
          return camera.ptzHead.position();
        },
        (p) => p.pan === hookAt.pan,
        15_000,
        500,
      );
      expect(at).toEqual(hookAt);
    } finally {
      await device.endAsync();
    }
  });
});
