import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/**
 * What the stand-in does with the WebRTC source's ffmpeg command line (webrtc-rtp-source.ts):
 * - `send`: prints the RTP muxer's SDP (H.264), then every 40 ms sends a STAP-A with SPS and PPS
 *   and an IDR to the `rtp://127.0.0.1:PORT` it was given, as ffmpeg with `dump_extra` does;
 * - `silent`: prints the SDP and sends nothing (a camera that answers and never streams);
 * - `fail`: says "Connection refused" and exits 1 at once (a camera that is down).
 * It prints its input (the `-i` argument) on stderr first, so a test can tell runs apart.
 */
export type FakeRtpMode = 'send' | 'silent' | 'fail';

const SCRIPT = `
import { createSocket } from 'node:dgram';
const [mode, ...args] = process.argv.slice(2);
process.stderr.write('input ' + args[args.indexOf('-i') + 1] + '\\n');
if (mode === 'fail') {
  process.stderr.write('Connection refused\\n');
  process.exit(1);
}
process.on('SIGTERM', () => process.exit(0));
process.stdout.write('SDP:\\nv=0\\nm=video 5004 RTP/AVP 96\\na=rtpmap:96 H264/90000\\n');
if (mode === 'silent') setInterval(() => undefined, 1000);
else {
  const port = Number(/^rtp:\\/\\/127\\.0\\.0\\.1:(\\d+)/.exec(args.at(-1))[1]);
  const socket = createSocket('udp4');
  const SPS = [0x67, 0x42, 0xc0, 0x1e, 0xda];
  const PPS = [0x68, 0xce, 0x3c, 0x80];
  const STAP_A = [0x18, 0, SPS.length, ...SPS, 0, PPS.length, ...PPS];
  const IDR = [0x65, 0x88, 1, 2, 3];
  let sequence = 0;
  let timestamp = 0;
  const send = (payload, marker) => {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = (marker ? 0x80 : 0) | 96;
    header.writeUInt16BE(sequence++ & 0xffff, 2);
    header.writeUInt32BE(timestamp >>> 0, 4);
    header.writeUInt32BE(0x5eed, 8);
    socket.send(Buffer.concat([header, Buffer.from(payload)]), port, '127.0.0.1');
  };
  setInterval(() => {
    send(STAP_A, false);
    send(IDR, true);
    timestamp += 3600;
  }, 40);
}
`;

/** An executable standing in for ffmpeg (run it with spawnGuard 'none': its pid is then the process itself). */
export function fakeRtpFfmpeg(mode: FakeRtpMode): string {
  const dir = tempDir('sc-fake-ffmpeg-');
  const script = join(dir, 'fake-ffmpeg.mjs');
  writeFileSync(script, SCRIPT);
  const path = join(dir, 'ffmpeg');
  writeFileSync(path, `#!/bin/sh\nexec '${process.execPath}' '${script}' ${mode} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Whether a process with this pid still exists (the source reaps its children, so an ended one is gone). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return true;
}
