import { describe, expect, it } from 'vitest';
import type { EnuPosition } from '../../../electron/common/site.js';
import {
  counterJibSegment,
  frontJibSegment,
  hoistRope,
  hookPosition,
  jibDirection,
  jibSegment,
  mastSegment,
  type CraneGeometry,
} from '../../../electron/common/geometry/crane.js';

function expectPoint(actual: EnuPosition, expected: EnuPosition): void {
  expect(actual.e).toBeCloseTo(expected.e, 9);
  expect(actual.n).toBeCloseTo(expected.n, 9);
  expect(actual.u).toBeCloseTo(expected.u, 9);
}

const BASE: EnuPosition = { e: 10, n: -5, u: 0 };
const GEOMETRY: CraneGeometry = { towerHeightM: 40, jibLengthM: 50, counterJibLengthM: 12 };

describe('slew convention', () => {
  it('turns clockwise from north: 0° = +n, 90° = +e, 180° = −n, 270° = −e', () => {
    expectPoint(jibDirection(0), { e: 0, n: 1, u: 0 });
    expectPoint(jibDirection(90), { e: 1, n: 0, u: 0 });
    expectPoint(jibDirection(180), { e: 0, n: -1, u: 0 });
    expectPoint(jibDirection(270), { e: -1, n: 0, u: 0 });
  });

  it('accepts angles outside 0–360 (−90 is 270, 450 is 90)', () => {
    expectPoint(jibDirection(-90), jibDirection(270));
    expectPoint(jibDirection(450), jibDirection(90));
  });
});

describe('hook position', () => {
  // Base (10, −5, 0), trolley radius 20 m, hook 30 m above the base.
  const cases: Array<[number, EnuPosition]> = [
    [0, { e: 10, n: 15, u: 30 }], // 20 m north
    [90, { e: 30, n: -5, u: 30 }], // 20 m east
    [180, { e: 10, n: -25, u: 30 }], // 20 m south
    [270, { e: -10, n: -5, u: 30 }], // 20 m west
    // North-east: 20/√2 = 14.142 135 6 m along each axis.
    [45, { e: 10 + 14.142_135_623_7, n: -5 + 14.142_135_623_7, u: 30 }],
  ];
  for (const [slewDeg, expected] of cases) {
    it(`is 20 m out along the jib at slew ${slewDeg}°`, () => {
      expectPoint(hookPosition(BASE, { slewDeg, radiusM: 20, heightM: 30 }), expected);
    });
  }

  it('measures hook height from the crane base, not from the site origin', () => {
    // A crane standing on a podium 6 m up: hook 30 m above the base is u = 36.
    expectPoint(hookPosition({ e: 10, n: -5, u: 6 }, { slewDeg: 90, radiusM: 20, heightM: 30 }), { e: 30, n: -5, u: 36 });
  });
});

describe('crane parts as segments', () => {
  it('runs the jib from the counter-jib tail behind the mast to the jib tip, at jib height', () => {
    // Slew 90° (east) from (10, −5, 0) on a 2 m plinth: tail 12 m west at e = −2, tip 50 m east at e = 60, u = 2 + 40.
    const base = { e: 10, n: -5, u: 2 };
    const jib = jibSegment(base, GEOMETRY, 90);
    expectPoint(jib.start, { e: -2, n: -5, u: 42 });
    expectPoint(jib.end, { e: 60, n: -5, u: 42 });
    const front = frontJibSegment(base, GEOMETRY, 90);
    expectPoint(front.start, { e: 10, n: -5, u: 42 });
    expectPoint(front.end, { e: 60, n: -5, u: 42 });
    const counter = counterJibSegment(base, GEOMETRY, 90);
    expectPoint(counter.start, { e: 10, n: -5, u: 42 });
    expectPoint(counter.end, { e: -2, n: -5, u: 42 });
    const mast = mastSegment(base, GEOMETRY);
    expectPoint(mast.start, base);
    expectPoint(mast.end, { e: 10, n: -5, u: 42 });
  });

  it('hangs the hoist rope from the trolley at jib height straight down to the hook', () => {
    // Slew 180° (south), radius 20, hook 15 m above a base at u = 2: trolley (10, −25, 42), hook (10, −25, 17).
    const rope = hoistRope({ e: 10, n: -5, u: 2 }, { slewDeg: 180, radiusM: 20, heightM: 15 }, GEOMETRY);
    expectPoint(rope.start, { e: 10, n: -25, u: 42 });
    expectPoint(rope.end, { e: 10, n: -25, u: 17 });
  });

  it('takes a full CraneTelemetry reading as it comes from the monitor', () => {
    const reading = { loadT: 2, ratedLoadT: 4, momentPct: 50, radiusM: 20, heightM: 30, slewDeg: 0, windMs: 3, tiltDeg: 0.1 };
    expectPoint(hookPosition(BASE, reading), { e: 10, n: 15, u: 30 });
  });
});
