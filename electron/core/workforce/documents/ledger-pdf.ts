import { daysText, hoursText, type Ledger } from '../../../common/attendance.js';
import { FLAG_TEXT, GAP, hashText, LEDGER_LEGEND, LEDGER_SIGNATURES, LEDGER_TITLE, monthText } from './document-text.js';
import { pdfTable, type PdfColumn, type PdfRow } from './pdf-table.js';
import type { Progress } from './xlsx-layout.js';

/**
 * The monthly ledger as PDF (A4 landscape): per company and team a heading, a row per worker
 * with the day marks of days 1…N, days and hours, flags; a subtotal per team, company totals and
 * the grand total; the legend, the hash on every page, signature lines at the end.
 */
export function ledgerPdf(ledger: Ledger, generatedAt: string, onProgress?: Progress): Promise<Buffer> {
  const n = ledger.daysInMonth;
  const dayWidth = 15.5;
  const columns: PdfColumn[] = [
    { title: '序号', width: 24, align: 'center' },
    { title: '姓名', width: 46 },
    { title: '身份证号', width: 82 },
    { title: '工种', width: 40 },
    ...Array.from({ length: n }, (_, i): PdfColumn => ({ title: String(i + 1), width: dayWidth, align: 'center' })),
    { title: '出勤天数', width: 34, align: 'right' },
    { title: '工时', width: 34, align: 'right' },
    { title: '异常', width: 793 - 24 - 46 - 82 - 40 - 34 - 34 - dayWidth * n },
  ];
  const blanks = Array.from({ length: n }, () => '');
  const total = (label: string, workers: number, halfDays: number, minutes: number): PdfRow => ({ kind: 'total', label: `${label}（${workers} 人）`, cells: [...blanks, daysText(halfDays), hoursText(minutes), ''] });
  const rows: PdfRow[] = [];
  const teams = new Map(ledger.teams.map((t) => [`${t.company}\u0000${t.team}`, t]));
  let team = '';
  const closeTeam = () => {
    const t = teams.get(team);
    if (t) rows.push(total(`班组小计：${t.team}`, t.workers, t.halfDays, t.totalMinutes));
  };
  ledger.rows.forEach((r, i) => {
    const key = `${r.company}\u0000${r.team}`;
    if (key !== team) {
      closeTeam();
      team = key;
      rows.push({ kind: 'group', text: `单位：${r.company}${GAP}班组：${r.team}` });
    }
    rows.push({ kind: 'row', cells: [String(i + 1), r.name, r.idMasked, r.trade, ...r.marks, daysText(r.halfDays), hoursText(r.totalMinutes), r.flags.map((f) => FLAG_TEXT[f]).join('、')] });
  });
  closeTeam();
  for (const c of ledger.companies) rows.push(total(`单位合计：${c.company}`, c.workers, c.halfDays, c.totalMinutes));
  rows.push(total('总计', new Set(ledger.rows.map((r) => r.workerId)).size, ledger.halfDays, ledger.totalMinutes));
  return pdfTable(
    {
      title: `${LEDGER_TITLE}（${monthText(ledger.month)}）`,
      subtitle: `项目名称：${ledger.projectName}${GAP}月份：${ledger.month}${GAP}考勤规则版本：${ledger.ruleVersions.join('、') || '—'}${GAP}制表时间：${generatedAt}${GAP}${ledger.closedAt ? '已结账' : '未结账'}`,
      columns,
      rows,
      rowHeight: 13,
      totalLabelSpan: 4,
      fontSize: 7,
      footer: hashText(ledger.hash),
      notes: [LEDGER_LEGEND, hashText(ledger.hash)],
      signatures: LEDGER_SIGNATURES,
    },
    onProgress,
  );
}
