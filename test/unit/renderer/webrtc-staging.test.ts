import { describe, expect, it } from 'vitest';
import { firstPath, forcedPath, nextPath, WEBRTC_RETRIES_AFTER_PLAYING, type PathChoice } from '../../../renderer/src/video/webrtc-staging.js';

const WEBRTC: PathChoice = { path: 'webrtc', why: 'best' };
const MSE: PathChoice = { path: 'mse', why: 'webrtcFailed' };

describe('the staged fallback WebRTC → MSE → transcode', () => {
  it('starts with WebRTC, or MSE where the browser has none, or what the URL forces', () => {
    expect(firstPath(null, true)).toEqual({ path: 'webrtc', why: 'best' });
    expect(firstPath(null, false)).toEqual({ path: 'mse', why: 'noWebRtc' });
    expect(firstPath('fallback', true)).toEqual({ path: 'fallback', why: 'forced' });
  });

  it('reads ?videoPath= and ignores anything else', () => {
    expect(forcedPath('?videoPath=webrtc')).toBe('webrtc');
    expect(forcedPath('?layout=4&videoPath=mse')).toBe('mse');
    expect(forcedPath('?videoPath=fallback')).toBe('fallback');
    expect(forcedPath('?videoPath=hls')).toBeNull();
    expect(forcedPath('')).toBeNull();
  });

  it('takes MSE when WebRTC fails before its first frame, keeping the reason', () => {
    expect(nextPath(WEBRTC, { hadFrames: false, kind: 'other', detail: 'not connected in 6 s' }, null, 0)).toEqual({ path: 'mse', why: 'webrtcFailed', detail: 'not connected in 6 s' });
  });

  it('retries WebRTC after a drop that followed frames, then settles on MSE', () => {
    const drop = { hadFrames: true, kind: 'other' as const, detail: 'no frame for 4 s' };
    for (let drops = 0; drops < WEBRTC_RETRIES_AFTER_PLAYING; drops++) expect(nextPath(WEBRTC, drop, null, drops).path).toBe('webrtc');
    expect(nextPath(WEBRTC, drop, null, WEBRTC_RETRIES_AFTER_PLAYING)).toMatchObject({ path: 'mse', why: 'webrtcUnstable' });
  });

  it('goes from MSE to the transcode only for a codec the browser cannot decode', () => {
    expect(nextPath(MSE, { hadFrames: false, kind: 'codec', detail: 'hev1.1.6.L93.B0' }, null, 0)).toMatchObject({ path: 'fallback', why: 'codecUnsupported' });
    expect(nextPath(MSE, { hadFrames: true, kind: 'other', detail: 'stalled' }, null, 0)).toBe(MSE);
  });

  it('never leaves a forced path', () => {
    for (const forced of ['webrtc', 'mse', 'fallback'] as const) {
      expect(nextPath({ path: forced, why: 'forced' }, { hadFrames: false, kind: 'codec', detail: 'x' }, forced, 9).path).toBe(forced);
    }
  });
});
