/**
 * CSV as spreadsheet programs write it (RFC 4180: quoted fields with "" for a quote, commas and
 * line breaks inside quotes, CRLF or LF), decoded from UTF-8 (with or without the BOM Excel's
 * "CSV UTF-8" writes) or, when the bytes are not UTF-8, from GB 18030 (a superset of GBK, what
 * Excel's plain "CSV" writes on Chinese Windows).
 */

export class CsvError extends Error {}

/** The text of a CSV file and the encoding it was read as. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves "CSV" in the ANSI code page (GBK).
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new CsvError('the CSV file is neither UTF-8 nor GBK text; save it as "CSV UTF-8" and try again');
    }
  }
}

/**
 * Splits CSV text into rows of fields. A quote that is never closed is an error (the rest of the
 * file would silently become one field); blank lines are kept as empty rows so row numbers match
 * what a spreadsheet shows.
 */
export function parseCsv(text: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let fieldStarted = false;
  const endRow = () => {
    row.push(field);
    rows.push(row.length === 1 && row[0] === '' && !fieldStarted ? [] : row);
    row = [];
    field = '';
    fieldStarted = false;
    if (rows.length > maxRows) throw new CsvError(`the file has more than ${maxRows} rows`);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvError(`a quoted field opened on row ${rows.length + 1} is never closed`);
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return rows;
}

/** One field for CSV output: quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text with a UTF-8 BOM, so Excel opens the Chinese headers correctly. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
