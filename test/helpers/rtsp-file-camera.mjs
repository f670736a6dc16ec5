#!/usr/bin/env node
// A pre-encoded RTSP test camera: one H.264 clip, encoded once, served looped at its real frame
// rate to any number of clients.
//
// Why this exists: the GStreamer test camera (rtsp-camera.py) encodes live, and its RTSP server
// runs every session of a shared media on one pipeline whose thread pool has one thread; at about
// 30 sessions that pipeline stalls, and raising the pool's thread count crashes gst-rtsp-server
// 1.22. A video scale bench against it measured the camera, not the console. Here a client costs
// only socket writes: ONE clip reader and ONE clock for every path (each site camera may have its
// own URL, /cam1 … /cam48), and each frame is packetized once and written to every client in one
// write.
//
// The protocol parts, and where they come from:
// - RTSP 1.0 (RFC 2326): OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER (keep-alive), TEARDOWN.
//   RTP travels interleaved on the RTSP connection only (§10.12, `RTP/AVP/TCP;interleaved=`);
//   a UDP transport gets 461 Unsupported Transport (ffmpeg without `-rtsp_transport` then retries
//   over TCP on the same connection; the site core always asks for TCP). A malformed request gets
//   400 and its connection is closed; the server serves on.
// - RTP (RFC 3550 §5.1): payload type 96, one SSRC; sequence numbers and timestamps (90 kHz) run
//   on across the clip's loops, so a client never sees the loop.
// - H.264 over RTP (RFC 6184): packetization-mode=1; a NAL unit up to 1400 bytes is a single NAL
//   unit packet (§5.6), a larger one FU-A fragments (§5.8); the marker bit on the last packet of an
//   access unit (§5.1); the SDP carries profile-level-id (from the SPS) and sprop-parameter-sets
//   (§8.1). Access unit delimiters and filler data are not sent (§5.1 lets a sender drop them).
// - The clip (ffmpeg lavfi testsrc2, libx264): closed GOP, a keyframe every second, no B-frames,
//   SPS/PPS before every IDR (x264 `repeat-headers`), so looping back to the first frame is clean
//   and a client that joins starts at the next IDR with everything it needs.
//
// A slow client (more than `maxQueuedBytes` waiting in its socket's user-space buffer) is dropped,
// never buffered without bound. If the clock falls behind (a busy machine), it sends at most a few
// overdue frames at once and then restarts its schedule; `stats().lateTicks` counts that.
//
// CLI: node test/helpers/rtsp-file-camera.mjs --port P [--width 1920 --height 1080 --fps 25
//      --bitrate 4000 --seconds 4] [--file clip.h264] [--cache-dir DIR]
//      prints `READY rtsp://127.0.0.1:P/` once listening; SIGUSR2 prints `STATS {json}`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Largest RTP payload, bytes: an Ethernet MTU less IP/UDP/RTP headers, as cameras use (RFC 6184 §5.8 fragments above it). */
export const MAX_RTP_PAYLOAD = 1400;
const PAYLOAD_TYPE = 96;
const RTP_CLOCK_HZ = 90_000; // RFC 6184 §8.2.1: H.264 uses a 90 kHz clock
/** RFC 2326 §12.37: the session timeout a client must keep alive within (ffmpeg sends GET_PARAMETER at half of it). */
const SESSION_TIMEOUT_S = 60;
const MAX_HEAD_BYTES = 8 * 1024;
const MAX_BODY_BYTES = 8 * 1024;
/** Overdue frames sent at once when the clock fell behind; later than that, the schedule restarts. */
const MAX_CATCH_UP_FRAMES = 3;
/** Bump when the encoding settings change, so a cached clip from older settings is not reused. */
const CLIP_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// The clip

/** Where made clips are kept between runs (encoding 4 s of 1080p takes seconds on two cores). */
export function defaultCacheDir() {
  return join(tmpdir(), 'site-command-file-camera');
}

/**
 * An H.264 Annex B clip of ffmpeg's moving test pattern: made once with ffmpeg and cached by its
 * settings; returns its path. Closed GOP with one IDR per second, no B-frames, SPS/PPS repeated
 * before every IDR and an access unit delimiter before every frame.
 */
export async function makeClip({ width = 1920, height = 1080, fps = 25, bitrate = 4000, seconds = 4, cacheDir = defaultCacheDir() } = {}) {
  const file = join(cacheDir, `testsrc2-${width}x${height}-${fps}fps-${bitrate}k-${seconds}s-v${CLIP_VERSION}.h264`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  // Made beside and renamed: two cameras starting at once never read a half-written clip.
  const partial = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.part`;
  const gop = Math.max(1, Math.round(fps));
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-bf', '0', '-flags', '+cgop',
    '-b:v', `${bitrate}k`, '-maxrate', `${bitrate}k`, '-bufsize', `${bitrate}k`,
    '-x264-params', 'repeat-headers=1:aud=1',
    '-f', 'h264', partial,
  ];
  try {
    await runToEnd('ffmpeg', args);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return file;
}

function runToEnd(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr}`))));
  });
}

// ---------------------------------------------------------------------------------------------
// H.264 Annex B (ITU-T H.264 Annex B and §7.4.1.2.3)

const nalType = (nal) => nal[0] & 0x1f;
const NAL = { slice: 1, idr: 5, sei: 6, sps: 7, pps: 8, aud: 9, filler: 12 };

/** The NAL units of an Annex B byte stream, start codes and trailing zero bytes removed. */
export function nalUnits(stream) {
  const startCode = Buffer.from([0, 0, 1]);
  const starts = [];
  for (let at = stream.indexOf(startCode); at >= 0; at = stream.indexOf(startCode, at + 3)) starts.push(at + 3);
  return starts
    .map((start, i) => {
      let end = i + 1 < starts.length ? starts[i + 1] - 3 : stream.length;
      while (end > start && stream[end - 1] === 0) end--;
      return stream.subarray(start, end);
    })
    .filter((nal) => nal.length > 0);
}

/**
 * NAL units grouped into access units (one picture each, §7.4.1.2.3): a new one begins at an
 * access unit delimiter, or after a slice at an SEI/SPS/PPS or at a slice whose
 * first_mb_in_slice is 0 (its ue(v) code starts with a 1 bit). Delimiters and filler are left
 * out. Returns `{ nals, keyframe }` per access unit, starting at the first keyframe; a keyframe
 * without SPS/PPS in band gets the stream's, so every IDR a client starts at carries them.
 */
export function accessUnits(nals) {
  const units = [];
  let current = [];
  let hasSlice = false;
  const close = () => {
    if (hasSlice) units.push({ nals: current, keyframe: current.some((n) => nalType(n) === NAL.idr) });
    current = [];
    hasSlice = false;
  };
  for (const nal of nals) {
    const type = nalType(nal);
    const isSlice = type === NAL.slice || type === NAL.idr;
    const startsUnit = type === NAL.aud || (hasSlice && (type === NAL.sei || type === NAL.sps || type === NAL.pps || (isSlice && (nal[1] & 0x80) !== 0)));
    if (startsUnit) close();
    if (type === NAL.aud || type === NAL.filler) continue;
    current.push(nal);
    hasSlice ||= isSlice;
  }
  close();
  const sps = nals.find((n) => nalType(n) === NAL.sps);
  const pps = nals.find((n) => nalType(n) === NAL.pps);
  const first = units.findIndex((u) => u.keyframe);
  if (!sps || !pps || first < 0) throw new Error('the clip needs an SPS, a PPS and an IDR picture');
  return units.slice(first).map((u) => (u.keyframe && !u.nals.some((n) => nalType(n) === NAL.sps) ? { ...u, nals: [sps, pps, ...u.nals] } : u));
}

/** The SDP description of the stream (RFC 4566; the H.264 parameters of RFC 6184 §8.1). */
export function sdpFor(units, fps) {
  const nals = units.flatMap((u) => u.nals);
  const sps = nals.find((n) => nalType(n) === NAL.sps);
  const pps = nals.find((n) => nalType(n) === NAL.pps);
  // profile_idc, the constraint flags and level_idc: the three bytes after the SPS's NAL header.
  const profileLevelId = sps.subarray(1, 4).toString('hex');
  return [
    'v=0',
    `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=Site Command file camera',
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'a=control:*',
    `m=video 0 RTP/AVP ${PAYLOAD_TYPE}`,
    `a=rtpmap:${PAYLOAD_TYPE} H264/${RTP_CLOCK_HZ}`,
    `a=fmtp:${PAYLOAD_TYPE} packetization-mode=1;profile-level-id=${profileLevelId};sprop-parameter-sets=${sps.toString('base64')},${pps.toString('base64')}`,
    `a=framerate:${fps}`,
    'a=control:track1',
    '',
  ].join('\r\n');
}

// ---------------------------------------------------------------------------------------------
// RTP packets (RFC 3550 §5.1, RFC 6184 §5.6 and §5.8)

/** RTP payloads of one access unit: single NAL unit packets, or FU-A fragments of a larger NAL unit. */
export function rtpPayloads(nals, maxPayload = MAX_RTP_PAYLOAD) {
  const out = [];
  for (const nal of nals) {
    if (nal.length <= maxPayload) {
      out.push(nal);
      continue;
    }
    const indicator = (nal[0] & 0xe0) | 28; // F and NRI of the NAL unit, type 28 = FU-A
    const body = nal.subarray(1);
    const step = maxPayload - 2;
    for (let at = 0; at < body.length; at += step) {
      const start = at === 0 ? 0x80 : 0;
      const end = at + step >= body.length ? 0x40 : 0;
      out.push(Buffer.concat([Buffer.from([indicator, start | end | nalType(nal)]), body.subarray(at, at + step)]));
    }
  }
  return out;
}

/**
 * One access unit as interleaved RTP frames (`$`, channel, length, RTP packet; RFC 2326 §10.12),
 * built once: `stamp` copies it with this frame's channel, sequence numbers and timestamp.
 */
export function packetTemplate(nals, ssrc, maxPayload = MAX_RTP_PAYLOAD) {
  const payloads = rtpPayloads(nals, maxPayload);
  const buffer = Buffer.alloc(payloads.reduce((sum, p) => sum + 16 + p.length, 0));
  const offsets = [];
  let at = 0;
  payloads.forEach((payload, i) => {
    buffer[at] = 0x24;
    buffer.writeUInt16BE(12 + payload.length, at + 2);
    buffer[at + 4] = 0x80; // version 2, no padding, no extension, no CSRC
    buffer[at + 5] = (i === payloads.length - 1 ? 0x80 : 0) | PAYLOAD_TYPE; // marker on the access unit's last packet
    buffer.writeUInt32BE(ssrc >>> 0, at + 12);
    payload.copy(buffer, at + 16);
    offsets.push(at);
    at += 16 + payload.length;
  });
  return { buffer, offsets };
}

/** A copy of `template` for one frame; the packets take sequence numbers from `firstSeq` on. */
export function stamp(template, channel, firstSeq, timestamp) {
  const out = Buffer.from(template.buffer);
  template.offsets.forEach((at, i) => {
    out[at + 1] = channel;
    out.writeUInt16BE((firstSeq + i) & 0xffff, at + 6);
    out.writeUInt32BE(timestamp >>> 0, at + 8);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// RTSP (RFC 2326)

const REASONS = {
  200: 'OK',
  400: 'Bad Request',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  461: 'Unsupported Transport',
  501: 'Not Implemented',
  505: 'RTSP Version Not Supported',
};
const METHODS = ['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'GET_PARAMETER', 'TEARDOWN'];

/**
 * Splits a connection's bytes into requests and interleaved frames (RTCP from the client,
 * skipped); bounded. `malformed` says why the bytes after the complete `requests` make no request.
 */
function takeRequests(pending) {
  const requests = [];
  let buf = pending;
  const malformed = (why) => ({ requests, rest: buf, malformed: why });
  for (;;) {
    if (buf.length === 0) break;
    if (buf[0] === 0x0d || buf[0] === 0x0a) {
      buf = buf.subarray(1); // a bare CRLF between requests (some clients' keep-alive)
      continue;
    }
    if (buf[0] === 0x24) {
      if (buf.length < 4) break;
      const end = 4 + buf.readUInt16BE(2);
      if (buf.length < end) break;
      buf = buf.subarray(end);
      continue;
    }
    const headEnd = buf.indexOf('\r\n\r\n');
    if (headEnd < 0) {
      if (buf.length > MAX_HEAD_BYTES) return malformed('request head too long');
      break;
    }
    const lines = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
    const [method, uri, version, ...rest] = lines[0].split(' ');
    if (!method || !uri || !version || rest.length || !/^[A-Z_]+$/.test(method) || !/^RTSP\/\d\.\d$/.test(version)) return malformed(`bad request line: ${lines[0].slice(0, 80)}`);
    const headers = new Map();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) return malformed(`bad header line: ${line.slice(0, 80)}`);
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const length = Number(headers.get('content-length') ?? 0);
    if (!Number.isInteger(length) || length < 0 || length > MAX_BODY_BYTES) return malformed('bad Content-Length');
    if (buf.length < headEnd + 4 + length) break;
    requests.push({ method, uri, version, headers });
    buf = buf.subarray(headEnd + 4 + length);
  }
  return { requests, rest: buf, malformed: undefined };
}

/**
 * The first transport spec the server can serve (RFC 2326 §12.39): RTP/AVP/TCP, with the
 * client's interleaved channels or 0-1; undefined when the client offers only UDP.
 */
function pickTransport(header) {
  for (const spec of (header ?? '').split(',')) {
    const parts = spec.trim().split(';');
    if (parts[0]?.toUpperCase() !== 'RTP/AVP/TCP') continue;
    const interleaved = /^interleaved=(\d+)(?:-(\d+))?$/i.exec(parts.find((p) => /^interleaved=/i.test(p)) ?? '');
    const rtp = interleaved ? Number(interleaved[1]) : 0;
    if (rtp > 254) continue;
    return { channel: rtp, rtcp: interleaved?.[2] !== undefined ? Number(interleaved[2]) : rtp + 1 };
  }
  return undefined;
}

/** One RTSP connection (and its one session): states init → ready (SETUP) → waiting (PLAY, until an IDR) → playing. */
class RtspConnection {
  constructor(socket, camera) {
    this.socket = socket;
    this.camera = camera;
    this.pending = Buffer.alloc(0);
    this.state = 'init';
    this.sessionId = undefined;
    this.channel = 0;
    socket.setNoDelay(true);
    socket.setTimeout(SESSION_TIMEOUT_S * 1000, () => socket.destroy());
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
  }

  receive(chunk) {
    if (this.socket.writableEnded) return; // answered a malformed request; closing
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const parsed = takeRequests(this.pending);
    this.pending = parsed.malformed ? Buffer.alloc(0) : parsed.rest;
    for (const request of parsed.requests) this.answer(request);
    if (parsed.malformed) {
      this.camera.counters.badRequests++;
      // The framing is lost after a malformed request: answer it, then close this connection only.
      this.socket.end(this.response(undefined, 400));
    }
  }

  answer(request) {
    const cseq = request.headers.get('cseq');
    if (cseq === undefined || !/^\d+$/.test(cseq)) {
      this.camera.counters.badRequests++;
      return this.send(undefined, 400);
    }
    if (request.version !== 'RTSP/1.0') return this.send(cseq, 505);
    const session = request.headers.get('session')?.split(';')[0];
    if (session !== undefined && this.sessionId !== undefined && session !== this.sessionId) return this.send(cseq, 454);
    switch (request.method) {
      case 'OPTIONS':
        return this.send(cseq, 200, { Public: METHODS.join(', ') });
      case 'DESCRIBE': {
        const base = request.uri.endsWith('/') ? request.uri : `${request.uri}/`;
        return this.send(cseq, 200, { 'Content-Base': base, 'Content-Type': 'application/sdp' }, this.camera.sdp);
      }
      case 'SETUP': {
        const transport = pickTransport(request.headers.get('transport'));
        if (!transport) return this.send(cseq, 461);
        this.channel = transport.channel;
        this.sessionId ??= randomBytes(8).toString('hex');
        if (this.state === 'init') this.state = 'ready';
        return this.send(cseq, 200, {
          Transport: `RTP/AVP/TCP;unicast;interleaved=${transport.channel}-${transport.rtcp};ssrc=${this.camera.ssrc.toString(16).padStart(8, '0').toUpperCase()}`,
          Session: `${this.sessionId};timeout=${SESSION_TIMEOUT_S}`,
        });
      }
      case 'PLAY':
        if (this.state === 'init' || session === undefined) return this.send(cseq, this.state === 'init' ? 455 : 454);
        this.send(cseq, 200, { Session: this.sessionId, Range: 'npt=0.000-' });
        if (this.state === 'ready') this.state = 'waiting';
        return;
      case 'GET_PARAMETER':
        return this.send(cseq, 200, this.sessionId ? { Session: this.sessionId } : {});
      case 'TEARDOWN':
        this.state = 'init';
        this.sessionId = undefined;
        return this.send(cseq, 200);
      default:
        return this.send(cseq, 501, { Public: METHODS.join(', ') });
    }
  }

  response(cseq, code, headers = {}, body = '') {
    const lines = [`RTSP/1.0 ${code} ${REASONS[code]}`];
    if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
    lines.push('Server: Site Command file camera');
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
    return `${lines.join('\r\n')}\r\n\r\n${body}`;
  }

  send(cseq, code, headers, body) {
    if (!this.socket.writableEnded) this.socket.write(this.response(cseq, code, headers, body));
  }
}

// ---------------------------------------------------------------------------------------------
// The camera: one clip, one clock, every connection

/** A running file camera: `url('/cam7')` for each client path; `stats()`; `close()`. */
export class FileCamera {
  constructor(units, { fps, maxQueuedBytes, host }) {
    this.fps = fps;
    this.host = host;
    this.maxQueuedBytes = maxQueuedBytes;
    this.ssrc = randomBytes(4).readUInt32BE(0);
    this.sdp = sdpFor(units, fps);
    this.frames = units.map((u) => ({ keyframe: u.keyframe, template: packetTemplate(u.nals, this.ssrc), bytes: u.nals.reduce((s, n) => s + n.length, 0) }));
    this.connections = new Set();
    this.counters = { framesSent: 0, writes: 0, dropped: 0, badRequests: 0, lateTicks: 0, connectionsSeen: 0 };
    // RTP sequence numbers and timestamps start at random values (RFC 3550 §5.1) and run on forever.
    this.seq = randomBytes(2).readUInt16BE(0);
    this.frameCount = 0;
    this.timestampBase = randomBytes(4).readUInt32BE(0);
    this.server = createServer((socket) => this.accept(socket));
    this.timer = undefined;
    this.port = 0;
  }

  async listen(port) {
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = this.server.address().port;
    this.startClock();
    return this;
  }

  /** `rtsp://127.0.0.1:PORT/path`: any path serves the same stream. */
  url(path = '/cam') {
    return `rtsp://127.0.0.1:${this.port}${path.startsWith('/') ? path : `/${path}`}`;
  }

  stats() {
    const states = [...this.connections].map((c) => c.state);
    return {
      ...this.counters,
      connections: this.connections.size,
      playing: states.filter((s) => s === 'playing').length,
      waiting: states.filter((s) => s === 'waiting').length,
      clipFrames: this.frames.length,
      clipBytes: this.frames.reduce((s, f) => s + f.bytes, 0),
    };
  }

  async close() {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const c of this.connections) c.socket.destroy();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }

  accept(socket) {
    const connection = new RtspConnection(socket, this);
    this.connections.add(connection);
    this.counters.connectionsSeen++;
    socket.once('close', () => this.connections.delete(connection));
  }

  /** A drift-free schedule: frame k is due at start + k / fps, whatever each timer's own lateness. */
  startClock() {
    const period = 1000 / this.fps;
    let due = performance.now();
    const tick = () => {
      const now = performance.now();
      for (let sent = 0; due <= now && sent < MAX_CATCH_UP_FRAMES; sent++, due += period) this.sendFrame();
      if (due <= now) {
        this.counters.lateTicks++;
        due = now + period;
      }
      this.timer = setTimeout(tick, due - performance.now());
    };
    this.timer = setTimeout(tick, 0);
  }

  /** The next frame of the loop to every playing client: one buffer per interleaved channel, one write per client. */
  sendFrame() {
    const frame = this.frames[this.frameCount % this.frames.length];
    const timestamp = this.timestampBase + Math.round((this.frameCount * RTP_CLOCK_HZ) / this.fps);
    const firstSeq = this.seq;
    this.seq = (this.seq + frame.template.offsets.length) & 0xffff;
    this.frameCount++;
    const byChannel = new Map();
    for (const c of this.connections) {
      if (c.state === 'waiting' && frame.keyframe) c.state = 'playing';
      if (c.state !== 'playing' || c.socket.destroyed) continue;
      if (c.socket.writableLength > this.maxQueuedBytes) {
        this.counters.dropped++;
        c.socket.destroy();
        continue;
      }
      let data = byChannel.get(c.channel);
      if (!data) byChannel.set(c.channel, (data = stamp(frame.template, c.channel, firstSeq, timestamp)));
      c.socket.write(data);
      this.counters.writes++;
    }
    this.counters.framesSent++;
  }
}

/**
 * Starts a file camera on `host:port` (port 0: any free one). Takes `file` (H.264 Annex B) or
 * makes a testsrc2 clip of `width`×`height` at `fps` and `bitrate` kbit/s, `seconds` long.
 * `maxQueuedBytes` bounds what a slow client may have waiting before it is dropped (default 4 MiB:
 * about 8 s of a 4 Mbit/s stream).
 */
export async function startFileCamera({ port = 0, host = '127.0.0.1', fps = 25, file, maxQueuedBytes = 4 * 1024 * 1024, ...clip } = {}) {
  const path = file ?? (await makeClip({ fps, ...clip }));
  const units = accessUnits(nalUnits(readFileSync(path)));
  return new FileCamera(units, { fps, maxQueuedBytes, host }).listen(port);
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8554' },
      host: { type: 'string', default: '127.0.0.1' },
      width: { type: 'string', default: '1920' },
      height: { type: 'string', default: '1080' },
      fps: { type: 'string', default: '25' },
      bitrate: { type: 'string', default: '4000' },
      seconds: { type: 'string', default: '4' },
      file: { type: 'string' },
      'cache-dir': { type: 'string' },
      'max-queued-kib': { type: 'string', default: '4096' },
    },
  });
  const camera = await startFileCamera({
    port: Number(values.port),
    host: values.host,
    width: Number(values.width),
    height: Number(values.height),
    fps: Number(values.fps),
    bitrate: Number(values.bitrate),
    seconds: Number(values.seconds),
    file: values.file,
    cacheDir: values['cache-dir'] ?? defaultCacheDir(),
    maxQueuedBytes: Number(values['max-queued-kib']) * 1024,
  });
  process.stdout.write(`READY rtsp://127.0.0.1:${camera.port}/\n`);
  process.on('SIGUSR2', () => process.stdout.write(`STATS ${JSON.stringify(camera.stats())}\n`));
  const quit = () => void camera.close().then(() => process.exit(0));
  process.once('SIGTERM', quit);
  process.once('SIGINT', quit);
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
