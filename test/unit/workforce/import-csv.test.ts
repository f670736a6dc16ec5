import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, toCsv } from '../../../electron/core/workforce/import-csv.js';

describe('CSV parser', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and LF', () => {
    const text = '姓名,住址,备注\r\n张三,"成都市, 双流区","他说""好"""\n李四,"第一行\r\n第二行",\r\n';
    expect(parseCsv(text)).toEqual([
      ['姓名', '住址', '备注'],
      ['张三', '成都市, 双流区', '他说"好"'],
      ['李四', '第一行\r\n第二行', ''],
    ]);
  });

  it('keeps blank lines as empty rows so row numbers match the spreadsheet', () => {
    expect(parseCsv('a\n\nb')).toEqual([['a'], [], ['b']]);
  });

  it('refuses a quote that is never closed', () => {
    expect(() => parseCsv('a,"b\nc')).toThrow(/never closed/);
  });

  it('strips the UTF-8 BOM, and reads GBK when the bytes are not UTF-8', () => {
    expect(decodeCsv(Buffer.from('\ufeff姓名,工种', 'utf8'))).toEqual({ text: '姓名,工种', encoding: 'utf-8' });
    // 姓名 in GBK: D0D5 C3FB
    expect(decodeCsv(Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x61]))).toEqual({ text: '姓名,a', encoding: 'gb18030' });
  });

  it('writes what it reads back', () => {
    const rows = [['姓名', '备注'], ['张三', 'a,"b"\nc']];
    const text = toCsv(rows);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(parseCsv(decodeCsv(Buffer.from(text, 'utf8')).text).filter((r) => r.length)).toEqual(rows);
  });

  it('stops at a row limit', () => {
    expect(() => parseCsv('a\nb\nc\nd', 2)).toThrow(/more than 2 rows/);
  });
});
