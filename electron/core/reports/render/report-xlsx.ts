import ExcelJS from 'exceljs';
import { styleHeader, thinBorder, type Progress } from '../../workforce/documents/xlsx-layout.js';
import { appendixRows, isEmptyReport, NO_DATA_NOTE, periodText, type ReportDocument } from './report-document.js';

/** Excel's rules for sheet names: at most 31 characters, none of \ / ? * [ ] :. */
function sheetName(heading: string, used: Set<string>): string {
  const base = heading.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${n}`;
  used.add(name);
  return name;
}

/**
 * The report as XLSX: a cover sheet (project, period, weather, made by), a sheet per section with
 * its figures (with units) and tables, and an appendix sheet listing every figure with its
 * section, label, value, query, parameters and period — numbers kept as numbers, so the office
 * can sum and chart them.
 */
export async function reportXlsx(d: ReportDocument, onProgress: Progress = () => undefined): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Site Command';
  wb.title = d.title;
  const used = new Set<string>();
  const cover = wb.addWorksheet(sheetName('封面', used));
  cover.columns = [{ width: 14 }, { width: 80 }];
  cover.addRow([d.title]).font = { bold: true, size: 14 };
  cover.addRow(['项目名称', d.projectName]);
  cover.addRow([d.from === d.to ? '日期' : '期间', periodText(d)]);
  for (const l of d.headerLines) cover.addRow(['天气', l]);
  cover.addRow(['编制', `${d.madeBy}\u3000${d.generatedAt}`]);
  if (isEmptyReport(d)) cover.addRow(['说明', `${NO_DATA_NOTE}本报告期间内各项均无记录。`]);
  cover.addRow([]);
  cover.addRow(['章节', '工作表']).font = { bold: true };

  d.sections.forEach(({ content }, i) => {
    const name = sheetName(content.heading, used);
    cover.addRow([content.heading, name]);
    const ws = wb.addWorksheet(name);
    const width = Math.max(3, ...content.tables.map((t) => t.columns.length));
    ws.columns = Array.from({ length: width }, (_, j) => ({ width: j === 0 ? 22 : 16 }));
    ws.addRow([content.heading]).font = { bold: true, size: 13 };
    ws.addRow([periodText(d)]);
    ws.addRow([]);
    if (content.figures.length) {
      styleHeader(ws.addRow(['指标', '数值', '单位']), 3);
      for (const f of content.figures) {
        const row = ws.addRow([f.label, f.value, f.unit ?? '']);
        for (let c = 1; c <= 3; c++) row.getCell(c).border = thinBorder;
      }
      ws.addRow([]);
    }
    for (const t of content.tables) {
      ws.addRow([t.title]).font = { bold: true };
      styleHeader(ws.addRow(t.columns), t.columns.length);
      for (const r of t.rows) ws.addRow(r);
      if (t.rows.length === 0) ws.addRow(['（无记录）']);
      ws.addRow([]);
    }
    for (const note of content.notes ?? []) ws.addRow([note]);
    if (content.attachments?.length) {
      ws.addRow([]);
      styleHeader(ws.addRow(['附件', '文件（数据目录内）']), 2);
      for (const a of content.attachments) ws.addRow([a.label, a.file]);
    }
    onProgress((0.6 * (i + 1)) / d.sections.length);
  });

  const ap = wb.addWorksheet(sheetName('附录 数据来源', used));
  ap.columns = [{ width: 6 }, { width: 16 }, { width: 18 }, { width: 14 }, { width: 80 }, { width: 60 }, { width: 28 }];
  ap.addRow(['附录：数据来源（每一数值的查询、参数与统计期间）']).font = { bold: true };
  styleHeader(ap.addRow(['序号', '章节', '指标', '数值', '查询', '参数', '期间']), 7);
  appendixRows(d).forEach((r, i) => ap.addRow([i + 1, r.section, r.label, r.value, r.query, r.params, r.period]));
  onProgress(0.9);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
