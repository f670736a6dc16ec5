import ExcelJS from 'exceljs';
import { daysText, hoursText, type Ledger } from '../../../common/attendance.js';
import { FLAG_TEXT, hashText, LEDGER_LEGEND, LEDGER_SIGNATURES, LEDGER_TITLE, monthText } from './document-text.js';
import { applyPrintLayout, styleHeader, thinBorder, type Progress } from './xlsx-layout.js';

/**
 * The monthly ledger as an XLSX workbook, one sheet laid out for printing on A4 landscape: title
 * and project on top, two header rows repeated on every printed page, a row per worker grouped by
 * company and team with a subtotal per team, then company totals, the grand total, the legend,
 * the ledger hash and the signature lines; page numbers "第 X 页 共 Y 页" in the footer.
 * Numbers are numbers (days, hours), so the office can sum them again.
 */
export async function ledgerXlsx(ledger: Ledger, generatedAt: string, onProgress: Progress = () => undefined): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Site Command';
  const ws = wb.addWorksheet('考勤台账');
  const n = ledger.daysInMonth;
  const fixed = ['序号', '单位', '班组', '姓名', '身份证号', '工种'];
  const tail = ['出勤天数', '工时(小时)', '异常'];
  const width = fixed.length + n + tail.length;
  ws.columns = [
    { width: 5 },
    { width: 16 },
    { width: 10 },
    { width: 9 },
    { width: 20 },
    { width: 8 },
    ...Array.from({ length: n }, () => ({ width: 3.6 })),
    { width: 8 },
    { width: 9 },
    { width: 14 },
  ];
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = `${LEDGER_TITLE}（${monthText(ledger.month)}）`;
  ws.getCell(1, 1).font = { size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = `项目名称：${ledger.projectName}    月份：${ledger.month}    考勤规则版本：${ledger.ruleVersions.join('、') || '—'}    制表时间：${generatedAt}${ledger.closedAt ? '    已结账' : '    未结账'}`;
  const head1 = ws.getRow(3);
  const head2 = ws.getRow(4);
  fixed.forEach((t, i) => {
    head1.getCell(i + 1).value = t;
    ws.mergeCells(3, i + 1, 4, i + 1);
  });
  ws.mergeCells(3, fixed.length + 1, 3, fixed.length + n);
  head1.getCell(fixed.length + 1).value = '日期（出勤标记）';
  for (let d = 1; d <= n; d++) head2.getCell(fixed.length + d).value = d;
  tail.forEach((t, i) => {
    head1.getCell(fixed.length + n + i + 1).value = t;
    ws.mergeCells(3, fixed.length + n + i + 1, 4, fixed.length + n + i + 1);
  });
  styleHeader(head1, width);
  styleHeader(head2, width);

  let seq = 0;
  let team = '';
  const teamTotals = new Map(ledger.teams.map((t) => [`${t.company}\u0000${t.team}`, t]));
  const addTotal = (label: string, workers: number, halfDays: number, minutes: number) => {
    const row = ws.addRow([label, '', '', `${workers} 人`, '', '', ...Array.from({ length: n }, () => ''), Number(daysText(halfDays)), Number(hoursText(minutes)), '']);
    row.font = { bold: true };
    for (let c = 1; c <= width; c++) row.getCell(c).border = thinBorder;
    row.getCell(fixed.length + n + 1).numFmt = '0.0';
    row.getCell(fixed.length + n + 2).numFmt = '0.0';
    return row;
  };
  ledger.rows.forEach((r, i) => {
    const key = `${r.company}\u0000${r.team}`;
    if (team !== '' && team !== key) {
      const t = teamTotals.get(team)!;
      addTotal(`班组小计：${t.company} ${t.team}`, t.workers, t.halfDays, t.totalMinutes);
    }
    team = key;
    seq++;
    const row = ws.addRow([seq, r.company, r.team, r.name, r.idMasked, r.trade, ...r.marks, Number(daysText(r.halfDays)), Number(hoursText(r.totalMinutes)), r.flags.map((f) => FLAG_TEXT[f]).join('、')]);
    for (let c = 1; c <= width; c++) row.getCell(c).border = thinBorder;
    for (let d = 1; d <= n; d++) row.getCell(fixed.length + d).alignment = { horizontal: 'center' };
    row.getCell(fixed.length + n + 1).numFmt = '0.0';
    row.getCell(fixed.length + n + 2).numFmt = '0.0';
    if (i % 200 === 0) onProgress(i / ledger.rows.length);
  });
  if (team !== '') {
    const t = teamTotals.get(team)!;
    addTotal(`班组小计：${t.company} ${t.team}`, t.workers, t.halfDays, t.totalMinutes);
  }
  for (const c of ledger.companies) addTotal(`单位合计：${c.company}`, c.workers, c.halfDays, c.totalMinutes);
  addTotal('总计', new Set(ledger.rows.map((r) => r.workerId)).size, ledger.halfDays, ledger.totalMinutes);
  ws.addRow([]);
  ws.addRow([LEDGER_LEGEND]);
  ws.addRow([hashText(ledger.hash)]).getCell(1).font = { name: 'Consolas' };
  ws.addRow([]);
  const sign = ws.addRow([]);
  LEDGER_SIGNATURES.forEach((s, i) => (sign.getCell(1 + i * Math.floor(width / 4)).value = `${s}＿＿＿＿＿＿`));
  applyPrintLayout(ws, { titleRows: '3:4', footerLeft: hashText(ledger.hash) });
  onProgress(1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
