/**
 * The statistics contract's pure parts: which figures exist, how a period is asked for, and the
 * table every figure answers with. One table feeds the chart, its CSV/XLSX export and the
 * report sections, so the exported numbers are the charted ones.
 */

/** The figures the dashboards draw. Each is one table of rows (a day, a device, an operator…) and columns. */
export const STAT_FIGURES = [
  'alarms-by-day',
  'alarms-by-quantity',
  'alarm-response',
  'by-building',
  'crane-use',
  'crane-operators',
  'hoist-use',
  'dust-daily',
  'device-uptime',
  'attendance-by-team',
  'panorama-captures',
] as const;
export type StatFigureId = (typeof STAT_FIGURES)[number];

/** Dashboard sections and the figures they hold (progress and quality panels come from their own areas). */
export const STAT_SECTIONS = {
  safety: ['alarms-by-day', 'alarms-by-quantity', 'alarm-response', 'by-building'],
  environment: ['dust-daily'],
  equipment: ['crane-use', 'crane-operators', 'hoist-use', 'device-uptime'],
  workforce: ['attendance-by-team', 'panorama-captures'],
} as const satisfies Record<string, readonly StatFigureId[]>;
export type StatSection = keyof typeof STAT_SECTIONS;

/**
 * A period in site days. `day`, `week` (Monday to Sunday, ISO 8601) and `month` hold `date`
 * (any day inside it, `YYYY-MM-DD`; default today); `range` holds `from` and `to` (inclusive).
 */
export type StatPeriodKind = 'day' | 'week' | 'month' | 'range';

/** Longest `range` a figure answers, in days: a year's statistics are asked month by month. */
export const MAX_RANGE_DAYS = 62;

export interface StatPeriodRequest {
  period: StatPeriodKind;
  date?: string;
  from?: string;
  to?: string;
}

/** A period resolved to site days: `from`…`to` inclusive, and the instants they span in the site's zone. */
export interface ResolvedStatPeriod {
  kind: StatPeriodKind;
  from: string;
  to: string;
  days: string[];
  timeZone: string;
  /** UTC epoch ms of `from`'s 00:00 and of the day after `to`'s 00:00, site time. */
  startMs: number;
  endMs: number;
}

export interface StatColumn {
  key: string;
  /** Chinese label first, English after a slash (as printed in exports). */
  label: string;
  unit?: string;
}

/** One row: its key (a day, a device id, `crane-1|op-7`…), a label, and a value per column (null: no data). */
export interface StatRow {
  key: string;
  label: string;
  values: Record<string, number | null>;
}

/** Where the numbers came from (the read-model query and its parameters), for reports' appendices. */
export interface StatSource {
  query: string;
  params: Record<string, string | number | null>;
}

export interface StatTable {
  figure: StatFigureId;
  title: string;
  period: ResolvedStatPeriod;
  columns: StatColumn[];
  rows: StatRow[];
  /** Totals over all rows, per column (means where a column is a mean or a rate). */
  totals: Record<string, number | null>;
  /** Columns whose bars drill down to records (others have none behind them). */
  drillColumns: string[];
  source: StatSource;
  /** Limits drawn as lines (dust: the preset's limit per pollutant), by column key. */
  limits?: Record<string, number>;
  notes?: string[];
}

/** The records behind one bar: `rows` of plain values; `alarmId`, where present, links to `#/alarms/ID`. */
export interface StatRecords {
  figure: StatFigureId;
  rowKey: string;
  column: string | null;
  columns: StatColumn[];
  rows: Array<Record<string, string | number | null>>;
  /** More records matched than were returned (the list is capped). */
  truncated: boolean;
}

/** Most records a drill-down returns. */
export const MAX_STAT_RECORDS = 2000;

/** An exported table: the file's bytes as base64 (the contract is JSON), its name and type. */
export interface StatExport {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** Alarm priorities in display order. */
export const STAT_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
