/**
 * Wall screens: a screen is a named layout of panels on a grid, one per display of the control
 * room's wall (ISA-101 level 1: the whole site at a glance, each alarm one or two clicks from its
 * device). Pure types, the panel kinds with their options, and the layout rules the core enforces
 * on save and the editor checks before it sends.
 */

/** Kinds of panel a screen may hold; the renderer's panel registry maps each to a component. */
export const PANEL_KINDS = [
  'site3d',
  'map',
  'cameras',
  'alarms',
  'cranes',
  'hoists',
  'environment',
  'headcount',
  'alarm-kpis',
  'safety-today',
  'environment-today',
  'equipment-today',
  'progress',
  'quality',
] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/** Options of a panel: which devices or cameras it shows, how many rows; each kind reads its own. */
export interface PanelOptions {
  /** Device ids (cranes, hoists, environment panels); absent or empty: every device of the kind. */
  devices?: string[];
  /** Camera ids (camera grid); absent or empty: the first cameras of the site. */
  cameras?: string[];
  /** Camera grid columns (1–4). */
  columns?: number;
  /** Alarm list: most rows shown. */
  maxRows?: number;
  /** 3D site: the starting view. */
  view?: 'overview' | 'top';
}

/** One panel on a screen: its kind, its place in grid cells (x, y from the top left), its options. */
export interface PanelPlacement {
  /** Unique on its screen (the editor's key). */
  id: string;
  kind: PanelKind;
  x: number;
  y: number;
  w: number;
  h: number;
  options: PanelOptions;
}

/** What an admin sends to save a screen. */
export interface ScreenDraft {
  /** The URL name (`#/screen/NAME`): lower-case letters, digits and dashes. */
  name: string;
  /** What people read (e.g. 主屏). */
  title: string;
  columns: number;
  rows: number;
  panels: PanelPlacement[];
  /**
   * The version this edit started from (0 or absent: a new screen). A save whose version is not
   * the stored one is refused, so two admins editing the same screen never silently overwrite.
   */
  version?: number;
}

/** A stored screen. */
export interface Screen extends Omit<ScreenDraft, 'version'> {
  version: number;
  updatedAt: number;
  updatedBy: string;
}

export interface ScreenSummary {
  name: string;
  title: string;
  panels: number;
  version: number;
  updatedAt: number;
}

export const SCREEN_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const GRID_LIMITS = { minColumns: 4, maxColumns: 48, minRows: 3, maxRows: 32, maxPanels: 40 } as const;
export const MAX_PANEL_DEVICES = 16;
export const MAX_CAMERA_TILES = 16;

/** Default grid of a new screen: 24 × 12 cells, 80 × 90 px on a 1920 × 1080 display. */
export const DEFAULT_GRID = { columns: 24, rows: 12 } as const;

/** The name of the screen created on first start (`#/screen/default`). */
export const DEFAULT_SCREEN_NAME = 'default';

/**
 * Text on a wall screen is at least 1/90 of the display's height (12 px at 1080 p, 24 px at 2160 p):
 * on a 65-inch panel (about 0.81 m high) that is a 9 mm cap, which reads from 3 m (ISO 9241-303
 * asks about 16–18 arc minutes for characters; 9 mm at 3 m is about 10 arc minutes on x-height and
 * 18 on the whole glyph). The screen's base size is 1/54 of the height; panels' smallest text is
 * 0.65 of that.
 */
export const WALL_MIN_TEXT_FRACTION = 1 / 90;
export const WALL_BASE_TEXT_FRACTION = 1 / 54;

/** What the site has, for checking panel options (device ids by kind, camera ids). */
export interface ScreenSiteFacts {
  devices: ReadonlyMap<string, string>;
  cameras: ReadonlySet<string>;
}

export interface ScreenProblem {
  field: string;
  message: string;
}

/** Which device kind each device-listing panel accepts. */
const DEVICE_KIND_OF: Partial<Record<PanelKind, string>> = { cranes: 'crane', hoists: 'hoist', environment: 'dust' };

/** Which option keys each kind accepts (anything else is refused, so typos do not pass silently). */
const OPTION_KEYS: Record<PanelKind, readonly (keyof PanelOptions)[]> = {
  site3d: ['view'],
  map: [],
  cameras: ['cameras', 'columns'],
  alarms: ['maxRows'],
  cranes: ['devices'],
  hoists: ['devices'],
  environment: ['devices'],
  headcount: [],
  'alarm-kpis': [],
  'safety-today': [],
  'environment-today': [],
  'equipment-today': [],
  progress: [],
  quality: [],
};

export function isPanelKind(kind: unknown): kind is PanelKind {
  return typeof kind === 'string' && (PANEL_KINDS as readonly string[]).includes(kind);
}

/** Every problem of a draft: unknown kinds, panels outside the grid or over each other, bad options. */
export function screenProblems(draft: ScreenDraft, site?: ScreenSiteFacts): ScreenProblem[] {
  const problems: ScreenProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!SCREEN_NAME_PATTERN.test(draft.name)) add('name', `screen name "${draft.name}" must be 1–40 lower-case letters, digits or dashes, starting with a letter or digit`);
  if (!draft.title.trim()) add('title', 'give the screen a title people will read');
  const { minColumns, maxColumns, minRows, maxRows, maxPanels } = GRID_LIMITS;
  if (!Number.isInteger(draft.columns) || draft.columns < minColumns || draft.columns > maxColumns) add('columns', `the grid must have ${minColumns}–${maxColumns} columns`);
  if (!Number.isInteger(draft.rows) || draft.rows < minRows || draft.rows > maxRows) add('rows', `the grid must have ${minRows}–${maxRows} rows`);
  if (draft.panels.length > maxPanels) add('panels', `a screen holds at most ${maxPanels} panels`);
  const ids = new Set<string>();
  draft.panels.forEach((panel, i) => {
    const at = `panels[${i}]`;
    if (ids.has(panel.id)) add(`${at}.id`, `two panels share the id "${panel.id}"`);
    ids.add(panel.id);
    if (!isPanelKind(panel.kind)) {
      add(`${at}.kind`, `"${String(panel.kind)}" is not a panel kind; use one of ${PANEL_KINDS.join(', ')}`);
      return;
    }
    const cells = [panel.x, panel.y, panel.w, panel.h];
    if (!cells.every(Number.isInteger) || panel.w < 1 || panel.h < 1 || panel.x < 0 || panel.y < 0) {
      add(at, `panel "${panel.id}" needs whole-cell x, y ≥ 0 and w, h ≥ 1`);
    } else if (panel.x + panel.w > draft.columns || panel.y + panel.h > draft.rows) {
      add(at, `panel "${panel.id}" (${panel.kind}) reaches past the ${draft.columns} × ${draft.rows} grid; move or shrink it`);
    }
    for (const problem of optionProblems(panel, site)) add(`${at}.options${problem.field ? `.${problem.field}` : ''}`, problem.message);
  });
  for (const [a, b] of overlappingPairs(draft.panels)) add('panels', `panels "${a.id}" and "${b.id}" overlap; move one of them`);
  return problems;
}

function optionProblems(panel: PanelPlacement, site?: ScreenSiteFacts): ScreenProblem[] {
  const out: ScreenProblem[] = [];
  const allowed = OPTION_KEYS[panel.kind];
  for (const key of Object.keys(panel.options)) {
    if (!(allowed as readonly string[]).includes(key)) out.push({ field: key, message: `a ${panel.kind} panel has no option "${key}"${allowed.length ? ` (it takes ${allowed.join(', ')})` : ''}` });
  }
  const { devices, cameras, columns, maxRows } = panel.options;
  const deviceKind = DEVICE_KIND_OF[panel.kind];
  if (devices && deviceKind) {
    if (devices.length > MAX_PANEL_DEVICES) out.push({ field: 'devices', message: `a panel lists at most ${MAX_PANEL_DEVICES} devices` });
    for (const id of devices) {
      const kind = site?.devices.get(id);
      if (site && kind === undefined) out.push({ field: 'devices', message: `no device "${id}" on this site` });
      else if (site && kind !== deviceKind) out.push({ field: 'devices', message: `device "${id}" is a ${kind}, not a ${deviceKind}` });
    }
  }
  if (cameras && panel.kind === 'cameras') {
    if (cameras.length > MAX_CAMERA_TILES) out.push({ field: 'cameras', message: `a camera grid shows at most ${MAX_CAMERA_TILES} cameras` });
    for (const id of cameras) if (site && !site.cameras.has(id)) out.push({ field: 'cameras', message: `no camera "${id}" on this site` });
  }
  if (columns !== undefined && (!Number.isInteger(columns) || columns < 1 || columns > 4)) out.push({ field: 'columns', message: 'a camera grid has 1–4 columns' });
  if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > 50)) out.push({ field: 'maxRows', message: 'an alarm list shows 1–50 rows' });
  return out;
}

/** Pairs of panels that share at least one cell. */
export function overlappingPairs(panels: readonly PanelPlacement[]): [PanelPlacement, PanelPlacement][] {
  const pairs: [PanelPlacement, PanelPlacement][] = [];
  for (let i = 0; i < panels.length; i++) {
    for (let j = i + 1; j < panels.length; j++) {
      const a = panels[i]!;
      const b = panels[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) pairs.push([a, b]);
    }
  }
  return pairs;
}

/**
 * The default wall (主屏) for the demo and new sites, 24 × 12 cells: the site in 3D in the middle
 * over the camera tiles (two by two, near 16:9 each) and the map (the site on the offline globe);
 * cranes, the hoist and dust/noise with their limits on the left; the headcount, the alarm
 * system's KPIs and the alarm list on the right.
 */
export function defaultScreen(): ScreenDraft {
  return {
    name: DEFAULT_SCREEN_NAME,
    title: '主屏',
    columns: DEFAULT_GRID.columns,
    rows: DEFAULT_GRID.rows,
    panels: [
      { id: 'cranes', kind: 'cranes', x: 0, y: 0, w: 6, h: 4, options: {} },
      { id: 'hoists', kind: 'hoists', x: 0, y: 4, w: 6, h: 3, options: {} },
      { id: 'environment', kind: 'environment', x: 0, y: 7, w: 6, h: 5, options: {} },
      { id: 'site3d', kind: 'site3d', x: 6, y: 0, w: 12, h: 8, options: { view: 'overview' } },
      { id: 'cameras', kind: 'cameras', x: 6, y: 8, w: 8, h: 4, options: { columns: 2 } },
      { id: 'map', kind: 'map', x: 14, y: 8, w: 4, h: 4, options: {} },
      { id: 'headcount', kind: 'headcount', x: 18, y: 0, w: 6, h: 3, options: {} },
      { id: 'alarm-kpis', kind: 'alarm-kpis', x: 18, y: 3, w: 6, h: 3, options: {} },
      { id: 'alarms', kind: 'alarms', x: 18, y: 6, w: 6, h: 6, options: { maxRows: 8 } },
    ],
  };
}

/** The first place (row by row) where a w × h panel fits without covering another; null when the grid is full. */
export function findFreeSpot(panels: readonly PanelPlacement[], columns: number, rows: number, w: number, h: number): { x: number; y: number } | null {
  for (let y = 0; y + h <= rows; y++) {
    for (let x = 0; x + w <= columns; x++) {
      if (!panels.some((p) => x < p.x + p.w && p.x < x + w && y < p.y + p.h && p.y < y + h)) return { x, y };
    }
  }
  return null;
}
