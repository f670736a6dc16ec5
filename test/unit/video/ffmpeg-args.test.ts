import { describe, expect, it } from 'vitest';
import { fragmentationFlags, redactRtspUrl, redactUrlsInText, remuxArgs, transcodeArgs } from '../../../electron/core/video/ffmpeg-args.js';
import { classifyFfmpegStderr } from '../../../electron/core/video/stderr-reason.js';

describe('remux and transcode command lines', () => {
  const url = 'rtsp://admin:s3cret@10.0.0.9:554/Streaming/Channels/101';

  it('remuxes over TCP with short probing to low-latency fragmented MP4 on stdout', () => {
    const args = remuxArgs(url);
    const joined = args.join(' ');
    expect(joined).toContain('-rtsp_transport tcp');
    expect(joined).toContain('-probesize 32768 -analyzeduration 200000');
    expect(joined).toContain(`-i ${url} -map 0:v:0 -an -c:v copy -f mp4`);
    expect(joined).toContain('-movflags empty_moov+default_base_moof+frag_keyframe -frag_duration 100000');
    expect(args[args.length - 1]).toBe('pipe:1');
    expect(args.indexOf('-timeout')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-timeout') + 1]).toBe('5000000');
  });

  it('can cut fragments by duration instead (microseconds for ffmpeg)', () => {
    expect(fragmentationFlags({ mode: 'duration', ms: 150 })).toEqual(['-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', '150000']);
  });

  it('never passes analyzeduration 0, which ffmpeg reads as its 5 s default', () => {
    const args = remuxArgs(url, { analyzeDurationMs: 0 });
    expect(args[args.indexOf('-analyzeduration') + 1]).toBe('1');
  });

  it('transcodes to baseline H.264 at 640 wide with a 1 s GOP as the fallback', () => {
    const joined = transcodeArgs(url, { fps: 15, gop: 15 }).join(' ');
    expect(joined).toContain('-vf scale=640:-2,fps=15');
    expect(joined).toContain('-c:v libx264 -preset ultrafast -tune zerolatency');
    expect(joined).toContain('-g 15 -keyint_min 15');
    expect(joined).not.toContain('-c:v copy');
  });
});

describe('redactRtspUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(redactRtspUrl('rtsp://admin:s3cret@10.0.0.9:554/cam?channel=1')).toBe('rtsp://admin:***@10.0.0.9:554/cam?channel=1');
    expect(redactRtspUrl('rtsp://10.0.0.9/cam')).toBe('rtsp://10.0.0.9/cam');
    expect(redactRtspUrl('rtsp://admin:p%40ss%3Aw0rd@cam.local/live')).toBe('rtsp://admin:***@cam.local/live');
  });

  it('masks credentials inside ffmpeg stderr text', () => {
    const line = 'rtsp://admin:wrong@127.0.0.1:18555/cam: Server returned 401 Unauthorized (authorization failed)';
    expect(redactUrlsInText(line)).toBe('rtsp://admin:***@127.0.0.1:18555/cam: Server returned 401 Unauthorized (authorization failed)');
    expect(redactUrlsInText('Connection to tcp://127.0.0.1:18559?timeout=3000000 failed')).toBe('Connection to tcp://127.0.0.1:18559?timeout=3000000 failed');
  });
});

describe('classifyFfmpegStderr on lines captured from ffmpeg 5.1 against the GStreamer test camera', () => {
  it.each([
    [['[rtsp @ 0x55a65b4b5a00] method DESCRIBE failed: 401 Unauthorized', 'rtsp://admin:***@127.0.0.1:18555/cam: Server returned 401 Unauthorized (authorization failed)'], 'authentication failed'],
    [['[rtsp @ 0x55aba8798a00] method DESCRIBE failed: 404 Not Found', 'rtsp://admin:***@127.0.0.1:18555/nope: Server returned 404 Not Found'], 'not found'],
    [['[tcp @ 0x560df507e8c0] Connection to tcp://127.0.0.1:18559?timeout=3000000 failed: Connection refused', 'rtsp://127.0.0.1:18559/cam: Connection refused'], 'connection refused'],
    [['[tcp @ 0x5600] Connection to tcp://10.255.0.1:554?timeout=5000000 failed: Connection timed out'], 'timed out'],
    [['[tcp @ 0x5600] Connection to tcp://10.0.0.1:554?timeout=5000000 failed: No route to host'], 'unreachable'],
    [["Stream map '0:v:0' matches no streams.", 'To ignore this, add a trailing \'?\' to the map.'], 'no video'],
  ] as const)('%j → %s', (lines, reason) => {
    expect(classifyFfmpegStderr(lines)).toBe(reason);
  });

  it('returns null for lines it does not know', () => {
    expect(classifyFfmpegStderr(['rtsp://127.0.0.1:18561/cam: Invalid data found when processing input'])).toBeNull();
  });
});
