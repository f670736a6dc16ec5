import { describe, expect, it } from 'vitest';
import type { ConditionEvaluation } from '../../../electron/common/alarms.js';
import type { CraneTelemetry, TelemetryRecord } from '../../../electron/common/telemetry.js';
import { AntiCollisionMonitor } from '../../../electron/core/alarms/anti-collision-monitor.js';
import type { DeviceConfig } from '../../../electron/core/config/site-schema.js';

// The demo site's two cranes: crane-1's jib 62 m up, crane-2's 48 m up, 68 m apart.
const CRANE_1: DeviceConfig = { id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 1, position: { e: -22, n: 12, u: 0 }, crane: { towerHeightM: 62, jibLengthM: 60, counterJibLengthM: 15 } };
const CRANE_2: DeviceConfig = { id: 'crane-2', kind: 'crane', name: 'C2', expectedIntervalS: 1, position: { e: 46, n: 12, u: 0 }, crane: { towerHeightM: 48, jibLengthM: 56, counterJibLengthM: 12.5 } };
const at = (c: DeviceConfig, e: number, n: number): DeviceConfig => ({ ...c, position: { e, n, u: 0 } });

/**
 * crane-1 slewed east with its hook rope hanging at e = 28 from 62 m down to 20 m; crane-2 slewed
 * west, its jib at 48 m running over e = 28 while it stands at its site-file place (46, 12).
 */
const reading = (deviceId: string, slewDeg: number, radiusM: number, heightM: number): TelemetryRecord<'crane'> => ({
  deviceId,
  kind: 'crane',
  ts: 0,
  values: { loadT: 1, ratedLoadT: 6, momentPct: 20, radiusM, heightM, slewDeg, windMs: 3, tiltDeg: 0.1 } satisfies CraneTelemetry,
});
const ROPE_EAST = reading('crane-1', 90, 50, 20);
const JIB_WEST = reading('crane-2', 270, 20, 10);

const critical = (out: ConditionEvaluation[]) => out.find((e) => e.conditionKey === 'crane-1~crane-2:collision:critical');

describe('anti-collision after a crane is moved in the registry', () => {
  it('judges the next reading at the new base, against the other crane’s last pose', () => {
    const monitor = new AntiCollisionMonitor([CRANE_1, CRANE_2], 2);
    expect(monitor.update(ROPE_EAST, 1000)).toEqual([]);
    const meeting = critical(monitor.update(JIB_WEST, 1100));
    expect(meeting).toMatchObject({ beyond: true, value: 0, priority: 'critical' });

    // Moved to (46, 140): hypot(68, 128) ≈ 145 m apart, beyond both sweeps (60 + 56) and twice
    // the safety distance, so the pair can no longer meet.
    monitor.relayout([CRANE_1, at(CRANE_2, 46, 140)]);
    expect(monitor.overlappingPairs()).toEqual([]);
    // A reading from crane-1 alone is enough: crane-2's pose from 1100 is still fresh.
    const cleared = critical(monitor.update(ROPE_EAST, 1200));
    expect(cleared).toMatchObject({ beyond: false, clearable: true });
    expect(cleared!.value).toBeGreaterThan(100);
    // Judged clear once, the pair is dropped: nothing more to say about cranes that cannot meet.
    expect(monitor.update(JIB_WEST, 1300)).toEqual([]);
  });

  it('starts judging a pair moved into reach, at the new place', () => {
    const monitor = new AntiCollisionMonitor([CRANE_1, at(CRANE_2, 46, 140)], 2);
    expect(monitor.overlappingPairs()).toEqual([]);
    monitor.update(ROPE_EAST, 1000);
    expect(monitor.update(JIB_WEST, 1100)).toEqual([]);
    // Moved to (40, 12): crane-2's jib now runs from e = 52.5 to −16 at 48 m, through crane-1's rope.
    monitor.relayout([CRANE_1, at(CRANE_2, 40, 12)]);
    expect(monitor.overlappingPairs()).toEqual([['crane-1', 'crane-2']]);
    expect(critical(monitor.update(ROPE_EAST, 1200))).toMatchObject({ beyond: true, value: 0 });
  });

  it('a move within reach changes the clearance, not the pairs; a stale partner still waits for a fresh reading', () => {
    const monitor = new AntiCollisionMonitor([CRANE_1, CRANE_2], 2);
    monitor.update(ROPE_EAST, 1000);
    expect(critical(monitor.update(JIB_WEST, 1100))?.value).toBe(0);
    // 10 m south: crane-2's jib passes 10 m beside crane-1's rope (same heights otherwise).
    monitor.relayout([CRANE_1, at(CRANE_2, 46, 2)]);
    expect(monitor.overlappingPairs()).toEqual([['crane-1', 'crane-2']]);
    expect(critical(monitor.update(ROPE_EAST, 1200))?.value).toBeCloseTo(10, 5);
    // crane-2 silent for more than 5 s: no judgement, moved or not.
    expect(monitor.update(ROPE_EAST, 7000)).toEqual([]);
  });
});
