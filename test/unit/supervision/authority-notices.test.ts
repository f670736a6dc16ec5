import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DownlinkMessage } from '../../../electron/common/supervision.js';
import { createNoticeReceiver } from '../../../electron/core/uplink/notice-receiver.js';
import type { Outbox } from '../../../electron/core/uplink/outbox.js';
import { downlinkSignatureValid, signDownlink } from '../../../electron/core/uplink/notice-signature.js';
import { checkNoticeInput } from '../../../electron/supervision/authority/notices.js';
import { siteStatus } from '../../../electron/supervision/authority/sites.js';
import { summary } from '../../helpers/authority-fixture.js';

const authority = generateKeyPairSync('ed25519');
const publicPem = authority.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const message: DownlinkMessage = {
  v: 1,
  messageId: 'm-1',
  type: 'notice',
  noticeId: 'AN-20260101-0000ABCD',
  site: 'site-a01',
  at: 1_767_225_600_000,
  by: 'inspector',
  notice: { kind: 'stop-work', title: '深基坑变形超限', body: '立即停工', dueDate: '2026-01-02', evidence: [{ type: 'alarm', ref: 'A-1' }], issuer: '主管部门 张三' },
};

describe('downlink signatures', () => {
  it('verify with the authority key and fail on any change or another key', () => {
    const signed = signDownlink(message, authority.privateKey);
    expect(downlinkSignatureValid(signed, publicPem)).toBe(true);
    expect(downlinkSignatureValid({ ...signed, site: 'site-a02' }, publicPem)).toBe(false);
    expect(downlinkSignatureValid({ ...signed, notice: { ...signed.notice!, kind: 'rectification' } }, publicPem)).toBe(false);
    expect(downlinkSignatureValid(signDownlink(message, generateKeyPairSync('ed25519').privateKey), publicPem)).toBe(false);
    expect(downlinkSignatureValid({ ...signed, signature: undefined }, publicPem)).toBe(false);
    expect(downlinkSignatureValid({ ...signed, signature: 'not base64 at all!' }, publicPem)).toBe(false);
  });
});

describe('notice receiver refusals', () => {
  const outbox = { firstDelivery: () => true } as unknown as Outbox;
  const receiver = createNoticeReceiver({ siteId: 'site-a01', outbox, log: () => undefined, authorityPublicKey: () => publicPem });
  it('refuses garbage, another site, a forged or missing signature, counting each, applying nothing', async () => {
    await receiver.handle(Buffer.from('{not json'));
    await receiver.handle(Buffer.from(JSON.stringify({ v: 2 })));
    await receiver.handle(Buffer.from(JSON.stringify(signDownlink({ ...message, site: 'site-b02' }, authority.privateKey))));
    await receiver.handle(Buffer.from(JSON.stringify({ ...message, signature: undefined })));
    await receiver.handle(Buffer.from(JSON.stringify(signDownlink(message, generateKeyPairSync('ed25519').privateKey))));
    const stats = receiver.stats();
    expect(stats).toMatchObject({ applied: 0, refused: 5 });
    expect(stats.lastRefusal).toMatch(/signature does not verify/);
  });
});

describe('authority side', () => {
  it('a site status: offline beats everything; critical alarms and blacklisted devices are critical', () => {
    expect(siteStatus(null, null)).toBe('no-data');
    expect(siteStatus(summary({ openAlarms: { critical: 3, high: 0, medium: 0, low: 0 } }), 600)).toBe('offline');
    expect(siteStatus(summary({ blacklistedDevicesInUse: 1 }), 5)).toBe('critical');
    expect(siteStatus(summary({ overdueRectifications: 1 }), 5)).toBe('warning');
    expect(siteStatus(summary(), 5)).toBe('normal');
  });

  it('checks a notice field by field', () => {
    const ok = { siteId: 'site-a01', kind: 'rectification', title: 't', body: 'b', dueDate: '2026-01-02', evidence: [{ type: 'clip', ref: 'c-1' }] };
    expect(checkNoticeInput(ok).evidence).toEqual([{ type: 'clip', ref: 'c-1' }]);
    expect(() => checkNoticeInput({ ...ok, siteId: 'Site A' })).toThrow(/not a site id/);
    expect(() => checkNoticeInput({ ...ok, dueDate: '2026-13-45' })).toThrow(/dueDate/);
    expect(() => checkNoticeInput({ ...ok, title: '  ' })).toThrow(/"title" is required/);
    expect(() => checkNoticeInput({ ...ok, evidence: [{ type: 'rumour', ref: 'x' }] })).toThrow(/evidence 1/);
    expect(() => checkNoticeInput(null)).toThrow(/siteId/);
  });
});
