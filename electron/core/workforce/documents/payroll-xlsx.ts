import ExcelJS from 'exceljs';
import { daysText, hoursText, type PaySheet } from '../../../common/attendance.js';
import { hashText, monthText, PAY_SIGNATURES, PAY_TITLE, wageKindText } from './document-text.js';
import { applyPrintLayout, styleHeader, thinBorder, type Progress } from './xlsx-layout.js';

/**
 * The pay sheet (工资表) as XLSX: per worker the days and hours from the ledger, the contract's
 * rate, the amount due (yuan, exactly two decimals: the value is the fen amount ÷ 100, shown
 * with format 0.00, and every total is summed in fen before it is written), bank and masked card,
 * and an empty column for the worker's signature; team and company totals; the hash of the
 * ledger it was computed from.
 */
export async function payrollXlsx(pay: PaySheet, generatedAt: string, onProgress: Progress = () => undefined): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Site Command';
  const ws = wb.addWorksheet('工资表');
  const head = ['序号', '单位', '班组', '姓名', '身份证号', '工种', '出勤天数', '工时(小时)', '计酬方式', '单价(元)', '应发金额(元)', '开户银行', '银行卡号', '本人签字'];
  const width = head.length;
  ws.columns = [5, 16, 10, 9, 20, 8, 8, 9, 8, 9, 12, 14, 22, 14].map((w) => ({ width: w }));
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = `${PAY_TITLE}（${monthText(pay.month)}）`;
  ws.getCell(1, 1).font = { size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = `项目名称：${pay.projectName}    月份：${pay.month}    依据考勤台账 SHA-256：${pay.ledgerHash}    制表时间：${generatedAt}`;
  ws.getRow(3).values = head;
  styleHeader(ws.getRow(3), width);
  const money = (fen: number | null) => (fen === null ? '' : fen / 100);
  const moneyCols = [10, 11];
  const border = (row: ExcelJS.Row) => {
    for (let c = 1; c <= width; c++) row.getCell(c).border = thinBorder;
    for (const c of moneyCols) row.getCell(c).numFmt = '#,##0.00';
    row.getCell(7).numFmt = '0.0';
    row.getCell(8).numFmt = '0.0';
  };
  const totals = new Map(pay.teams.map((t) => [`${t.company}\u0000${t.team}`, t]));
  const addTotal = (label: string, workers: number, fen: number) => {
    const row = ws.addRow([label, '', '', `${workers} 人`, '', '', '', '', '', '', money(fen), '', '', '']);
    row.font = { bold: true };
    border(row);
  };
  let team = '';
  pay.rows.forEach((r, i) => {
    const key = `${r.company}\u0000${r.team}`;
    if (team !== '' && key !== team) {
      const t = totals.get(team)!;
      addTotal(`班组小计：${t.company} ${t.team}`, t.workers, t.amountFen);
    }
    team = key;
    const row = ws.addRow([
      i + 1,
      r.company,
      r.team,
      r.name,
      r.idMasked,
      r.trade,
      Number(daysText(r.halfDays)),
      Number(hoursText(r.totalMinutes)),
      wageKindText(r.wageKind),
      money(r.rateFen),
      money(r.amountFen),
      r.bankName ?? '',
      r.bankCardMasked ?? '',
      '',
    ]);
    border(row);
    row.height = 22;
    if (i % 200 === 0) onProgress(i / pay.rows.length);
  });
  if (team !== '') {
    const t = totals.get(team)!;
    addTotal(`班组小计：${t.company} ${t.team}`, t.workers, t.amountFen);
  }
  for (const c of pay.companies) addTotal(`单位合计：${c.company}`, c.workers, c.amountFen);
  addTotal('总计', new Set(pay.rows.map((r) => r.workerId)).size, pay.amountFen);
  ws.addRow([]);
  ws.addRow([`金额以分计算：计日 = 日单价 × 出勤天数；计时 = 时单价 × 工时；每人合计一次四舍五入到分。${pay.withoutRate ? `未约定单价 ${pay.withoutRate} 人，需另行核定。` : ''}`]);
  ws.addRow([hashText(pay.ledgerHash)]);
  ws.addRow([]);
  const sign = ws.addRow([]);
  PAY_SIGNATURES.forEach((s, i) => (sign.getCell(1 + i * 4).value = `${s}＿＿＿＿＿＿`));
  applyPrintLayout(ws, { titleRows: '3:3', footerLeft: hashText(pay.ledgerHash) });
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 4 }];
  onProgress(1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
