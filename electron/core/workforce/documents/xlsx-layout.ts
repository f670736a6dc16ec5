import type ExcelJS from 'exceljs';

/** Progress of a document, 0…1. */
export type Progress = (fraction: number) => void;

export const thinBorder: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export function styleHeader(row: ExcelJS.Row, width: number): void {
  row.font = { bold: true };
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thinBorder;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  }
}

/**
 * Printing as the office files it: A4 (paperSize 9) landscape, fitted to one page wide, the
 * header rows repeated on every page, "第 X 页 共 Y 页" (&P of &N) in the footer with the ledger
 * hash, so every sheet of paper carries the hash.
 */
export function applyPrintLayout(ws: ExcelJS.Worksheet, o: { titleRows: string; footerLeft: string }): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: o.titleRows,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.25 },
  };
  ws.headerFooter = { oddFooter: `&L&8${o.footerLeft}&R&8第 &P 页 共 &N 页`, evenFooter: `&L&8${o.footerLeft}&R&8第 &P 页 共 &N 页` };
  ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 4 }];
}
