import { describe, expect, it } from 'vitest';
import { DeviceStates, OFFLINE_AFTER_INTERVALS } from '../../../electron/core/devices/device-states.js';

describe('device contact without a reading (HJ 212 interval data)', () => {
  const setup = () => {
    let now = 1_000_000;
    const changes: string[] = [];
    const states = new DeviceStates([{ id: 'dust-9', kind: 'dust', name: 'Monitor', expectedIntervalS: 60 } as never], (d) => changes.push(d.status), () => now);
    return { states, changes, advance: (ms: number) => (now += ms), at: () => now };
  };

  it('puts the link online and is heard-from time, without touching last values or "last data"', () => {
    const { states, changes, at } = setup();
    states.contact('dust-9');
    const view = states.list().find((d) => d.id === 'dust-9')!;
    expect(view.status).toBe('online');
    expect(view.lastSeen).toBeNull();
    expect(view.lastValues).toBeNull();
    expect(states.lastHeard('dust-9')).toBe(at());
    expect(changes).toEqual(['online']);
  });

  it('keeps an interval-only monitor online while it keeps uploading, and lets it go offline when it stops', () => {
    const { states, changes, advance } = setup();
    const limit = OFFLINE_AFTER_INTERVALS * 60_000;
    states.contact('dust-9');
    for (let i = 0; i < 5; i++) {
      advance(limit - 1000);
      states.sweep();
      states.contact('dust-9');
    }
    expect(changes).toEqual(['online']);
    advance(limit + 1000);
    states.sweep();
    expect(changes).toEqual(['online', 'offline']);
  });

  it('takes the later of a reading and a contact as heard-from', () => {
    const { states, advance, at } = setup();
    states.accept({ deviceId: 'dust-9', kind: 'dust', ts: at(), values: { pm10: 40 } } as never);
    const readingAt = at();
    advance(30_000);
    states.contact('dust-9');
    expect(states.lastHeard('dust-9')).toBe(readingAt + 30_000);
    expect(states.list().find((d) => d.id === 'dust-9')!.lastSeen).toBe(readingAt);
    expect(states.lastHeard('unknown')).toBeNull();
  });
});
