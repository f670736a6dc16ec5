import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebRtcRtpSource } from '../../../electron/core/video/webrtc-rtp-source.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterAll(() => removeTempDirs());

/** A stand-in for ffmpeg that prints the SDP its RTP muxer would print for `encoding`, then idles. */
function fakeFfmpeg(encoding: string): string {
  const path = join(tempDir(), 'ffmpeg');
  writeFileSync(path, `#!/bin/sh\nprintf 'SDP:\\nv=0\\nm=video 5004 RTP/AVP 96\\na=rtpmap:96 ${encoding}/90000\\n'\nexec sleep 30\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('the WebRTC RTP source reads the codec from ffmpeg’s SDP', () => {
  it('an H.265 camera: no wait for an H.264 SPS, the codec is named at once', async () => {
    const source = new WebRtcRtpSource({ label: 'cam', inputUrl: () => 'rtsp://127.0.0.1:1/x', ffmpegPath: fakeFfmpeg('H265'), spawnGuard: 'none', graceMs: 1 });
    const unsubscribe = source.subscribe(() => undefined);
    try {
      // Resolves when the SDP arrives, long before the 20-s timeout (vitest's 5-s test limit would fail first).
      expect(await source.profileLevelId(20_000)).toBeUndefined();
      expect(source.codec).toBe('H265');
    } finally {
      unsubscribe();
      await source.stop();
    }
    expect(source.ffmpegPid).toBeUndefined();
  });

  it('an H.264 camera: the codec is H264 and the profile still waits for the SPS', async () => {
    const source = new WebRtcRtpSource({ label: 'cam', inputUrl: () => 'rtsp://127.0.0.1:1/x', ffmpegPath: fakeFfmpeg('H264'), spawnGuard: 'none', graceMs: 1 });
    const unsubscribe = source.subscribe(() => undefined);
    try {
      await expect.poll(() => source.codec, { timeout: 3_000, interval: 20 }).toBe('H264');
      expect(await source.profileLevelId(50)).toBeUndefined(); // no packets: no SPS, waits its timeout
    } finally {
      unsubscribe();
      await source.stop();
    }
  });
});
