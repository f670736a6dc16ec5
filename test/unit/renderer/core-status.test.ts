import { describe, expect, it } from 'vitest';
import { CoreStatus } from '../../../renderer/src/transport/core-status.js';
import { reconnectDelayMs } from '../../../renderer/src/transport/reconnect-delay.js';

const health = (bootId?: string) => ({ status: 'ok' as const, version: '1', services: {}, prototypesIntact: true, ...(bootId ? { bootId } : {}) });

describe('the console notices a restarted core', () => {
  it('says "restarted" only when a reconnection finds another boot id, not on the first connection or a network drop', () => {
    const core = new CoreStatus();
    expect(core.note(health('a'), 1000)).toBe(false);
    expect(core.note(health('a'), 2000)).toBe(false);
    expect(core.restartedAt.get()).toBeNull();
    expect(core.note(health('b'), 3000)).toBe(true);
    expect(core.restartedAt.get()).toBe(3000);
    expect(core.note(health(), 4000)).toBe(false);
  });

  it('keeps how the console is served, for the lock and the admins\' warning', () => {
    const core = new CoreStatus();
    core.note({ ...health('a'), transport: { tls: false, unencryptedLan: true } });
    expect(core.transport.get()).toEqual({ tls: false, unencryptedLan: true });
  });
});

describe('live socket reconnection delay', () => {
  it('starts at a quarter second, grows to a 15 s cap, with ±20 % jitter', () => {
    const mid = (attempt: number) => reconnectDelayMs(attempt, () => 0.5);
    expect([0, 1, 2, 3, 4].map(mid)).toEqual([250, 375, 563, 844, 1266]);
    expect(mid(30)).toBe(15_000);
    expect(reconnectDelayMs(0, () => 0)).toBe(200);
    expect(reconnectDelayMs(0, () => 1)).toBe(300);
  });
});
