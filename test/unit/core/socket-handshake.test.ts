import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originAllowed, parseAuthMessage } from '../../../electron/core/api/socket-handshake.js';

const text = (s: string) => Buffer.from(s);

describe('socket handshake', () => {
  it('takes only {type:"auth", token: string} as the first message', () => {
    expect(parseAuthMessage(text('{"type":"auth","token":"abc"}'), false)).toEqual({ token: 'abc' });
    for (const bad of ['{"type":"auth","token":1}', '{"type":"auth","token":{"toString":1}}', '{"type":"auth"}', '{"type":"auth","token":""}', 'null', '[]', '"auth"', '{', '{"type":"other","token":"abc"}', `{"type":"auth","token":"${'x'.repeat(600)}"}`]) {
      expect(parseAuthMessage(text(bad), false), bad).toEqual({ close: 4400, reason: 'malformed message' });
    }
    expect(parseAuthMessage(text('{"type":"auth","token":"abc"}'), true)).toMatchObject({ close: 4400 });
    expect(parseAuthMessage([text('{"type":"auth",'), text('"token":"t"}')], false)).toEqual({ token: 't' });
  });

  it('allows no Origin, the console’s own origin and configured wall origins only', () => {
    const req = (origin: string | undefined, host = 'console.site.lan:8420') => ({ headers: { origin, host } }) as unknown as IncomingMessage;
    const walls = ['https://wall.site.lan', 'http://10.0.0.20:8080/'];
    expect(originAllowed(req(undefined), walls)).toBe(true);
    expect(originAllowed(req('http://console.site.lan:8420'), walls)).toBe(true);
    expect(originAllowed(req('https://console.site.lan:8420'), walls)).toBe(true);
    expect(originAllowed(req('https://wall.site.lan'), walls)).toBe(true);
    expect(originAllowed(req('http://10.0.0.20:8080'), walls)).toBe(true);
    expect(originAllowed(req('file://'), ['file://'])).toBe(true);
    expect(originAllowed(req('null'), ['file://'])).toBe(false);
    expect(originAllowed(req('file://'), walls)).toBe(false);
    for (const bad of ['http://evil.example', 'http://console.site.lan:8421', 'http://console.site.lan', 'null', 'https://wall.site.lan:444', 'not a url']) {
      expect(originAllowed(req(bad), walls), bad).toBe(false);
    }
  });
});
