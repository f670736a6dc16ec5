import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UPLINK_KINDS, UPLINK_MAX_BYTES, type UplinkEnvelope } from '../../../electron/common/supervision.js';
import { validateUplink } from '../../../electron/supervision/uplink-validation.js';
import { simSummary } from '../../helpers/sim-uplink-site.js';

const registered = new Set(['site-001', 'site-002']);
const isRegistered = (id: string) => registered.has(id);
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const envelope = (over: Partial<UplinkEnvelope> = {}): UplinkEnvelope => ({ v: 1, site: 'site-001', seq: 42, kind: 'summary', at: Date.UTC(2026, 11, 6), body: simSummary(3), ...over });

describe('validateUplink', () => {
  it('takes a well-formed summary on its own site\'s subject', () => {
    const v = validateUplink('sc.up.site-001.summary', bytes(envelope()), isRegistered);
    expect(v.ok).toBe(true);
  });

  it.each([
    ['garbage bytes', 'sc.up.site-001.summary', Buffer.from([0xff, 0, 1]), /not JSON/],
    ['another site in the envelope', 'sc.up.site-001.summary', bytes(envelope({ site: 'site-002' })), /claims site "site-002"/],
    ['an unregistered site', 'sc.up.site-999.summary', bytes(envelope({ site: 'site-999' })), /not registered/],
    ['a kind other than the subject\'s', 'sc.up.site-001.alarm', bytes(envelope()), /differs from the subject/],
    ['a negative seq', 'sc.up.site-001.summary', bytes(envelope({ seq: -1 })), /seq/],
    ['a summary with a word for a number', 'sc.up.site-001.summary', bytes(envelope({ body: { ...simSummary(1), headcount: 'many' } })), /summary invalid: headcount/],
    ['an extra envelope field', 'sc.up.site-001.summary', bytes({ ...envelope(), admin: true }), /envelope invalid/],
    ['a subject outside sc.up', 'sc.down.site-001.notice', bytes(envelope()), /subject/],
    ['an unknown kind', 'sc.up.site-001.selfie', bytes(envelope()), /unknown kind/],
    ['a date PostgreSQL would refuse', 'sc.up.site-001.summary', bytes(envelope({ at: 8.64e15 })), /at/],
    ['a notice receipt without ids', 'sc.up.site-001.notice-receipt', bytes(envelope({ kind: 'notice-receipt', body: { messageIds: [] } })), /notice receipt invalid/],
    ['a notice receipt with 51 ids', 'sc.up.site-001.notice-receipt', bytes(envelope({ kind: 'notice-receipt', body: { messageIds: Array.from({ length: 51 }, (_, i) => `m${i}`) } })), /notice receipt invalid/],
    ['a notice receipt with a number for an id', 'sc.up.site-001.notice-receipt', bytes(envelope({ kind: 'notice-receipt', body: { messageIds: [7] } })), /notice receipt invalid/],
    ['an oversized payload', 'sc.up.site-001.summary', Buffer.alloc(UPLINK_MAX_BYTES + 1, 0x20), /over/],
  ])('refuses %s with its reason', (_name, subject, payload, reason) => {
    const v = validateUplink(subject, payload, isRegistered);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(reason);
  });

  it('takes a site\'s receipt for the downlink messages it holds', () => {
    const v = validateUplink('sc.up.site-001.notice-receipt', bytes(envelope({ kind: 'notice-receipt', body: { messageIds: ['6f1c0d2e-1'] } })), isRegistered);
    expect(v.ok).toBe(true);
  });

  it('names the subject\'s site in a refusal, so it is counted against the sender', () => {
    const v = validateUplink('sc.up.site-001.summary', bytes('nope'), isRegistered);
    expect(v).toMatchObject({ ok: false, siteId: 'site-001' });
  });

  it('never throws and never accepts a forgery, whatever the subject and bytes (fuzz)', () => {
    const subject = fc.oneof(
      fc.constantFrom('sc.up.site-001.summary', 'sc.up.site-002.alarm', 'sc.up..summary', 'sc.up.site-001', '>', ''),
      fc.tuple(fc.constantFrom('site-001', 'site-002', 'x', 'SITE-001', 'site-001.x'), fc.constantFrom(...UPLINK_KINDS, 'evil')).map(([s, k]) => `sc.up.${s}.${k}`),
      fc.string(),
    );
    const value = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.jsonValue().map((j) => bytes(j)),
      fc
        .record({
          v: fc.oneof(fc.constant(1), fc.integer()),
          site: fc.constantFrom('site-001', 'site-002', 'site-003', ''),
          seq: fc.oneof(fc.integer(), fc.double()),
          kind: fc.constantFrom(...UPLINK_KINDS, 'evil'),
          at: fc.oneof(fc.constant(Date.UTC(2026, 0, 1)), fc.integer(), fc.double()),
          body: fc.oneof(fc.jsonValue(), fc.constant(simSummary(1))),
        })
        .map((e) => bytes(e)),
    );
    fc.assert(
      fc.property(subject, value, (s, payload) => {
        const v = validateUplink(s, payload, isRegistered);
        if (v.ok) {
          // Accepted only on the envelope's own registered site's subject, with a positive integer seq.
          expect(s).toBe(`sc.up.${v.envelope.site}.${v.envelope.kind}`);
          expect(registered.has(v.envelope.site)).toBe(true);
          expect(Number.isSafeInteger(v.envelope.seq) && v.envelope.seq > 0).toBe(true);
        } else {
          expect(v.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
