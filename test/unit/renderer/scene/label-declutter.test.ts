import { describe, expect, it } from 'vitest';
import { declutter, placedBox, PLACEMENTS, type LabelBox } from '../../../../renderer/src/scene/label-declutter.js';

const box = (anchorX: number, anchorY: number, priority = 1, depth = 0.5, width = 100, height = 40): LabelBox => ({ anchorX, anchorY, width, height, priority, depth });

function overlaps(a: readonly number[], b: readonly number[]): boolean {
  return a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;
}

describe('label declutter', () => {
  it('puts labels above their anchors when there is room', () => {
    expect(declutter([box(100, 100), box(400, 100), box(100, 400)])).toEqual([0, 0, 0]);
    // Above: bottom edge at the anchor, centred on it.
    expect(placedBox(box(100, 100), 0)).toEqual([50, 60, 150, 100]);
    expect(PLACEMENTS[0]).toBe('above');
  });

  it('gives the spot to the higher priority and moves the other beside its anchor', () => {
    const placed = declutter([box(100, 100, 1), box(110, 105, 5)]);
    expect(placed[1]).toBe(0);
    expect(placed[0]).toBeGreaterThan(0);
    const boxes = [box(100, 100, 1), box(110, 105, 5)];
    expect(overlaps(placedBox(boxes[0]!, placed[0]!), placedBox(boxes[1]!, placed[1]!))).toBe(false);
  });

  it('puts a side label clear of the anchor and of the spot above it', () => {
    const b = box(300, 300);
    const above = placedBox(b, 0);
    for (const p of [1, 2]) {
      const side = placedBox(b, p);
      expect(overlaps(side, above)).toBe(false);
      // Below the anchor's height and off to its side: the anchor point itself stays uncovered.
      expect(side[1]).toBeGreaterThan(300);
      expect(side[0] > 300 || side[2] < 300).toBe(true);
    }
  });

  it('hides a label only when every placement is taken, and then the less important one', () => {
    // Twenty labels on one anchor: at most one per placement shows, alarms first.
    const pile = Array.from({ length: 20 }, (_, i) => box(300, 300, i === 7 ? 50 : 1, i / 100));
    const placed = declutter(pile);
    expect(placed[7]).toBe(0);
    expect(placed.filter((p) => p >= 0).length).toBe(PLACEMENTS.length);
    expect(placed.filter((p) => p < 0).length).toBe(20 - PLACEMENTS.length);
  });

  it('prefers the nearer of two equal labels', () => {
    const placed = declutter([box(300, 300, 3, 0.9), box(300, 300, 3, 0.2)]);
    expect(placed[1]).toBe(0);
    expect(placed[0]).not.toBe(0);
  });

  it('never leaves two shown labels overlapping, over a random crowd', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const crowd = Array.from({ length: 300 }, () => box(rand() * 1920, rand() * 1080, Math.floor(rand() * 5), rand(), 60 + rand() * 200, 30 + rand() * 40));
    const placed = declutter(crowd);
    const shown = crowd.map((b, i) => (placed[i]! >= 0 ? placedBox(b, placed[i]!) : null)).filter((r): r is [number, number, number, number] => r !== null);
    expect(shown.length).toBeGreaterThan(20);
    for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) expect(overlaps(shown[i]!, shown[j]!)).toBe(false);
  });
});
