import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../electron/core/sources/mqtt/backoff.js';
import { describeConnectionError, redactUrl } from '../../../electron/core/sources/mqtt/describe-error.js';
import { decodeJsonPayload, MAX_PAYLOAD_BYTES } from '../../../electron/core/sources/mqtt/payload.js';
import { deviceTopic, parseDeviceTopic } from '../../../electron/core/sources/mqtt/topics.js';

const NOW = Date.parse('2026-11-24T08:00:00Z');

describe('device topics', () => {
  it('round-trips telemetry and gate event topics', () => {
    expect(deviceTopic('demo', 'crane', 'crane-1')).toBe('site/demo/crane/crane-1/telemetry');
    expect(deviceTopic('demo', 'gate', 'g1')).toBe('site/demo/gate/g1/event');
    expect(parseDeviceTopic('site/demo/hoist/h1/telemetry')).toEqual({ siteId: 'demo', kind: 'hoist', deviceId: 'h1', channel: 'telemetry' });
  });

  it('ignores topics that are not device topics', () => {
    for (const t of ['site/demo/excavator/x/telemetry', 'site/demo/crane/c1', 'site/demo/crane/c1/status', 'other/demo/crane/c1/telemetry', 'site/demo/crane//telemetry']) {
      expect(parseDeviceTopic(t)).toBeNull();
    }
  });
});

describe('JSON payloads', () => {
  it('takes ts as ISO-8601 or epoch ms and keeps the other fields as values', () => {
    expect(decodeJsonPayload(Buffer.from('{"ts":"2026-11-24T07:59:00Z","pm10":80}'), NOW)).toEqual({ ok: true, ts: NOW - 60_000, deviceTime: true, values: { pm10: 80 } });
    expect(decodeJsonPayload(Buffer.from(`{"ts":${NOW - 1000},"pm10":80}`), NOW)).toMatchObject({ ts: NOW - 1000 });
    expect(decodeJsonPayload(Buffer.from('{"pm10":80}'), NOW)).toMatchObject({ ts: NOW, deviceTime: false });
  });

  it('rejects broken JSON, non-objects, bad, future and ancient timestamps, and oversize payloads', () => {
    const reason = (text: string | Buffer) => {
      const r = decodeJsonPayload(Buffer.isBuffer(text) ? text : Buffer.from(text), NOW);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason('{"pm10":')).toBe('payload is not valid JSON');
    expect(reason('[1,2]')).toBe('payload must be a JSON object');
    expect(reason('null')).toBe('payload must be a JSON object');
    expect(reason('{"ts":"yesterday"}')).toMatch(/^ts: expected/);
    expect(reason(`{"ts":${NOW + 10 * 60_000}}`)).toMatch(/future/);
    expect(reason(`{"ts":${NOW - 8 * 24 * 3600_000}}`)).toMatch(/7 days old/);
    expect(reason(Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 32))).toMatch(/exceeds/);
  });
});

describe('connection helpers', () => {
  it('backs off 1, 2, 4 … 30 s and resets', () => {
    const b = new Backoff();
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    b.reset();
    expect(b.next()).toBe(1000);
  });

  it('puts errors in words and keeps passwords out of labels', () => {
    expect(describeConnectionError({ code: 'ECONNREFUSED' })).toMatch(/connection refused/);
    expect(describeConnectionError({ code: 5 })).toBe('not authorized');
    expect(redactUrl('mqtt://user:secret@10.0.0.5:1883')).toBe('mqtt://10.0.0.5:1883');
    expect(redactUrl('not a url')).toBe('(invalid URL)');
  });
});
