import { readdirSync, readFileSync } from 'node:fs';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AlarmDetail, CameraView } from '../../electron/common/api.js';
import type { Alarm } from '../../electron/common/alarms.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { RtspCamera, waitFor } from '../helpers/rtsp-camera.js';
import { ServeProcess, getJson, login, postJson } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * Camera passwords through the built core against real GStreamer cameras demanding them (Basic
 * and Digest): setting a recording camera's credentials brings its pre-roll stream back with
 * nobody watching and its alarm gets an evidence clip; while streams run, no process's command
 * line or environment holds a password.
 */
const GATE = { user: 'gate-admin', password: 'gate-Pw-83215-basic' };
const YARD = { user: 'yard-admin', password: 'yard-Pw-55102-digest' };

let gate: RtspCamera;
let yard: RtspCamera;
let broker: MosquittoBroker;
let serve: ServeProcess;
let token: string;

beforeAll(async () => {
  [gate, yard, broker] = await Promise.all([
    RtspCamera.start({ width: 320, height: 180, fps: 10, ...GATE }),
    RtspCamera.start({ width: 320, height: 180, fps: 10, ...YARD, auth: 'digest' }),
    MosquittoBroker.start(),
  ]);
  const siteDir = writeSiteFile({
    id: 'demo', // the crane helper publishes on the demo site's topics
    name: 'Camera secrets test',
    // A long report interval: no offline alarm (and its clip's subscription) keeps the stream alive by accident.
    devices: [{ id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 60 }],
    cameras: [
      { id: 'gate', name: 'Gate', mainUrl: `rtsp://127.0.0.1:${gate.port}/cam`, linkedDevices: ['crane-1'], recording: true },
      { id: 'yard', name: 'Yard', mainUrl: `rtsp://127.0.0.1:${yard.port}/cam` },
    ],
  });
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--mqtt', broker.url]);
  token = await login(serve.url);
}, 30_000);

afterAll(async () => {
  await serve?.stop('SIGKILL');
  await Promise.all([gate?.stop(), yard?.stop(), broker?.stop()]);
  removeTempDirs();
});

async function camera(id: string): Promise<CameraView> {
  return (await getJson<CameraView[]>(`${serve.url}/api/cameras`, token)).body.find((c) => c.id === id)!;
}

/**
 * Pids whose /proc cmdline or environ (those this user can read) contain `secret`; the test
 * cameras themselves are skipped (they take their password on their command line).
 */
function processesHolding(secret: string): string[] {
  const found: string[] = [];
  let readable = 0;
  const cameras = new Set([String(gate.pid), String(yard.pid)]);
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e) && !cameras.has(e))) {
    for (const file of ['cmdline', 'environ']) {
      try {
        const text = readFileSync(`/proc/${pid}/${file}`, 'latin1');
        readable++;
        if (text.includes(secret) || text.includes(encodeURIComponent(secret))) found.push(`${pid}/${file}`);
      } catch {
        // Another user's process, or gone.
      }
    }
  }
  expect(readable).toBeGreaterThan(2);
  return found;
}

/** ffmpeg processes running now (argv0 ends in ffmpeg), with their command lines. */
function ffmpegCmdlines(): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('ffmpeg') && argv.some((a) => a.startsWith('rtsp://'))) out.push(argv.join(' '));
    } catch {
      // gone
    }
  }
  return out;
}

describe('camera passwords', () => {
  it('a recording camera comes back without a viewer once its credentials are set, and its alarm gets a clip', async () => {
    // No password yet: the recording hold keeps trying and the camera refuses it.
    let view = await camera('gate');
    for (let i = 0; i < 100 && view.streams.main?.reason !== 'authentication failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await camera('gate');
    }
    expect(view.streams.main?.reason).toBe('authentication failed');

    const set = await postJson<CameraView>(`${serve.url}/api/cameras/gate/credentials`, token, { username: GATE.user, password: GATE.password });
    expect(set.status).toBe(200);
    // Live again with nobody watching (before the fix the recording hold was dropped: `streams: {}`).
    for (let i = 0; i < 100 && view.streams.main?.state !== 'live'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await camera('gate');
    }
    expect(view.streams.main?.state).toBe('live');
    expect(view.streams.main!.subscribers).toBe(1); // the recording hold: nobody watches
    const ffmpegs = ffmpegCmdlines();
    expect(ffmpegs.length).toBeGreaterThan(0);
    expect(ffmpegs.join('\n')).not.toContain(`:${gate.port}/`); // ffmpeg reads the loopback proxy, not the camera
    expect(processesHolding(GATE.password)).toEqual([]);

    // An alarm on the linked crane gets its clip from the recording stream's pre-roll.
    const device = await mqtt.connectAsync(broker.url);
    for (let i = 0; i < 6; i++) {
      await publishCraneReading(device, 'crane-1', craneReading({ loadT: 2, ratedLoadT: 8, momentPct: 25 }));
      await new Promise((r) => setTimeout(r, 1000));
    }
    await publishCraneReading(device, 'crane-1', craneReading({ loadT: 9.5, ratedLoadT: 8, momentPct: 118 }));
    let alarm: Alarm | undefined;
    for (let i = 0; i < 50 && !alarm; i++) {
      await new Promise((r) => setTimeout(r, 100));
      alarm = (await getJson<Alarm[]>(`${serve.url}/api/alarms?priority=critical`, token)).body[0];
    }
    expect(alarm).toBeDefined();
    let detail: AlarmDetail | undefined;
    for (let i = 0; i < 45 && !detail?.clips.length; i++) {
      await publishCraneReading(device, 'crane-1', craneReading({ loadT: 9.5, ratedLoadT: 8, momentPct: 118 }));
      await new Promise((r) => setTimeout(r, 1000));
      detail = (await getJson<AlarmDetail>(`${serve.url}/api/alarms/${alarm!.id}`, token)).body;
    }
    await device.endAsync();
    expect(detail?.clips.map((c) => c.cameraId)).toEqual(['gate']);
    expect(detail!.clips[0]!.durationSec).toBeGreaterThanOrEqual(20);
  }, 90_000);

  it('a digest camera streams to the console; no process holds either password', async () => {
    const set = await postJson<CameraView>(`${serve.url}/api/cameras/yard/credentials`, token, { username: YARD.user, password: YARD.password });
    expect(set.status).toBe(200);
    const ws = new WebSocket(`${serve.url.replace(/^http/, 'ws')}/api/video?camera=yard&quality=main`);
    let binaries = 0;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('message', (_data, isBinary) => (binaries += isBinary ? 1 : 0));
    ws.on('error', () => undefined);
    try {
      await waitFor('video from the digest camera', () => binaries >= 5, 15_000);
      expect((await camera('yard')).streams.main?.state).toBe('live');
      expect(processesHolding(YARD.password)).toEqual([]);
      expect(processesHolding(GATE.password)).toEqual([]);
      expect(serve.output).not.toContain(YARD.password);
    } finally {
      ws.close();
    }
  }, 30_000);
});
