import type { ReportKind } from '../../../common/reports.js';
import type { ReportSectionContent } from '../report-section.js';

/** What the renderers print (plain data: it crosses into the worker thread as one JSON string). */
export interface ReportDocument {
  kind: ReportKind;
  title: string;
  projectName: string;
  from: string;
  to: string;
  timeZone: string;
  /** Site-local stamp of when it was made. */
  generatedAt: string;
  madeBy: string;
  /** Lines for the header beside project and date (the weather). */
  headerLines: string[];
  sections: Array<{ id: string; content: ReportSectionContent }>;
}

/** One row of the appendix: a number, where it came from, for which period. */
export interface AppendixRow {
  section: string;
  label: string;
  value: string;
  query: string;
  params: string;
  period: string;
}

export function valueText(value: number | string | null, unit?: string): string {
  if (value === null) return '—';
  return unit ? `${value} ${unit}` : String(value);
}

export function periodText(d: Pick<ReportDocument, 'from' | 'to' | 'timeZone'>): string {
  return d.from === d.to ? `${d.from}（${d.timeZone}）` : `${d.from} 至 ${d.to}（${d.timeZone}）`;
}

/** Every figure and every table of every section, with its query, parameters and the period. */
export function appendixRows(d: ReportDocument): AppendixRow[] {
  const period = periodText(d);
  return d.sections.flatMap(({ content }) => [
    ...content.figures.map((f) => ({ section: content.heading, label: f.label, value: valueText(f.value, f.unit), query: f.source.query, params: JSON.stringify(f.source.params), period })),
    ...content.tables.map((t) => ({ section: content.heading, label: `表：${t.title}`, value: `${t.rows.length} 行`, query: t.source.query, params: JSON.stringify(t.source.params), period })),
  ]);
}

/** What is printed where a section gave nothing at all. */
export const NO_DATA_NOTE = '本期间无数据。';

/** Whether a report has no figure with a value, no table row and no attachment (a period with no data). */
export function isEmptyReport(d: ReportDocument): boolean {
  return d.sections.every(({ content }) => content.figures.every((f) => f.value === null || f.value === 0) && content.tables.every((t) => t.rows.every((r) => r.slice(1).every((c) => c === null || c === 0 || c === ''))) && !content.attachments?.length);
}
