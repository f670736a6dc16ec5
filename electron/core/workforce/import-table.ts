/**
 * Reads an import file into a plain table of cells: XLSX through exceljs (the first worksheet;
 * merged ranges reported so the parser can refuse them in the data area), CSV through our own
 * parser. Cells keep what the file held: text, a number (so an 18-digit ID that Excel turned into
 * a float is recognised and refused rather than imported wrong), or a date.
 */
import ExcelJS from 'exceljs';
import { decodeCsv, parseCsv } from './import-csv.js';

export type Cell = string | number | Date | boolean | null;

export interface Table {
  rows: Cell[][];
  /** Merged ranges as 1-based row spans (XLSX only). */
  merges: { top: number; bottom: number; range: string }[];
}

export class ImportFileError extends Error {}

/** The row limit is checked here too, before a huge file is turned into cells. */
export async function readTable(bytes: Uint8Array, format: 'xlsx' | 'csv', maxRows: number): Promise<Table> {
  if (bytes.length === 0) throw new ImportFileError('the file is empty');
  if (format === 'csv') {
    const { text } = decodeCsv(bytes);
    try {
      return { rows: parseCsv(text, maxRows + 20), merges: [] };
    } catch (error) {
      throw new ImportFileError((error as Error).message.includes('more than') ? `the file has more than ${maxRows} data rows; split it` : (error as Error).message);
    }
  }
  // An XLSX file is a ZIP (PK\x03\x04); anything else (an old .xls, a CSV renamed .xlsx) is refused clearly.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new ImportFileError('this is not an XLSX file (an .xls from old Excel, or another format); save it as "Excel Workbook (.xlsx)" or as CSV UTF-8');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(`the XLSX file cannot be read (${(error as Error).message.slice(0, 120)}); it may be damaged`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('the workbook has no worksheet');
  if (sheet.rowCount > maxRows + 20) throw new ImportFileError(`the file has more than ${maxRows} data rows (${sheet.rowCount} rows); split it`);
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const merges = ((sheet.model as unknown as { merges?: string[] }).merges ?? []).map((range) => {
    const m = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range);
    return { top: Number(m?.[1] ?? 0), bottom: Number(m?.[2] ?? 0), range };
  });
  return { rows, merges };
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue); // formula: its cached value
    if ('error' in v) return null;
  }
  return String(v);
}
