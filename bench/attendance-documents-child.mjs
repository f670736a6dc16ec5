// One document of the attendance benchmark, in its own process so its peak resident memory is
// its own: `node attendance-documents-child.mjs ROOT INPUT.json ledger|pay xlsx|pdf|csv OUT`.
// Prints {ms, bytes, peakRssMiB}. csv is the baseline: the same rows, plain text.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, input, kind, format, out] = process.argv.slice(2);
const { renderDocument } = await import(pathToFileURL(join(root, 'dist', 'electron', 'core', 'workforce', 'documents', 'render-document.js')).href);
const { ledger, pay } = JSON.parse(readFileSync(input, 'utf8'));
const cell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v ?? ''));

function csv() {
  const lines = [];
  if (kind === 'ledger') {
    lines.push(['单位', '班组', '姓名', '身份证号', '工种', ...Array.from({ length: ledger.daysInMonth }, (_, i) => i + 1), '出勤半天数', '工时分钟'].join(','));
    for (const r of ledger.rows) lines.push([r.company, r.team, r.name, r.idMasked, r.trade, ...r.marks, r.halfDays, r.totalMinutes].map(cell).join(','));
  } else {
    lines.push(['单位', '班组', '姓名', '身份证号', '工种', '出勤半天数', '工时分钟', '计酬方式', '单价分', '应发分', '开户银行', '银行卡号'].join(','));
    for (const r of pay.rows) lines.push([r.company, r.team, r.name, r.idMasked, r.trade, r.halfDays, r.totalMinutes, r.wageKind, r.rateFen, r.amountFen, r.bankName, r.bankCardMasked].map(cell).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const started = performance.now();
const bytes =
  format === 'csv'
    ? csv()
    : await renderDocument(kind === 'ledger' ? { kind, format, ledger, generatedAt: '2026-04-01 09:00' } : { kind, format, pay, generatedAt: '2026-04-01 09:00' });
writeFileSync(out, bytes);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, bytes: bytes.length, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
