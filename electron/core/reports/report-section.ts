/**
 * What each area contributes to a report: one section with its figures, tables and charts. The
 * reports module (electron/core/reports) gathers the sections in `order`, renders them to PDF and
 * XLSX, and lists every figure's source in the appendix, so each number in a report can be traced
 * to the query and the period that produced it.
 */

/** A report's period in the site's days (Asia/Shanghai for a site there): `from` and `to` inclusive. */
export interface ReportPeriod {
  kind: 'daily' | 'weekly' | 'monthly';
  /** First site day, `YYYY-MM-DD`. */
  from: string;
  /** Last site day, `YYYY-MM-DD` (the same as `from` for a daily report). */
  to: string;
  timeZone: string;
  /** UTC epoch ms of `from`'s 00:00 and of the day after `to`'s 00:00 in `timeZone`. */
  startMs: number;
  endMs: number;
}

/** Where a number came from: the query (SQL, or a named computation) and its parameters. */
export interface FigureSource {
  query: string;
  params: Record<string, string | number | null>;
}

/** One number of a section, e.g. 塔吊吊次 = 312, with where it came from. */
export interface ReportFigure {
  label: string;
  value: number | string | null;
  unit?: string;
  source: FigureSource;
}

/** A table of records behind the figures (e.g. the day's alarms with their handling). */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
  /** Where the rows came from. */
  source: FigureSource;
}

/**
 * A chart as an ECharts option (plain JSON): the same option the console's panels draw, rendered
 * to SVG on the core for the PDF (electron/common/charts holds the option builders).
 */
export interface ReportChart {
  title: string;
  option: Record<string, unknown>;
  width?: number;
  height?: number;
}

/** A file the report points at (an evidence clip, a panorama capture), by its path in the data folder. */
export interface ReportAttachment {
  label: string;
  /** Path relative to the data folder. */
  file: string;
}

export interface ReportSectionContent {
  /** Chinese heading as printed, e.g. 一、天气与扬尘. */
  heading: string;
  figures: ReportFigure[];
  tables: ReportTable[];
  charts: ReportChart[];
  /** Plain sentences (e.g. 本日无超标). */
  notes?: string[];
  attachments?: ReportAttachment[];
  /**
   * One line for the report's header (added by the reports work, optional): the daily log's
   * header carries the day's weather (施工日志: 日期、天气、气温), so the weather section gives it.
   */
  headerLine?: string;
}

export interface ReportSection {
  /** Stable id, e.g. `weather`, `equipment`, `progress`, `quality`. */
  id: string;
  /** Lower comes first. Weather 10, workforce 20, equipment 30, alarms 40, environment 50, quality 60, progress 70, panoramas 80. */
  order: number;
  /** The section for the period, or null when the area has nothing to say for it (e.g. no cranes on the site). */
  build(period: ReportPeriod): Promise<ReportSectionContent | null>;
}
