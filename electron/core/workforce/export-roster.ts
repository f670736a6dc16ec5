/**
 * The roster as a file: the import template (headers, one example row, a notes sheet) and the
 * export of everyone on the project, in the same columns, so an export can be edited and imported
 * on another site. ID and bank-card numbers are masked unless the caller may reveal them.
 */
import ExcelJS from 'exceljs';
import { makeGb11643 } from '../../common/id-number.js';
import type { ContractType, IdType, WageKind } from '../../common/workforce.js';
import { toCsv } from './import-csv.js';
import { CONTRACT_TYPE_LABEL, ID_TYPE_LABEL, ROSTER_COLUMNS, WAGE_KIND_LABEL } from './import-columns.js';
import { withLuhnDigit } from './id-rules.js';

type Row = Record<string, string | null>;

/** The example row: a valid made-up ID and bank card, so the template imports as it is. */
function exampleRow(): Row {
  const row: Row = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.field, c.example]));
  row.idNumber = makeGb11643('110101', '19900307', 123);
  row.bankCard = withLuhnDigit('622202020011223344');
  return row;
}

async function xlsxOf(rows: Row[], notes: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Site Command';
  const sheet = workbook.addWorksheet('人员名册');
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: Math.max(10, c.header.length * 2 + 4), style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of rows) sheet.addRow(row);
  if (notes) {
    const info = workbook.addWorksheet('填写说明');
    info.columns = [
      { header: '列名', key: 'header', width: 20 },
      { header: '是否必填', key: 'required', width: 10 },
      { header: '说明', key: 'note', width: 80 },
    ];
    info.getRow(1).font = { bold: true };
    for (const c of ROSTER_COLUMNS) info.addRow({ header: c.header, required: c.required ? '必填' : '', note: c.note });
    info.addRow({});
    info.addRow({ header: '注意', note: '列顺序可调整，按表头名称识别；数据区不得合并单元格；每个文件最多 50,000 行；证件号码、银行卡号请设为文本格式。' });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvOf(rows: Row[]): Buffer {
  return Buffer.from(toCsv([ROSTER_COLUMNS.map((c) => c.header), ...rows.map((r) => ROSTER_COLUMNS.map((c) => r[c.field] ?? ''))]), 'utf8');
}

export async function importTemplate(format: 'xlsx' | 'csv'): Promise<Buffer> {
  return format === 'xlsx' ? xlsxOf([exampleRow()], true) : csvOf([exampleRow()]);
}

/** One worker's export row from the roster query; `open` gives the clear numbers or null (masked). */
export function exportRowOf(r: Record<string, unknown>, numbers: { idNumber: string; bankCard: string | null } | null, showPay: boolean): Row {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    name: s(r.name),
    idType: ID_TYPE_LABEL[r.id_type as IdType] ?? s(r.id_type),
    idNumber: numbers ? numbers.idNumber : s(r.id_masked),
    gender: r.gender === 'M' ? '男' : r.gender === 'F' ? '女' : null,
    ethnicity: s(r.ethnicity),
    birthDate: s(r.birth_date),
    address: s(r.address),
    issuingAuthority: s(r.issuing_authority),
    idValidFrom: s(r.id_valid_from),
    idValidTo: r.id_valid_from && !r.id_valid_to ? '长期' : s(r.id_valid_to),
    phone: s(r.phone),
    education: s(r.education),
    trade: s(r.trade),
    isManager: r.is_manager === 1 ? '是' : '否',
    post: s(r.post),
    companyName: s(r.company_name),
    creditCode: s(r.credit_code),
    teamName: s(r.team_name),
    enteredOn: s(r.entered_on),
    contractType: r.contract_type ? CONTRACT_TYPE_LABEL[r.contract_type as ContractType] : null,
    contractStart: s(r.contract_start),
    contractEnd: s(r.contract_end),
    wageKind: showPay && r.wage_kind ? WAGE_KIND_LABEL[r.wage_kind as WageKind] : null,
    wageRate: showPay && typeof r.wage_rate_fen === 'number' ? (r.wage_rate_fen / 100).toFixed(2) : null,
    bankName: s(r.bank_name),
    bankCard: numbers ? numbers.bankCard : s(r.bank_card_masked),
    emergencyContact: s(r.emergency_contact),
    emergencyPhone: s(r.emergency_phone),
    cardNo: s(r.card_no),
  };
}

export async function rosterFile(rows: Row[], format: 'xlsx' | 'csv'): Promise<Buffer> {
  return format === 'xlsx' ? xlsxOf(rows, false) : csvOf(rows);
}
