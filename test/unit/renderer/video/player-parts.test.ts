import { describe, expect, it } from 'vitest';
import { AppendQueue } from '../../../../renderer/src/video/append-queue.js';
import { FINAL_CLOSE_CODES, reconnectDelayMs } from '../../../../renderer/src/video/backoff.js';
import { codecFamily, mseMimeType } from '../../../../renderer/src/video/codec-support.js';
import { offlineReasonKey } from '../../../../renderer/src/views/cameras/offline-reason.js';
import { en } from '../../../../renderer/src/i18n/en.js';
import { zhCN } from '../../../../renderer/src/i18n/zh-CN.js';

describe('AppendQueue', () => {
  it('is bounded by count and by bytes, counts what it drops, and empties on overflow', () => {
    const q = new AppendQueue(3, 1000);
    expect(q.push(new ArrayBuffer(100))).toBe(true);
    expect(q.push(new ArrayBuffer(100))).toBe(true);
    expect(q.push(new ArrayBuffer(100))).toBe(true);
    expect(q.push(new ArrayBuffer(100))).toBe(false);
    expect(q.length).toBe(0);
    expect(q.size).toBe(0);
    expect(q.dropped).toBe(4);
    expect(q.push(new ArrayBuffer(600))).toBe(true);
    expect(q.push(new ArrayBuffer(600))).toBe(false);
    expect(q.dropped).toBe(6);
  });

  it('hands items out in order and keeps its byte count', () => {
    const q = new AppendQueue();
    const a = new ArrayBuffer(10);
    const b = new ArrayBuffer(20);
    q.push(a);
    q.push(b);
    expect(q.size).toBe(30);
    expect(q.shift()).toBe(a);
    expect(q.size).toBe(20);
    expect(q.shift()).toBe(b);
    expect(q.shift()).toBeUndefined();
  });
});

describe('reconnect backoff', () => {
  it('doubles from 0.5 s to a 10 s cap, with ±20 % jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => reconnectDelayMs(n, mid))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
    expect(reconnectDelayMs(0, () => 0)).toBe(400);
    expect(reconnectDelayMs(0, () => 0.999)).toBeCloseTo(600, -1);
  });

  it('does not retry after 4401 or 4404', () => {
    expect(FINAL_CLOSE_CODES[4401]).toBe('unauthorized');
    expect(FINAL_CLOSE_CODES[4404]).toBe('unknown-camera');
    expect(FINAL_CLOSE_CODES[1006]).toBeUndefined();
    expect(FINAL_CLOSE_CODES[4500]).toBeUndefined();
  });
});

describe('codec strings', () => {
  it('builds the MSE MIME type and names the family', () => {
    expect(mseMimeType('avc1.42C01E')).toBe('video/mp4; codecs="avc1.42C01E"');
    expect(codecFamily('avc1.640028')).toBe('H.264');
    expect(codecFamily('hvc1.1.6.L93.B0')).toBe('H.265');
    expect(codecFamily('hev1.1.6.L93.B0')).toBe('H.265');
    expect(codecFamily('vp09.00.10.08')).toBe('vp09.00.10.08');
  });
});

describe('offline reasons', () => {
  const lookup = (messages: unknown, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);

  it('maps every reason the core reports to a string in both languages', () => {
    const reasons = ['connection refused', 'timed out', 'authentication failed', 'not found', 'no video', 'unreachable', 'stream ended', 'ffmpeg failed', 'ffmpeg not found'];
    for (const reason of reasons) {
      const key = offlineReasonKey(reason)!;
      expect(key, reason).toBeTruthy();
      expect(typeof lookup(en, key)).toBe('string');
      expect(typeof lookup(zhCN, key)).toBe('string');
    }
    expect(lookup(zhCN, offlineReasonKey('connection refused')!)).toBe('连接被拒绝');
    expect(lookup(zhCN, offlineReasonKey('timed out')!)).toBe('超时');
    expect(lookup(zhCN, offlineReasonKey('authentication failed')!)).toBe('认证失败');
    expect(lookup(zhCN, offlineReasonKey('no video')!)).toBe('无视频');
    expect(offlineReasonKey('something new')).toBeNull();
    expect(offlineReasonKey(undefined)).toBeNull();
  });
});

describe('AppendQueue.takeAll', () => {
  it('hands out everything queued as one buffer, in order, and empties the queue', () => {
    const q = new AppendQueue();
    q.push(new Uint8Array([1, 2]).buffer);
    q.push(new Uint8Array([3]).buffer);
    q.push(new Uint8Array([4, 5, 6]).buffer);
    expect(Array.from(q.takeAll()!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(q.length).toBe(0);
    expect(q.size).toBe(0);
    expect(q.takeAll()).toBeUndefined();
  });

  it('stops a batch at its byte limit (always at least one item) and leaves the rest queued', () => {
    const q = new AppendQueue();
    q.push(new ArrayBuffer(6));
    q.push(new ArrayBuffer(3));
    q.push(new ArrayBuffer(3));
    expect(q.takeAll(4)!.byteLength).toBe(6);
    expect(q.takeAll(7)!.byteLength).toBe(6);
    expect(q.length).toBe(0);
  });
});
