import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnvifClient } from '../../electron/core/onvif/onvif-client.js';
import { OnvifError } from '../../electron/core/onvif/onvif-error.js';
import { NS, soapAction } from '../../electron/core/onvif/onvif-namespaces.js';
import { bodyPayload, buildEnvelope, readEnvelope } from '../../electron/core/onvif/soap-envelope.js';
import { postSoap } from '../../electron/core/onvif/soap-transport.js';
import { securityHeader, usernameToken } from '../../electron/core/onvif/ws-security.js';
import { SimulatedOnvifCamera } from '../../electron/core/sim/onvif/onvif-device.js';
import { RtspCamera } from '../helpers/rtsp-camera.js';

/**
 * The ONVIF client against our own ONVIF device simulator over HTTP on loopback: device facts,
 * services, profiles and main/sub stream URIs (the main one played by ffprobe from the GStreamer
 * test camera), PTZ moves and presets, and every failure a camera can cause read as a typed
 * OnvifError: wrong password, replayed token, faults, garbage, an HTML error page, an endless
 * answer, a device that never answers, a refused connection.
 */
const USER = 'admin';
const PASSWORD = 'Onvif-sim-7731';

let rtsp: RtspCamera;
let camera: SimulatedOnvifCamera;
let clock = Date.now();

beforeAll(async () => {
  rtsp = await RtspCamera.start({ width: 320, height: 180, fps: 10 });
  camera = await SimulatedOnvifCamera.start({
    username: USER,
    password: PASSWORD,
    mainRtspUri: rtsp.url(),
    subRtspUri: rtsp.url(undefined, '/cam?sub'),
    clockSkewMs: 3_600_000, // the device's clock is an hour ahead: the client must use the device's time
    now: () => clock,
  });
});

afterAll(async () => {
  await camera?.stop();
  await rtsp?.stop();
});

async function failure(promise: Promise<unknown>): Promise<OnvifError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OnvifError);
    return error as OnvifError;
  }
  throw new Error('expected the call to fail');
}

const client = (overrides: Partial<ConstructorParameters<typeof OnvifClient>[0]> = {}): OnvifClient =>
  new OnvifClient({ url: camera.deviceUrl, username: USER, password: PASSWORD, timeoutMs: 2_000, ...overrides });

describe('ONVIF client ↔ simulated camera', () => {
  it('reads device facts, services, profiles and main/sub stream URIs; the main stream plays', async () => {
    camera.misbehave = 'none';
    const c = client();
    expect(await c.getDeviceInformation()).toMatchObject({ manufacturer: 'Site Command', model: 'SimCam PTZ', serialNumber: 'SIM-0001' });
    expect(await c.getServices()).toEqual({
      device: camera.deviceUrl,
      media: `${camera.baseUrl}/onvif/media_service`,
      ptz: `${camera.baseUrl}/onvif/ptz_service`,
    });
    const profiles = await c.getProfiles();
    expect(profiles.map((p) => [p.token, p.width, p.height, p.encoding, p.ptz])).toEqual([
      ['main', 1920, 1080, 'H264', true],
      ['sub', 640, 360, 'H264', true],
    ]);
    const streams = await c.getStreams();
    expect(streams.main.uri).toBe(rtsp.url());
    expect(streams.sub?.uri).toBe(rtsp.url(undefined, '/cam?sub'));
    // The URI the camera gave is a real stream: ffprobe reads the GStreamer camera's video through it.
    const probe = execFileSync('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width', '-of', 'csv=p=0', streams.main.uri], {
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(probe.trim()).toBe('h264,320');
  });

  it('falls back to GetCapabilities on a device without GetServices', async () => {
    const old = await SimulatedOnvifCamera.start({ username: USER, password: PASSWORD, mainRtspUri: 'rtsp://127.0.0.1:1/old', noGetServices: true, ptz: false });
    try {
      const c = new OnvifClient({ url: old.deviceUrl, username: USER, password: PASSWORD, timeoutMs: 2_000 });
      expect(await c.getServices()).toEqual({ device: old.deviceUrl, media: `${old.baseUrl}/onvif/media_service` });
      expect((await c.getStreams()).sub).toBeUndefined();
      const noPtz = await failure(c.continuousMove('main', { pan: 1 }));
      expect(noPtz.kind).toBe('unsupported');
      expect(noPtz.message).toContain('no ONVIF PTZ service');
      expect(old.calls).toEqual(expect.arrayContaining(['GetServices', 'GetCapabilities']));
    } finally {
      await old.stop();
    }
  });

  it('moves, stops, saves and recalls presets; the head keeps its position', async () => {
    camera.misbehave = 'none';
    const c = client();
    await c.continuousMove('main', { pan: 0.5, tilt: -0.2 });
    clock += 2_000; // 2 s at 0.5 → pan +0.5, tilt −0.2
    await c.stop('main');
    const afterMove = await c.getStatus('main');
    expect(afterMove.moving).toBe(false);
    expect(afterMove.position.pan).toBeCloseTo(0.5, 3);
    expect(afterMove.position.tilt).toBeCloseTo(-0.2, 3);
    const gate = await c.setPreset('main', '大门 Gate');
    await c.continuousMove('main', { pan: -1, zoom: 1 }, 1); // times out after 1 s on the device
    clock += 5_000;
    const moved = await c.getStatus('main');
    expect(moved.position.pan).toBeCloseTo(0, 3);
    expect(moved.position.zoom).toBeCloseTo(0.5, 3);
    expect(moved.moving).toBe(false);
    await c.gotoPreset('main', gate);
    expect((await c.getStatus('main')).position).toEqual({ pan: 0.5, tilt: -0.2, zoom: 0 });
    const presets = await c.getPresets('main');
    expect(presets).toEqual([{ token: gate, name: '大门 Gate', position: { pan: 0.5, tilt: -0.2, zoom: 0 } }]);
    const unknown = await failure(c.gotoPreset('main', 'no-such-preset'));
    expect(unknown.kind).toBe('fault');
    expect(unknown.codes).toEqual(['s:Sender', 'ter:InvalidArgVal', 'ter:NoToken']);
    const noProfile = await failure(c.stop('nope'));
    expect(noProfile.codes).toContain('ter:NoProfile');
  });

  it('names a refused PTZ, a wrong password and an unknown user', async () => {
    camera.misbehave = 'refuse-ptz';
    const refused = await failure(client().continuousMove('main', { pan: 1 }));
    expect(refused.kind).toBe('fault');
    expect(refused.message).toContain('PTZ is disabled');
    camera.misbehave = 'none';
    const wrong = await failure(client({ password: 'guess' }).getProfiles());
    expect(wrong.kind).toBe('not-authorized');
    expect(wrong.message).toMatch(/Check the credentials/);
    expect((await failure(client({ username: 'root' }).getDeviceInformation())).kind).toBe('not-authorized');
    expect((await failure(client({ username: undefined, password: undefined }).getDeviceInformation())).kind).toBe('not-authorized');
  });

  it('refuses a replayed token and answers an unknown action with ActionNotSupported', async () => {
    camera.misbehave = 'none';
    const token = usernameToken(USER, PASSWORD, new Date(clock + 3_600_000));
    const envelope = buildEnvelope('<tds:GetDeviceInformation/>', [securityHeader(token)]);
    const action = soapAction(NS.device, 'GetDeviceInformation');
    const first = await postSoap(camera.deviceUrl, action, envelope);
    expect(first.status).toBe(200);
    const replay = await postSoap(camera.deviceUrl, action, envelope);
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('nonce already used');
    const fresh = usernameToken(USER, PASSWORD, new Date(clock + 3_600_000));
    const made = await postSoap(camera.deviceUrl, soapAction(NS.device, 'FormatDisk'), buildEnvelope('<tds:FormatDisk/>', [securityHeader(fresh)]));
    expect(made.status).toBe(500);
    const error = await failure(Promise.resolve().then(() => bodyPayload(readEnvelope(made.body).body, 'FormatDiskResponse')));
    expect(error.kind).toBe('unsupported');
    expect(error.codes).toEqual(['s:Receiver', 'ter:ActionNotSupported']);
  });

  it.each([
    ['garbage XML', 'garbage', 'bad-response', /not XML/],
    ['an HTML error page', 'html-error', 'unreachable', /HTTP 500 without a SOAP fault/],
    ['an endless answer', 'huge', 'too-large', /exceeds 1048576 bytes/],
  ] as const)('reads %s as a clear error', async (_what, misbehave, kind, message) => {
    camera.misbehave = misbehave;
    try {
      const error = await failure(client().getProfiles());
      expect(error.kind).toBe(kind);
      expect(error.message).toMatch(message);
    } finally {
      camera.misbehave = 'none';
    }
  });

  it('gives up on a device that never answers, and on a refused connection', async () => {
    camera.misbehave = 'hang';
    try {
      const started = Date.now();
      const error = await failure(client({ timeoutMs: 400 }).getDeviceInformation());
      expect(error.kind).toBe('timeout');
      expect(error.message).toContain('did not answer within 400 ms');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      camera.misbehave = 'none';
    }
    const closed: Server = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)));
    await new Promise((resolve) => closed.close(resolve));
    const refused = await failure(new OnvifClient({ url: `http://127.0.0.1:${port}/onvif/device_service`, timeoutMs: 2_000 }).getDeviceInformation());
    expect(refused.kind).toBe('unreachable');
    expect((await failure(new OnvifClient({ url: 'ftp://camera/x' }).getDeviceInformation())).kind).toBe('unreachable');
  });
});
