import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SDP_CHARS, parseWebRtcFromBrowser, parseWebRtcFromCore } from '../../../electron/common/video-path.js';
import { isMdnsCandidate } from '../../../electron/core/video/webrtc-candidate.js';

const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n';

describe('WebRTC signalling from the browser', () => {
  it('accepts an answer and candidates as browsers send them', () => {
    expect(parseWebRtcFromBrowser(JSON.stringify({ type: 'webrtc-answer', sdp: SDP }))).toEqual({ ok: true, message: { type: 'webrtc-answer', sdp: SDP } });
    const candidate = 'candidate:842163049 1 udp 1677729535 3f2a.local 54321 typ host generation 0 ufrag abcd network-cost 999';
    expect(parseWebRtcFromBrowser(JSON.stringify({ type: 'webrtc-candidate', candidate, sdpMid: '0', sdpMLineIndex: 0 }))).toMatchObject({ ok: true, message: { candidate, sdpMid: '0', sdpMLineIndex: 0 } });
    // End of candidates (RTCIceCandidate with an empty candidate string).
    expect(parseWebRtcFromBrowser(JSON.stringify({ type: 'webrtc-candidate', candidate: '', sdpMid: null, sdpMLineIndex: null }))).toMatchObject({ ok: true });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['an array', '[1]', /not a JSON object/],
    ['an unknown type', '{"type":"exec","cmd":"rm"}', /unknown message type/],
    ['no type', '{}', /unknown message type/],
    ['an answer without SDP', '{"type":"webrtc-answer"}', /sdp must be a string/],
    ['an answer that is not SDP', '{"type":"webrtc-answer","sdp":"hello"}', /v=0/],
    ['an oversized SDP', JSON.stringify({ type: 'webrtc-answer', sdp: `v=0\r\n${'a'.repeat(MAX_SDP_CHARS)}` }), /longer than/],
    ['control characters in SDP', JSON.stringify({ type: 'webrtc-answer', sdp: 'v=0\r\n\u0000' }), /printable/],
    ['extra fields', JSON.stringify({ type: 'webrtc-answer', sdp: SDP, __proto__x: 1 }), /unexpected fields/],
    ['a candidate that is not one', '{"type":"webrtc-candidate","candidate":"x","sdpMid":"0","sdpMLineIndex":0}', /not an ICE candidate/],
    ['a multi-line candidate', JSON.stringify({ type: 'webrtc-candidate', candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host\r\na=x', sdpMid: '0', sdpMLineIndex: 0 }), /not an ICE candidate/],
    ['a negative m-line index', '{"type":"webrtc-candidate","candidate":"","sdpMid":"0","sdpMLineIndex":-1}', /sdpMLineIndex/],
    ['an object as sdpMid', '{"type":"webrtc-candidate","candidate":"","sdpMid":{},"sdpMLineIndex":0}', /sdpMid/],
  ])('refuses %s with a clear error', (_what, text, error) => {
    const parsed = parseWebRtcFromBrowser(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('never throws, and accepts only the two message types, whatever arrives (fuzzed)', () => {
    const message = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json({ maxDepth: 3 }),
      fc.record({ type: fc.constantFrom('webrtc-answer', 'webrtc-candidate', 'webrtc-offer', 'auth'), sdp: fc.oneof(fc.string(), fc.constant(SDP), fc.integer()), candidate: fc.oneof(fc.string(), fc.constant('candidate:1 1 udp 1 1.2.3.4 5 typ host')), sdpMid: fc.oneof(fc.string(), fc.constant(null), fc.integer()), sdpMLineIndex: fc.oneof(fc.integer(), fc.double(), fc.constant(null)) }, { requiredKeys: ['type'] }).map((m) => JSON.stringify(m)),
    );
    fc.assert(
      fc.property(message, (text) => {
        const parsed = parseWebRtcFromBrowser(text);
        if (parsed.ok) expect(['webrtc-answer', 'webrtc-candidate']).toContain(parsed.message.type);
        else expect(parsed.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('mDNS candidates (the core skips them: werift would block the connection on a 10-s lookup)', () => {
  it.each([
    ['candidate:842163049 1 udp 1677729535 3f2a-11.local 54321 typ host generation 0', true],
    ['a=candidate:1 1 udp 2122260223 ABCD.LOCAL 5000 typ host', true],
    ['candidate:1 1 udp 2122260223 192.168.1.20 5000 typ host', false],
    ['candidate:1 1 udp 1686052607 203.0.113.7 5000 typ srflx raddr 0.0.0.0 rport 0', false],
    ['candidate:1 1 udp 2122260223 fe80::1 5000 typ host', false],
    ['candidate:1 1 udp', false],
    ['', false],
  ])('%s → %s', (line, mdns) => {
    expect(isMdnsCandidate(line)).toBe(mdns);
  });
});

describe('WebRTC signalling from the core (the renderer side)', () => {
  it('reads offers and errors, and leaves the MSE messages to the socket', () => {
    expect(parseWebRtcFromCore(JSON.stringify({ type: 'webrtc-offer', sdp: SDP }))).toEqual({ ok: true, message: { type: 'webrtc-offer', sdp: SDP } });
    expect(parseWebRtcFromCore('{"type":"webrtc-error","code":"busy","reason":"full"}')).toEqual({ ok: true, message: { type: 'webrtc-error', code: 'busy', reason: 'full' } });
    expect(parseWebRtcFromCore('{"type":"webrtc-error","code":"weird"}')).toMatchObject({ ok: true, message: { code: 'failed', reason: '' } });
    expect(parseWebRtcFromCore('{"type":"status","state":"live"}')).toBeNull();
  });
});
