import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { CJK_FONT } from '../../workforce/documents/cjk-font.js';
import type { Progress } from '../../workforce/documents/xlsx-layout.js';
import { chartSvg } from './chart-svg.js';
import { appendixRows, isEmptyReport, NO_DATA_NOTE, periodText, valueText, type ReportDocument } from './report-document.js';

/** A4 portrait in points (210 × 297 mm). */
const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 20;
const FONT = 8;
const PAD = 3;

type Doc = PDFKit.PDFDocument;

/**
 * The report as PDF: the header as a construction log has it (project, date, weather), then each
 * section — heading, figures, charts (ECharts → SVG → PDF vectors), tables whose header row is
 * repeated on every page they run onto, notes, attachments — then the appendix of every figure's
 * query, parameters and period. Noto Sans SC embedded as a subset; "第 X 页 共 Y 页" on every page.
 */
export function reportPdf(d: ReportDocument, onProgress: Progress = () => undefined): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, bufferPages: true, info: { Title: d.title, Creator: 'Site Command' } });
  doc.registerFont('cjk', CJK_FONT.regular);
  doc.registerFont('cjk-bold', CJK_FONT.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let y = PAGE.margin;
  const need = (h: number) => {
    if (y + h > BOTTOM) {
      doc.addPage();
      y = PAGE.margin;
    }
  };
  const line = (text: string, o: { size?: number; bold?: boolean; gap?: number; align?: 'left' | 'center' } = {}) => {
    doc.font(o.bold ? 'cjk-bold' : 'cjk').fontSize(o.size ?? 9).fillColor('#000');
    const h = doc.heightOfString(text, { width: WIDTH });
    need(h);
    doc.text(text, PAGE.margin, y, { width: WIDTH, align: o.align ?? 'left' });
    y += h + (o.gap ?? 4);
  };

  // Header: title, then the log's header box (project, period, weather, made by).
  line(d.title, { size: 16, bold: true, align: 'center', gap: 10 });
  const header: Array<[string, string]> = [
    ['项目名称', d.projectName],
    [d.from === d.to ? '日期' : '期间', periodText(d)],
    ...d.headerLines.map((l): [string, string] => ['天气', l]),
    ['编制', `${d.madeBy}\u3000${d.generatedAt}`],
  ];
  table(doc, () => y, (v) => (y = v), need, [90, WIDTH - 90], null, header);
  y += 8;
  if (isEmptyReport(d)) line(`说明：${NO_DATA_NOTE}本报告期间内各项均无记录。`, { bold: true, gap: 8 });

  d.sections.forEach(({ content }, i) => {
    need(60);
    y += 6;
    line(content.heading, { size: 12, bold: true, gap: 6 });
    if (content.figures.length) {
      const rows = content.figures.map((f) => [f.label, valueText(f.value, f.unit)]);
      const half = Math.ceil(rows.length / 2);
      const paired = rows.slice(0, half).map((r, k) => [...r, ...(rows[half + k] ?? ['', ''])]);
      table(doc, () => y, (v) => (y = v), need, [WIDTH * 0.3, WIDTH * 0.2, WIDTH * 0.3, WIDTH * 0.2], ['指标', '数值', '指标', '数值'], paired);
      y += 6;
    }
    for (const chart of content.charts) {
      const w = Math.min(WIDTH, chart.width ?? WIDTH);
      const h = chart.height ?? 200;
      need(h + 18);
      line(chart.title, { bold: true, gap: 2 });
      SVGtoPDF(doc as never, chartSvg(chart.option, Math.round(w), h), PAGE.margin, y, { width: w, height: h, fontCallback: (_family: string, bold: boolean) => (bold ? 'cjk-bold' : 'cjk') });
      y += h + 6;
    }
    for (const t of content.tables) {
      need(40);
      line(t.title, { bold: true, gap: 2 });
      if (t.rows.length === 0) {
        line('（无记录）', { gap: 6 });
        continue;
      }
      table(doc, () => y, (v) => (y = v), need, widths(t.columns, t.rows), t.columns, t.rows.map((r) => r.map((c) => (c === null ? '—' : String(c)))));
      y += 6;
    }
    for (const note of content.notes ?? []) line(note, { gap: 3 });
    if (content.attachments?.length) {
      line(`附件（${content.attachments.length}）`, { bold: true, gap: 2 });
      table(doc, () => y, (v) => (y = v), need, [WIDTH * 0.5, WIDTH * 0.5], ['说明', '文件（数据目录内）'], content.attachments.map((a) => [a.label, a.file]));
    }
    onProgress((0.7 * (i + 1)) / d.sections.length);
  });

  doc.addPage();
  y = PAGE.margin;
  line('附录：数据来源', { size: 12, bold: true, gap: 4 });
  line('本报告每一数值均可追溯至下列查询、参数与统计期间（时间为站点时区）。', { gap: 6 });
  const appendix = appendixRows(d);
  table(doc, () => y, (v) => (y = v), need, [24, 70, 70, 50, WIDTH - 24 - 70 - 70 - 50 - 100, 100], ['序号', '章节', '指标', '数值', '查询', '参数与期间'], appendix.map((r, i) => [String(i + 1), r.section, r.label, r.value, r.query, `${r.params}\n${r.period}`]), 6);
  onProgress(0.95);

  const range = doc.bufferedPageRange();
  for (let p = 0; p < range.count; p++) {
    doc.switchToPage(range.start + p);
    doc.page.margins.bottom = 0;
    doc.font('cjk').fontSize(7).fillColor('#333');
    doc.text(d.title, PAGE.margin, PAGE.height - PAGE.margin + 4, { width: WIDTH - 100, lineBreak: false, height: 10 });
    doc.text(`第 ${p + 1} 页 共 ${range.count} 页`, PAGE.margin + WIDTH - 100, PAGE.height - PAGE.margin + 4, { width: 100, align: 'right', lineBreak: false, height: 10 });
  }
  doc.end();
  return done;
}

/** Printed width of a text in half-width units: CJK characters count two. */
function units(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return n;
}

/**
 * Column widths: each column's natural width (its longest text, at least its title); when they do
 * not fit the page, the short columns keep theirs and the long ones share what is left (they wrap).
 */
function widths(columns: string[], rows: Array<Array<string | number | null>>): number[] {
  const natural = columns.map((c, j) => Math.max(units(c), 4, ...rows.slice(0, 300).map((r) => units(String(r[j] ?? '')))) * (FONT * 0.55) + 2 * PAD + 2);
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= WIDTH) return natural.map((w) => (w * WIDTH) / total);
  const short = new Set<number>();
  for (;;) {
    const left = WIDTH - [...short].reduce((a, j) => a + natural[j]!, 0);
    const share = left / (columns.length - short.size);
    const more = natural.flatMap((w, j) => (!short.has(j) && w <= share ? [j] : []));
    if (more.length === 0) return natural.map((w, j) => (short.has(j) ? w : share));
    for (const j of more) short.add(j);
  }
}

/**
 * A grid table whose rows grow to their wrapped text; when a row does not fit, a new page starts
 * and the header row is drawn again on top of it.
 */
function table(doc: Doc, getY: () => number, setY: (y: number) => void, need: (h: number) => void, cols: number[], head: string[] | null, rows: string[][], size = FONT): void {
  // Most cells fit on one line: measured by their width (cheap), wrapped only when they do not
  // (pdfkit's line wrapper is what a month's 5,000 alarm rows would otherwise spend their time in).
  const lineH = (() => {
    doc.font('cjk').fontSize(size);
    return doc.currentLineHeight(true);
  })();
  const widths = new Map<string, number>();
  const widthOf = (c: string, bold: boolean) => {
    const key = bold ? `b${c}` : c;
    let w = widths.get(key);
    if (w === undefined) {
      w = doc.widthOfString(c);
      if (widths.size < 50_000) widths.set(key, w);
    }
    return w;
  };
  let bold = false;
  const fits = (c: string, j: number) => !c.includes('\n') && widthOf(c, bold) <= cols[j]! - 2 * PAD;
  const rowHeight = (cells: string[], isHead: boolean) => {
    bold = isHead;
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(size);
    let h = lineH;
    cells.forEach((c, j) => {
      if (c && !fits(c, j)) h = Math.max(h, doc.heightOfString(c, { width: cols[j]! - 2 * PAD }));
    });
    return h + 2 * PAD;
  };
  const draw = (cells: string[], isHead: boolean, h: number) => {
    bold = isHead;
    const top = getY();
    let x = PAGE.margin;
    if (bold) doc.rect(x, top, WIDTH, h).fillColor('#e8e8e8').fill();
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(size).fillColor('#000');
    cells.forEach((c, j) => {
      if (c && fits(c, j)) doc.text(c, x + PAD, top + PAD, { lineBreak: false });
      else if (c) doc.text(c, x + PAD, top + PAD, { width: cols[j]! - 2 * PAD, height: h - PAD, align: 'left' });
      x += cols[j]!;
    });
    doc.lineWidth(0.4).strokeColor('#666').rect(PAGE.margin, top, WIDTH, h).stroke();
    x = PAGE.margin;
    for (const w of cols.slice(0, -1)) {
      x += w;
      doc.moveTo(x, top).lineTo(x, top + h).stroke();
    }
    setY(top + h);
  };
  const headH = head ? rowHeight(head, true) : 0;
  const drawHead = () => head && draw(head, true, headH);
  need(headH + 14);
  drawHead();
  for (const r of rows) {
    const h = Math.min(rowHeight(r, false), BOTTOM - PAGE.margin - headH - 4);
    if (getY() + h > BOTTOM) {
      doc.addPage();
      setY(PAGE.margin);
      drawHead();
    }
    draw(r, false, h);
  }
}
