import { z } from 'zod';
import type { ScreensApi } from '../../common/api/screens.js';
import { GRID_LIMITS, PANEL_KINDS } from '../../common/screens.js';

const name = z.string().min(1).max(40);
const cell = z.number().int().min(0).max(GRID_LIMITS.maxColumns + GRID_LIMITS.maxRows);
const ids = z.array(z.string().min(1).max(64)).max(64);

/** Options are checked per kind by `screenProblems`; here only their shapes. */
const options = z
  .object({
    devices: ids.optional(),
    cameras: ids.optional(),
    columns: z.number().int().optional(),
    maxRows: z.number().int().optional(),
    view: z.enum(['overview', 'top']).optional(),
  })
  .strict();

const panel = z
  .object({
    id: z.string().min(1).max(40),
    kind: z.enum(PANEL_KINDS),
    x: cell,
    y: cell,
    w: cell,
    h: cell,
    options,
  })
  .strict();

/** Untrusted input of the screens methods (spread into PARAM_SCHEMAS). */
export const SCREEN_PARAM_SCHEMAS: Record<keyof ScreensApi, z.ZodType> = {
  listScreens: z.undefined().or(z.object({}).strict()),
  getScreen: z.object({ name }).strict(),
  saveScreen: z
    .object({
      name,
      title: z.string().max(80),
      columns: z.number().int(),
      rows: z.number().int(),
      panels: z.array(panel).max(GRID_LIMITS.maxPanels * 2),
      version: z.number().int().min(0).optional(),
    })
    .strict(),
  deleteScreen: z.object({ name }).strict(),
};
