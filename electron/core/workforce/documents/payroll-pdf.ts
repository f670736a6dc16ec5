import { daysText, hoursText, yuanOf, type PaySheet } from '../../../common/attendance.js';
import { GAP, hashText, monthText, PAY_SIGNATURES, PAY_TITLE, wageKindText } from './document-text.js';
import { pdfTable, type PdfColumn, type PdfRow } from './pdf-table.js';
import type { Progress } from './xlsx-layout.js';

/**
 * The pay sheet as PDF (A4 landscape): a row per worker with days, hours, rate, amount due,
 * bank and masked card, and room for the worker's signature; team and company totals; the hash
 * of the ledger it was computed from on every page.
 */
export function payrollPdf(pay: PaySheet, generatedAt: string, onProgress?: Progress): Promise<Buffer> {
  const columns: PdfColumn[] = [
    { title: '序号', width: 26, align: 'center' },
    { title: '姓名', width: 52 },
    { title: '身份证号', width: 90 },
    { title: '工种', width: 46 },
    { title: '出勤天数', width: 40, align: 'right' },
    { title: '工时', width: 40, align: 'right' },
    { title: '计酬方式', width: 40, align: 'center' },
    { title: '单价(元)', width: 54, align: 'right' },
    { title: '应发金额(元)', width: 70, align: 'right' },
    { title: '开户银行', width: 90 },
    { title: '银行卡号', width: 100 },
    { title: '本人签字', width: 793 - 26 - 52 - 90 - 46 - 40 - 40 - 40 - 54 - 70 - 90 - 100 },
  ];
  const total = (label: string, workers: number, fen: number): PdfRow => ({ kind: 'total', label: `${label}（${workers} 人）`, cells: ['', '', '', '', yuanOf(fen), '', '', ''] });
  const rows: PdfRow[] = [];
  const teams = new Map(pay.teams.map((t) => [`${t.company}\u0000${t.team}`, t]));
  let team = '';
  const closeTeam = () => {
    const t = teams.get(team);
    if (t) rows.push(total(`班组小计：${t.team}`, t.workers, t.amountFen));
  };
  pay.rows.forEach((r, i) => {
    const key = `${r.company}\u0000${r.team}`;
    if (key !== team) {
      closeTeam();
      team = key;
      rows.push({ kind: 'group', text: `单位：${r.company}${GAP}班组：${r.team}` });
    }
    rows.push({
      kind: 'row',
      cells: [String(i + 1), r.name, r.idMasked, r.trade, daysText(r.halfDays), hoursText(r.totalMinutes), wageKindText(r.wageKind), r.rateFen === null ? '—' : yuanOf(r.rateFen), r.amountFen === null ? '待核定' : yuanOf(r.amountFen), r.bankName ?? '', r.bankCardMasked ?? '', ''],
    });
  });
  closeTeam();
  for (const c of pay.companies) rows.push(total(`单位合计：${c.company}`, c.workers, c.amountFen));
  rows.push(total('总计', new Set(pay.rows.map((r) => r.workerId)).size, pay.amountFen));
  return pdfTable(
    {
      title: `${PAY_TITLE}（${monthText(pay.month)}）`,
      subtitle: `项目名称：${pay.projectName}${GAP}月份：${pay.month}${GAP}制表时间：${generatedAt}${GAP}依据：${hashText(pay.ledgerHash)}`,
      columns,
      rows,
      rowHeight: 18,
      totalLabelSpan: 4,
      fontSize: 7.5,
      footer: `依据${hashText(pay.ledgerHash)}`,
      notes: [
        `金额以分计算：计日 = 日单价 × 出勤天数；计时 = 时单价 × 工时；每人合计一次四舍五入到分。${pay.withoutRate ? `未约定单价 ${pay.withoutRate} 人（待核定）。` : ''}`,
        `依据${hashText(pay.ledgerHash)}`,
      ],
      signatures: PAY_SIGNATURES,
    },
    onProgress,
  );
}
