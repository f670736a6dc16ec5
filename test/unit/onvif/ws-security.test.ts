import { describe, expect, it } from 'vitest';
import { passwordDigest, securityHeader, usernameToken } from '../../../electron/core/onvif/ws-security.js';
import { parseXml } from '../../../electron/core/onvif/xml-parser.js';
import { NS, WSSE_PASSWORD_DIGEST } from '../../../electron/core/onvif/onvif-namespaces.js';
import { path } from '../../../electron/core/onvif/xml-query.js';

describe('WS-Security UsernameToken PasswordDigest', () => {
  it("matches the ONVIF Application Programmer's Guide example (§6.1.1.3)", () => {
    const nonce = Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64');
    expect(passwordDigest(nonce, '2010-09-16T07:50:45Z', 'userpassword')).toBe('tuOSpGlFlIXsozq4HFNeeGeFLEI=');
  });

  it('hashes the raw nonce, not its Base64 text', () => {
    const nonce = Buffer.from('LKqI6G/AikKCQrN0zqZFlg==', 'base64');
    const wrong = passwordDigest(Buffer.from('LKqI6G/AikKCQrN0zqZFlg=='), '2010-09-16T07:50:45Z', 'userpassword');
    expect(wrong).not.toBe(passwordDigest(nonce, '2010-09-16T07:50:45Z', 'userpassword'));
  });

  it('writes a token with a fresh nonce, second-precision UTC Created and the digest type', () => {
    const a = usernameToken('admin', 'pw', new Date('2026-12-06T01:02:03.456Z'));
    const b = usernameToken('admin', 'pw', new Date('2026-12-06T01:02:03.456Z'));
    expect(a.created).toBe('2026-12-06T01:02:03Z');
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.digest).toBe(passwordDigest(a.nonce, a.created, 'pw'));
    const xml = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header>${securityHeader({ ...a, username: 'a<&"b' })}</s:Header></s:Envelope>`;
    const token = path(parseXml(xml), 'Header', 'Security', 'UsernameToken');
    expect(token?.ns).toBe(NS.wsse);
    expect(path(token, 'Username')?.text).toBe('a<&"b');
    expect(path(token, 'Password')?.attributes.Type).toBe(WSSE_PASSWORD_DIGEST);
    expect(path(token, 'Nonce')?.text).toBe(a.nonce.toString('base64'));
    expect(path(token, 'Created')?.ns).toBe(NS.wsu);
  });
});
