/**
 * A figure's table as a file: CSV (UTF-8 with a byte-order mark, so Excel on Windows reads the
 * Chinese headers; RFC 4180 quoting) or XLSX (exceljs). The rows are the API's rows, unchanged.
 */
import ExcelJS from 'exceljs';
import type { StatExport, StatTable } from '../../common/statistics.js';

function header(table: StatTable): string[] {
  return ['key', '名称 / name', ...table.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label))];
}

function cells(table: StatTable): Array<Array<string | number | null>> {
  return table.rows.map((r) => [r.key, r.label, ...table.columns.map((c) => r.values[c.key] ?? null)]);
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would be read as a formula by spreadsheet programs (CSV injection).
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableToCsv(table: StatTable): string {
  const lines = [header(table), ...cells(table)].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function tableToXlsx(table: StatTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Site Command';
  const sheet = book.addWorksheet(table.figure.slice(0, 31));
  sheet.addRow([`${table.title} ${table.period.from} … ${table.period.to}`]);
  sheet.addRow(header(table)).font = { bold: true };
  for (const row of cells(table)) sheet.addRow(row);
  sheet.columns.forEach((c, i) => (c.width = i < 2 ? 18 : 16));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function exportTable(table: StatTable, format: 'csv' | 'xlsx'): Promise<StatExport> {
  const name = `${table.figure}-${table.period.from}_${table.period.to}.${format}`;
  if (format === 'csv') return { fileName: name, mimeType: 'text/csv; charset=utf-8', base64: Buffer.from(tableToCsv(table), 'utf8').toString('base64') };
  return { fileName: name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: (await tableToXlsx(table)).toString('base64') };
}
