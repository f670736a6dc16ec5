import { describe, expect, it } from 'vitest';
import { RtspAuthorizer, parseChallenges, pickChallenge } from '../../../electron/core/video/rtsp-authorization.js';
import { RtspFramer } from '../../../electron/core/video/rtsp-framing.js';

// RFC 7616 §3.9.1: the worked example, once with SHA-256 and once with MD5.
const CHALLENGE = [
  'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
];
const CREDENTIALS = { username: 'Mufasa', password: 'Circle of Life' };
const CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

describe('RTSP authorization', () => {
  it('answers the RFC 7616 example with SHA-256 (preferred) and with MD5', () => {
    const challenges = parseChallenges(CHALLENGE);
    expect(challenges).toHaveLength(2);
    const chosen = pickChallenge(challenges)!;
    expect(chosen.params.algorithm).toBe('SHA-256');
    const sha = new RtspAuthorizer(chosen, CREDENTIALS, () => CNONCE).header('GET', '/dir/index.html');
    expect(sha).toContain('response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"');
    expect(sha).toContain('nc=00000001');
    const md5 = new RtspAuthorizer(challenges[1]!, CREDENTIALS, () => CNONCE).header('GET', '/dir/index.html');
    expect(md5).toContain('response="8ca523f5e9506fed4657c9700eebdbec"');
    expect(md5).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"');
  });

  it('counts nonce uses within one session', () => {
    const auth = new RtspAuthorizer(parseChallenges([CHALLENGE[1]!])[0]!, CREDENTIALS, () => CNONCE);
    auth.header('DESCRIBE', 'rtsp://cam/x');
    expect(auth.header('SETUP', 'rtsp://cam/x/stream=0')).toContain('nc=00000002');
  });

  it('prefers Digest over Basic when a camera offers both in one header, and answers Basic otherwise', () => {
    const both = parseChallenges(['Basic realm="cam", Digest realm="cam", nonce="abc"']);
    expect(both.map((c) => c.scheme)).toEqual(['basic', 'digest']);
    expect(pickChallenge(both)!.scheme).toBe('digest');
    const basic = pickChallenge(parseChallenges(['Basic realm="IP Camera"']))!;
    expect(new RtspAuthorizer(basic, { username: 'admin', password: 'p:w' }).header('DESCRIBE', '*')).toBe(`Basic ${Buffer.from('admin:p:w').toString('base64')}`);
    // RFC 2069 form (no qop): response = H(HA1:nonce:HA2).
    const plain = new RtspAuthorizer(pickChallenge(parseChallenges(['Digest realm="r", nonce="n"']))!, { username: 'u', password: 'p' }).header('DESCRIBE', 'rtsp://h/c');
    expect(plain).not.toContain('qop=');
    expect(pickChallenge(parseChallenges(['Digest realm="r", nonce="n", algorithm=SHA-512-256']))).toBeNull();
  });
});

describe('RTSP framing', () => {
  it('splits interleaved frames and messages across chunk boundaries', () => {
    const framer = new RtspFramer();
    const frame = Buffer.concat([Buffer.from([0x24, 0, 0, 3]), Buffer.from('abc')]);
    const message = Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 4\r\n\r\nv=0\n');
    const all = Buffer.concat([frame, message, frame]);
    const units = [...all].map((b) => framer.push(Buffer.from([b]))).flat();
    expect(units.map((u) => u.kind)).toEqual(['frame', 'message', 'frame']);
    expect(units[1]).toMatchObject({ kind: 'message', body: Buffer.from('v=0\n') });
  });

  it('refuses a head or body past its bound instead of buffering it', () => {
    expect(() => new RtspFramer().push(Buffer.alloc(20_000, 0x41))).toThrow(/too long/);
    expect(() => new RtspFramer().push(Buffer.from('RTSP/1.0 200 OK\r\nContent-Length: 999999\r\n\r\n'))).toThrow(/too long/);
  });
});
