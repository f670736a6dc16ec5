import { afterAll, describe, expect, it } from 'vitest';
import { StartGate } from '../../../electron/core/video/start-gate.js';
import { WebRtcRtpSource, type RtpSourceOptions } from '../../../electron/core/video/webrtc-rtp-source.js';
import type { SourcePacket } from '../../../electron/core/video/webrtc-viewer-gate.js';
import { fakeRtpFfmpeg, processRuns } from '../../helpers/fake-rtp-ffmpeg.js';
import { processesWith } from '../../helpers/rtsp-camera.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';

afterAll(() => removeTempDirs());

const SEND = fakeRtpFfmpeg('send');
const POLL = { timeout: 5_000, interval: 20 };

function source(gate: StartGate, options: Partial<RtpSourceOptions> = {}): WebRtcRtpSource {
  return new WebRtcRtpSource({ label: 'cam', inputUrl: () => 'rtsp://127.0.0.1:1/cam', ffmpegPath: SEND, spawnGuard: 'none', graceMs: 1, startGate: gate, ...options });
}

/** The gate holds no slot and no queue: nothing leaked a ticket. */
function expectGateFree(gate: StartGate): void {
  expect({ starting: gate.starting, queued: gate.queued }).toEqual({ starting: 0, queued: 0 });
}

describe('the WebRTC source takes the start gate the MSE streams share', () => {
  it('waits its turn, holds the slot until its first RTP packet, then lets the next stream start', async () => {
    const gate = new StartGate(1);
    const [a, b] = [source(gate), source(gate)];
    const got = { a: 0, b: 0 };
    const offA = a.subscribe(() => got.a++);
    const offB = b.subscribe(() => got.b++);
    try {
      // b asked while a held the only slot: queued, no ffmpeg, and its tile says "starting".
      expect(gate.queued).toBe(1);
      expect(b.ffmpegPid).toBeUndefined();
      expect(b.status().state).toBe('starting');
      await expect.poll(() => got.a, POLL).toBeGreaterThan(0);
      // a's first packet gave the slot to b, whose first packet gave it back.
      await expect.poll(() => got.b, POLL).toBeGreaterThan(0);
      await expect.poll(() => gate.starting, POLL).toBe(0);
      expect(gate.queued).toBe(0);
      expect(a.status().state).toBe('live');
    } finally {
      offA();
      offB();
      await Promise.all([a.stop(), b.stop()]);
    }
    expectGateFree(gate);
  });

  it('a source closed while it waits leaves the queue, and never starts ffmpeg', async () => {
    const gate = new StartGate(1);
    const other = gate.enter(() => undefined); // another stream is starting
    const stopped = source(gate);
    const abandoned = source(gate);
    stopped.subscribe(() => undefined);
    const leave = abandoned.subscribe(() => undefined);
    expect(gate.queued).toBe(2);
    expect(await stopped.whenLaunched(20)).toBe(false);

    await stopped.stop(); // closed outright (the service shutting down, a camera removed)
    leave(); // the last viewer left: the 1-ms grace stops it
    await expect.poll(() => gate.queued, POLL).toBe(0);
    other.release();
    expectGateFree(gate);
    expect([stopped.ffmpegPid, abandoned.ffmpegPid]).toEqual([undefined, undefined]);
    expect(stopped.status().state).toBe('offline');
  });

  it('a run that ends before any packet, or cannot spawn, gives its slot back while its restart waits', async () => {
    const gate = new StartGate(1);
    const down = source(gate, { ffmpegPath: fakeRtpFfmpeg('fail') });
    const missing = source(gate, { ffmpegPath: '/nonexistent/ffmpeg' });
    const offDown = down.subscribe(() => undefined);
    const offMissing = missing.subscribe(() => undefined);
    try {
      await expect.poll(() => down.lastError !== undefined && missing.lastError !== undefined, POLL).toBe(true);
      await expect.poll(() => gate.starting + gate.queued, POLL).toBe(0);
      expect(down.status()).toMatchObject({ state: 'offline', reason: expect.stringMatching(/refused/i) });
      expect(missing.lastError).toMatch(/ENOENT|exited/);
    } finally {
      offDown();
      offMissing();
      await Promise.all([down.stop(), missing.stop()]);
    }
    expectGateFree(gate);
  });

  it('stopping a run that holds its slot (no packet yet) kills ffmpeg and frees the slot', async () => {
    const gate = new StartGate(1);
    const silent = source(gate, { ffmpegPath: fakeRtpFfmpeg('silent') });
    silent.subscribe(() => undefined);
    await expect.poll(() => silent.codec, POLL).toBe('H264'); // ffmpeg runs and "opened the camera"
    const pid = silent.ffmpegPid!;
    expect(gate.starting).toBe(1);
    await silent.stop();
    expectGateFree(gate);
    expect(processRuns(pid)).toBe(false);
    expect(silent.ffmpegPid).toBeUndefined();
  });
});

describe('the WebRTC source runs one ffmpeg and one socket at a time', () => {
  it('two viewers arriving in the same tick start one ffmpeg (before: each started its own, and one leaked)', async () => {
    const cam = source(new StartGate());
    const got = [0, 0];
    const offs = [cam.subscribe(() => got[0]!++), cam.subscribe(() => got[1]!++)];
    const script = SEND.replace(/ffmpeg$/, 'fake-ffmpeg.mjs');
    try {
      await expect.poll(() => Math.min(...got), POLL).toBeGreaterThan(0);
      expect(processesWith(script)).toEqual([cam.ffmpegPid]);
    } finally {
      for (const off of offs) off();
      await cam.stop();
    }
    expect(processesWith(script)).toEqual([]);
  });
});

describe('a camera change restarts the WebRTC source on the new URL', () => {
  it('kills the old ffmpeg, starts one on the new input at once, and keeps the listeners (a new generation)', async () => {
    const gate = new StartGate(1);
    let url = 'rtsp://127.0.0.1:1/old';
    const inputs: string[] = [];
    const cam = source(gate, { inputUrl: () => (inputs.push(url), url) });
    const packets: SourcePacket[] = [];
    const off = cam.subscribe((packet) => packets.push(packet));
    try {
      await expect.poll(() => packets.length, POLL).toBeGreaterThan(0);
      const oldPid = cam.ffmpegPid!;
      const oldGeneration = packets.at(-1)!.generation;

      url = 'rtsp://127.0.0.1:1/new';
      await cam.retarget('rtsp://127.0.0.1:1/new (masked)');
      expect(processRuns(oldPid)).toBe(false); // retarget resolves once the old ffmpeg is gone
      await expect.poll(() => inputs, POLL).toEqual(['rtsp://127.0.0.1:1/old', 'rtsp://127.0.0.1:1/new']);
      expect(cam.label).toBe('rtsp://127.0.0.1:1/new (masked)');
      const count = packets.length;
      await expect.poll(() => packets.length, POLL).toBeGreaterThan(count);
      expect(cam.ffmpegPid).not.toBe(oldPid);
      // Every packet after the change belongs to the new run: none from the old ffmpeg slips in.
      expect(packets.slice(count).every((p) => p.generation === oldGeneration + 1)).toBe(true);
      expect(cam.listenerCount).toBe(1);
      await expect.poll(() => gate.starting, POLL).toBe(0);
    } finally {
      off();
      await cam.stop();
    }
    expectGateFree(gate);
  });

  it('a source with no viewers left only takes the new label: nothing starts', async () => {
    const gate = new StartGate(1);
    const cam = source(gate);
    cam.subscribe(() => undefined)();
    await cam.stop();
    await cam.retarget('new');
    expect(cam.ffmpegPid).toBeUndefined();
    expectGateFree(gate);
  });
});
