import { describe, expect, it } from 'vitest';
import { CoreStatus } from '../../../renderer/src/transport/core-status.js';

const health = (bootId?: string) => ({ status: 'ok' as const, version: '1', services: {}, ...(bootId ? { bootId } : {}) });

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
