import PDFDocument from 'pdfkit';
import { CJK_FONT } from './cjk-font.js';
import { pageText } from './document-text.js';
import type { Progress } from './xlsx-layout.js';

/** A column of a printed table: title, width in points, alignment. */
export interface PdfColumn {
  title: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

/**
 * A worker row; a group heading (company and team, across the table); a total (bold), whose
 * label spans the first `totalLabelSpan` columns and whose `cells` fill the columns after it.
 */
export type PdfRow = { kind: 'row'; cells: string[] } | { kind: 'group'; text: string } | { kind: 'total'; label: string; cells: string[] };

export interface PdfTableSpec {
  title: string;
  /** Project, month, rule or ledger hash: one line under the title. */
  subtitle: string;
  columns: PdfColumn[];
  rows: PdfRow[];
  /** How many leading columns a total's label spans. */
  totalLabelSpan: number;
  rowHeight: number;
  fontSize: number;
  /** Printed at the foot of every page, left of the page number (the ledger hash). */
  footer: string;
  /** Lines after the table (legend, notes), then the signature lines. */
  notes: string[];
  signatures: string[];
}

/** A4 landscape in points (297 × 210 mm). */
const PAGE = { width: 841.89, height: 595.28, margin: 24 };
const HEADER_H = 20;
const FOOTER_H = 26;

/**
 * A printed table as PDF: A4 landscape, title and subtitle on top of every page, the header row
 * repeated on every page, grid lines, the footer line and "第 X 页 共 Y 页" on every page (pages
 * are buffered so the total is known), notes and signature lines after the last row. Text in
 * Noto Sans SC, embedded as a subset.
 */
export function pdfTable(spec: PdfTableSpec, onProgress: Progress = () => undefined): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: PAGE.margin, bufferPages: true, autoFirstPage: false, info: { Title: spec.title, Creator: 'Site Command' } });
  doc.registerFont('cjk', CJK_FONT.regular);
  doc.registerFont('cjk-bold', CJK_FONT.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = PAGE.margin;
  const tableWidth = spec.columns.reduce((s, c) => s + c.width, 0);
  const bottom = PAGE.height - PAGE.margin - FOOTER_H;
  let y = 0;

  /** Vertical rules of one row (all of them in one path, one stroke), skipping those inside a span. */
  const rowRules = (top: number, height: number, skipFrom: number, skipTo: number) => {
    let x = left;
    doc.lineWidth(0.4).strokeColor('#555');
    spec.columns.forEach((c, j) => {
      if (j === 0 || j <= skipFrom || j >= skipTo) doc.moveTo(x, top).lineTo(x, top + height);
      x += c.width;
    });
    doc.moveTo(x, top).lineTo(x, top + height).stroke();
  };
  const newPage = () => {
    doc.addPage();
    doc.font('cjk-bold').fontSize(14).fillColor('#000').text(spec.title, left, PAGE.margin, { width: tableWidth, align: 'center', lineBreak: false });
    doc.font('cjk').fontSize(8).text(spec.subtitle, left, PAGE.margin + 20, { width: tableWidth, lineBreak: false });
    y = PAGE.margin + 34;
    doc.rect(left, y, tableWidth, HEADER_H).fillColor('#e8e8e8').fill();
    doc.fillColor('#000').font('cjk-bold').fontSize(spec.fontSize);
    let x = left;
    for (const c of spec.columns) {
      doc.text(c.title, x + 1, y + (HEADER_H - spec.fontSize) / 2 - 1, { width: c.width - 2, align: 'center', lineBreak: false });
      x += c.width;
    }
    hline(y);
    rowRules(y, HEADER_H, 0, 0);
    y += HEADER_H;
    hline(y);
  };
  const hline = (at: number) => doc.lineWidth(0.4).strokeColor('#555').moveTo(left, at).lineTo(left + tableWidth, at).stroke();

  newPage();
  const textY = (spec.rowHeight - spec.fontSize) / 2 - 1;
  spec.rows.forEach((row, i) => {
    if (y + spec.rowHeight > bottom) newPage();
    if (row.kind === 'group') {
      doc.rect(left, y, tableWidth, spec.rowHeight).fillColor('#f3f3f3').fill();
      doc.fillColor('#000').font('cjk-bold').fontSize(spec.fontSize).text(row.text, left + 3, y + textY, { width: tableWidth - 6, lineBreak: false });
      rowRules(y, spec.rowHeight, 0, spec.columns.length);
    } else {
      const span = row.kind === 'total' ? spec.totalLabelSpan : 0;
      const cells = row.kind === 'total' ? [...Array.from({ length: span }, () => ''), ...row.cells] : row.cells;
      doc.fillColor('#000').font(row.kind === 'total' ? 'cjk-bold' : 'cjk').fontSize(spec.fontSize);
      if (row.kind === 'total') {
        const spanWidth = spec.columns.slice(0, span).reduce((sum, c) => sum + c.width, 0);
        doc.text(row.label, left + 3, y + textY, { width: spanWidth - 6, lineBreak: false });
      }
      let x = left;
      spec.columns.forEach((c, j) => {
        const text = j < span ? '' : (cells[j] ?? '');
        if (text !== '') doc.text(text, x + 1.5, y + textY, { width: c.width - 3, align: c.align ?? 'left', lineBreak: false });
        x += c.width;
      });
      rowRules(y, spec.rowHeight, 0, span);
    }
    y += spec.rowHeight;
    hline(y);
    if (i % 200 === 0) onProgress((0.9 * i) / spec.rows.length);
  });

  const noteHeight = 14 * spec.notes.length + 40;
  if (y + noteHeight > bottom) {
    doc.addPage();
    y = PAGE.margin;
  }
  y += 8;
  doc.font('cjk').fontSize(8).fillColor('#000');
  for (const note of spec.notes) {
    doc.text(note, left, y, { width: tableWidth, lineBreak: false });
    y += 14;
  }
  y += 18;
  const slot = tableWidth / spec.signatures.length;
  doc.fontSize(10);
  spec.signatures.forEach((s, i) => doc.text(`${s}＿＿＿＿＿＿＿＿`, left + i * slot, y, { width: slot - 8, lineBreak: false }));

  const range = doc.bufferedPageRange();
  for (let p = 0; p < range.count; p++) {
    doc.switchToPage(range.start + p);
    // Written inside the bottom margin: with the margin kept, pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    const footY = PAGE.height - PAGE.margin - 12;
    doc.font('cjk').fontSize(7).fillColor('#333');
    doc.text(spec.footer, left, footY, { width: tableWidth - 110, lineBreak: false, height: 10 });
    doc.text(pageText(p + 1, range.count), left + tableWidth - 100, footY, { width: 100, align: 'right', lineBreak: false, height: 10 });
  }
  onProgress(1);
  doc.end();
  return done;
}
