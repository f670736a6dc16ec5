/** Grid steps, metres, finest first; a site gets the finest that keeps lines ≤ MAX_GRID_LINES. */
const GRID_STEPS_M = [10, 20, 50, 100, 200, 500, 1000] as const;
export const MAX_GRID_LINES = 30;

/**
 * The grid step for a ground `sizeM` across: 10 m on a building plot, coarser on a big site. A
 * 10 m grid over 700 m is a moiré of 70 lines that says nothing about scale on a wall screen, and
 * each line costs a CPU rasteriser (on the stress site the fine grid alone took ~12 ms a frame).
 */
export function gridStepM(sizeM: number): number {
  for (const step of GRID_STEPS_M) if (sizeM / step <= MAX_GRID_LINES) return step;
  return GRID_STEPS_M[GRID_STEPS_M.length - 1]!;
}
