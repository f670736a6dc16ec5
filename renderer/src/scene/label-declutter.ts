/** A label on screen: the point it names (CSS px, y down), its size, and how much it matters. */
export interface LabelBox {
  anchorX: number;
  anchorY: number;
  width: number;
  height: number;
  /** Higher wins a contested spot: alarms and the selection over names. */
  priority: number;
  /** Distance from the camera; among equals the nearer label wins. */
  depth: number;
}

/**
 * Where a label may sit around its anchor, in order of preference: above it (the default: it
 * never hides what it names), then down to the right, then down to the left, clear of the spot
 * above. Never straight below: anchors sit just above their object, so it would be covered.
 */
export const PLACEMENTS = ['above', 'right', 'left'] as const;
/** Offsets, px, of a side label from its anchor: out sideways, and down past the spot above. */
const SIDE_OUT_PX = 8;
const SIDE_DOWN_PX = 12;
const CELL_PX = 96;

/**
 * The CSS2DObject `center` for placement `p` of a label this size: the fraction of its size the
 * label is shifted left and up from the anchor (negative shifts right or down).
 */
export function placementCenter(p: number, width: number, height: number): [number, number] {
  const w = Math.max(width, 1);
  const h = Math.max(height, 1);
  if (PLACEMENTS[p] === 'right') return [-SIDE_OUT_PX / w, -SIDE_DOWN_PX / h];
  if (PLACEMENTS[p] === 'left') return [1 + SIDE_OUT_PX / w, -SIDE_DOWN_PX / h];
  return [0.5, 1];
}

/** The box (left, top, right, bottom) of a label at placement `p`, grown by `paddingPx`. */
export function placedBox(b: LabelBox, p: number, paddingPx = 0): [number, number, number, number] {
  const [cx, cy] = placementCenter(p, b.width, b.height);
  const left = b.anchorX - b.width * cx;
  const top = b.anchorY - b.height * cy;
  return [left - paddingPx, top - paddingPx, left + b.width + paddingPx, top + b.height + paddingPx];
}

/**
 * Places labels so that none covers another: highest priority first (then nearest), each takes
 * the first placement that overlaps no label already placed, or is hidden (−1) when none is free —
 * the greedy placement map renderers use. Twenty crane labels piled on one spot are unreadable;
 * the ones that fit, readable, say more. Returns a placement index per box, in input order.
 * A uniform grid of cells keeps it near linear.
 */
export function declutter(boxes: readonly LabelBox[], paddingPx = 2): number[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[b]!.priority - boxes[a]!.priority || boxes[a]!.depth - boxes[b]!.depth);
  const chosen = boxes.map(() => -1);
  const taken: Array<[number, number, number, number]> = [];
  const cells = new Map<number, number[]>();
  const key = (cx: number, cy: number) => cx * 65_536 + cy;
  const cellRange = (r: readonly number[]) => [Math.floor(r[0]! / CELL_PX), Math.floor(r[1]! / CELL_PX), Math.floor(r[2]! / CELL_PX), Math.floor(r[3]! / CELL_PX)] as const;
  const free = (r: [number, number, number, number]) => {
    const [cx0, cy0, cx1, cy1] = cellRange(r);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        for (const j of cells.get(key(cx, cy)) ?? []) {
          const o = taken[j]!;
          if (r[0] < o[2] && o[0] < r[2] && r[1] < o[3] && o[1] < r[3]) return false;
        }
      }
    }
    return true;
  };
  for (const i of order) {
    for (let p = 0; p < PLACEMENTS.length; p++) {
      const r = placedBox(boxes[i]!, p, paddingPx);
      if (!free(r)) continue;
      chosen[i] = p;
      taken.push(r);
      const [cx0, cy0, cx1, cy1] = cellRange(r);
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let cy = cy0; cy <= cy1; cy++) {
          const list = cells.get(key(cx, cy));
          if (list) list.push(taken.length - 1);
          else cells.set(key(cx, cy), [taken.length - 1]);
        }
      }
      break;
    }
  }
  return chosen;
}
