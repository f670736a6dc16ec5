import { createCipheriv, createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATFORM_CODES } from '../../../electron/core/realname-platform/methods.js';
import { decryptField, encryptField, parsePlatformTimestamp, platformTimestamp, signParams } from '../../../electron/core/realname-platform/signature.js';
import { parsePlatformCall } from '../../../electron/core/sim/realname-platform/request-parser.js';

const SECRET = '0123456789abcdefFEDCBA9876543210';

describe('real-name platform signature', () => {
  it('signs the sorted name=value pairs plus &appsecret=, lower-cased, with SHA-256 (a fixed vector)', () => {
    const params = { version: '1.0', method: 'Team.Add', appid: 'APP1', timestamp: '20261206120000', nonce: 'ab', format: 'json', data: '{"teamName":"钢筋一班"}' };
    // Written out by hand: the order and the string are the rule, not a second copy of the code.
    const text = 'appid=APP1&data={"teamName":"钢筋一班"}&format=json&method=Team.Add&nonce=ab&timestamp=20261206120000&version=1.0&appsecret=0123456789abcdefFEDCBA9876543210';
    expect(signParams(params, SECRET)).toBe(createHash('sha256').update(text.toLowerCase(), 'utf8').digest('hex'));
    expect(signParams({ ...params, sign: 'ignored', empty: '' }, SECRET)).toBe(signParams(params, SECRET));
    expect(signParams({ ...params, nonce: 'ac' }, SECRET)).not.toBe(signParams(params, SECRET));
    expect(signParams(params, SECRET)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('encrypts ID numbers with AES-128-CBC, key and IV the secret\'s first 16 bytes, Base64 (checked against node:crypto directly)', () => {
    const id = '11010119800101001X';
    const key = Buffer.from('0123456789abcdef');
    const c = createCipheriv('aes-128-cbc', key, key);
    const expected = Buffer.concat([c.update(id, 'utf8'), c.final()]).toString('base64');
    expect(encryptField(id, SECRET)).toBe(expected);
    expect(decryptField(expected, SECRET)).toBe(id);
    expect(() => decryptField(expected, 'another-secret-of-32-characters!')).toThrow();
    expect(() => encryptField(id, 'short')).toThrow(/16 bytes/);
  });

  it('writes and reads timestamps in China Standard Time', () => {
    const at = Date.parse('2026-12-06T04:05:06Z');
    expect(platformTimestamp(at)).toBe('20261206120506');
    expect(parsePlatformTimestamp('20261206120506')).toBe(at);
    expect(parsePlatformTimestamp('2026-12-06')).toBeNull();
  });
});

describe('the fake platform\'s request parser', () => {
  const keys = { appId: 'APP1', appSecret: SECRET, now: Date.parse('2026-12-06T04:00:00Z') };
  const signed = (over: Record<string, string> = {}) => {
    const p: Record<string, string> = { appid: 'APP1', method: 'Team.Add', version: '1.0', format: 'json', timestamp: platformTimestamp(keys.now), nonce: 'n1', data: '{"a":1}', ...over };
    return new URLSearchParams({ ...p, sign: signParams(p, SECRET) }).toString();
  };

  it('takes a well-signed call and refuses a bad signature, a stale timestamp, a wrong app id, bad data', () => {
    expect(parsePlatformCall(Buffer.from(signed()), 'application/x-www-form-urlencoded', keys).ok).toBe(true);
    const tampered = signed().replace('n1', 'n2');
    expect(parsePlatformCall(Buffer.from(tampered), undefined, keys)).toMatchObject({ ok: false, code: PLATFORM_CODES.badSign });
    const stale = signed({ timestamp: platformTimestamp(keys.now - 11 * 60_000) });
    expect(parsePlatformCall(Buffer.from(stale), undefined, keys)).toMatchObject({ ok: false, code: PLATFORM_CODES.staleTimestamp });
    expect(parsePlatformCall(Buffer.from(signed({ appid: 'APP2' })), undefined, keys)).toMatchObject({ ok: false, code: PLATFORM_CODES.badAppId });
    expect(parsePlatformCall(Buffer.from(signed({ data: '[1' })), undefined, keys)).toMatchObject({ ok: false, code: PLATFORM_CODES.badData });
  });

  it('never throws on garbage and always answers a known code (property-based)', () => {
    const known = new Set<string>(Object.values(PLATFORM_CODES));
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
      fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
      fc.dictionary(fc.constantFrom('appid', 'method', 'version', 'timestamp', 'nonce', 'data', 'sign', '__proto__', 'constructor'), fc.string({ maxLength: 40 })).map((d) => Buffer.from(new URLSearchParams(d).toString())),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
    );
    fc.assert(
      fc.property(bodies, fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded'), (body, type) => {
        const r = parsePlatformCall(body, type, keys);
        if (!r.ok) expect(known.has(r.code)).toBe(true);
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
