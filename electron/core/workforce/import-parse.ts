/**
 * From a table of cells to registrations, row by row: finds the header row by the columns' names,
 * refuses the file for what makes every row doubtful (missing required columns, merged cells in
 * the data area, too many rows, no data), and checks each row with the registration's own rules.
 * Pure and synchronous, so it runs in a worker thread; what needs the store (already registered,
 * blacklisted, company names) is checked by the import service.
 */
import type { CertificateInput, MembershipInput, WorkerInput } from '../../common/api/workforce.js';
import { maskNumber } from '../../common/workforce.js';
import { checkCreditCode, normaliseIdNumber, type FieldProblem } from './id-rules.js';
import { canonicalHeader, CONTRACT_TYPE_NAMES, HEADER_OF_FIELD, ID_TYPE_NAMES, ROSTER_COLUMNS, WAGE_KIND_NAMES } from './import-columns.js';
import { ImportFileError, type Cell, type Table } from './import-table.js';
import { clean, validateMembership, validateWorker } from './worker-validation.js';

export interface RowProblem extends FieldProblem {
  column: string;
}

/** One data row: what it registers, or why not. */
export interface ParsedRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  name: string | null;
  idMasked: string | null;
  problems: RowProblem[];
  worker: WorkerInput | null;
  membership: Omit<MembershipInput, 'companyId' | 'teamId'> | null;
  certificates: CertificateInput[];
  company: { creditCode: string; name: string } | null;
  teamName: string | null;
}

/** How many rows above the data the header may be (title rows, notes). */
const HEADER_SEARCH_ROWS = 10;

function text(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return isoDay(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return clean(String(cell));
}

/** Excel keeps a date as a day at UTC midnight; exceljs reads it as that instant. */
function isoDay(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'invalid' : d.toISOString().slice(0, 10);
}

/** A date cell: a date, or text as YYYY-MM-DD, YYYY/M/D or YYYY.M.D (as offices type them). */
function dayOf(cell: Cell | undefined): string | null {
  const t = text(cell);
  if (t === null) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : t;
}

/** Finds the header row: the first of the top rows holding 姓名 and 证件号码. */
export function findHeader(rows: Cell[][]): { index: number; columns: Map<string, number> } {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const columns = new Map<string, number>();
    (rows[i] ?? []).forEach((cell, col) => {
      const t = text(cell);
      if (t !== null) {
        const header = canonicalHeader(t);
        if (!columns.has(header)) columns.set(header, col);
      }
    });
    if (columns.has('姓名') && columns.has('证件号码')) return { index: i, columns };
  }
  throw new ImportFileError(`no header row found in the first ${HEADER_SEARCH_ROWS} rows: it must hold at least 姓名 and 证件号码 (download the template)`);
}

/** Checks the file as a whole; returns the header and the data rows' range. */
export function checkTableShape(table: Table, maxRows: number): { header: { index: number; columns: Map<string, number> }; first: number; last: number } {
  const header = findHeader(table.rows);
  const missing = ROSTER_COLUMNS.filter((c) => c.required && !header.columns.has(c.header)).map((c) => c.header);
  if (missing.length) throw new ImportFileError(`required columns are missing: ${missing.join(', ')} (download the template for the full list)`);
  let last = table.rows.length - 1;
  while (last > header.index && (table.rows[last] ?? []).every((c) => text(c) === null)) last--;
  const dataRows = last - header.index;
  if (dataRows <= 0) throw new ImportFileError('the file has a header but no data rows');
  if (dataRows > maxRows) throw new ImportFileError(`the file has ${dataRows} data rows, more than ${maxRows}; split it`);
  const merged = table.merges.filter((m) => m.bottom > header.index + 1);
  if (merged.length) {
    throw new ImportFileError(`merged cells in the data area (${merged.slice(0, 5).map((m) => m.range).join(', ')}${merged.length > 5 ? ', …' : ''}): unmerge them and fill every row's cells, so no row depends on another's`);
  }
  return { header, first: header.index + 1, last };
}

/** A long number that Excel stored as a float has lost its last digits (15 significant digits). */
function numberLost(cell: Cell | undefined): boolean {
  return typeof cell === 'number' && Math.abs(cell) >= 1e15;
}

/** Turns one data row into a registration, or its problems. `today` bounds dates. */
export function parseRow(cells: Cell[], rowNumber: number, columns: Map<string, number>, today: string): ParsedRow | null {
  const at = (field: string): Cell | undefined => {
    const col = columns.get(HEADER_OF_FIELD[field]!);
    return col === undefined ? undefined : cells[col];
  };
  if (cells.every((c) => text(c) === null)) return null;
  const problems: RowProblem[] = [];
  const add = (field: string, key: string, reason: string) => problems.push({ field, column: HEADER_OF_FIELD[field] ?? field, key: `wf.err.${key}`, reason });
  const withColumn = (p: FieldProblem): RowProblem => ({ ...p, column: HEADER_OF_FIELD[p.field] ?? p.field });

  const idTypeText = text(at('idType'));
  const idType = idTypeText === null ? 'mainland' : ID_TYPE_NAMES[idTypeText.replace(/\s+/g, '')];
  if (!idType) add('idType', 'id-type', `idType: "${idTypeText}" is not a known ID type (居民身份证, 港澳台居民居住证, 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 护照, 外国人永久居留身份证)`);
  for (const field of ['idNumber', 'bankCard'] as const) {
    if (numberLost(at(field))) add(field, 'number-as-float', `${field}: the number was stored as a number and Excel rounded its last digits; format the column as text and type it again`);
  }
  const genderText = text(at('gender'));
  const gender = genderText === null ? null : genderText === '男' || genderText.toUpperCase() === 'M' ? 'M' : genderText === '女' || genderText.toUpperCase() === 'F' ? 'F' : undefined;
  if (gender === undefined) add('gender', 'gender', `gender: "${genderText}" is neither 男 nor 女`);
  const managerText = text(at('isManager'));
  const isManager = managerText === null ? false : ['是', 'Y', 'YES', '1', 'TRUE'].includes(managerText.toUpperCase()) ? true : ['否', 'N', 'NO', '0', 'FALSE'].includes(managerText.toUpperCase()) ? false : undefined;
  if (isManager === undefined) add('isManager', 'yes-no', `isManager: "${managerText}" is neither 是 nor 否`);
  const validTo = dayOf(at('idValidTo'));

  const worker: WorkerInput = {
    name: text(at('name')) ?? '',
    idType: idType ?? 'mainland',
    idNumber: normaliseIdNumber(text(at('idNumber')) ?? ''),
    gender: gender ?? null,
    ethnicity: text(at('ethnicity')),
    birthDate: dayOf(at('birthDate')),
    address: text(at('address')),
    issuingAuthority: text(at('issuingAuthority')),
    idValidFrom: dayOf(at('idValidFrom')),
    idValidTo: validTo === '长期' ? null : validTo,
    phone: text(at('phone')),
    education: text(at('education')),
    trade: text(at('trade')) ?? '',
    isManager: isManager ?? false,
    post: text(at('post')),
    bankName: text(at('bankName')),
    bankCard: text(at('bankCard')),
    emergencyContact: text(at('emergencyContact')),
    emergencyPhone: text(at('emergencyPhone')),
    cardNo: text(at('cardNo')),
  };
  const checked = validateWorker(worker, today);
  if (idType) problems.push(...checked.problems.filter((p) => !problems.some((q) => q.field === p.field)).map(withColumn));
  else problems.push(...checked.problems.filter((p) => p.field !== 'idNumber').map(withColumn));

  const contractText = text(at('contractType'));
  const contractType = contractText === null ? null : CONTRACT_TYPE_NAMES[contractText.replace(/\s+/g, '')];
  if (contractType === undefined) add('contractType', 'contract-type', `contractType: "${contractText}" is not 固定期限, 以完成一定工作任务为期限, 无固定期限 or 其他`);
  const wageText = text(at('wageKind'));
  const wageKind = wageText === null ? null : WAGE_KIND_NAMES[wageText.replace(/\s+/g, '')];
  if (wageKind === undefined) add('wageKind', 'wage-kind', `wageKind: "${wageText}" is neither 按日 nor 按小时`);
  const rateText = text(at('wageRate'));
  let wageRateFen: number | null = null;
  if (rateText !== null) {
    const yuan = Number(rateText.replace(/[,，]/g, ''));
    if (!Number.isFinite(yuan) || yuan <= 0 || yuan > 100_000 || !/^\d+(\.\d{1,2})?$/.test(rateText.replace(/[,，]/g, ''))) add('wageRate', 'wage-rate', `wageRate: "${rateText}" is not an amount in yuan (e.g. 350 or 42.50)`);
    else wageRateFen = Math.round(yuan * 100);
  }
  const membership: Omit<MembershipInput, 'companyId' | 'teamId'> = {
    role: isManager ? 'manager' : 'worker',
    enteredOn: dayOf(at('enteredOn')) ?? '',
    contractType: contractType ?? null,
    contractStart: dayOf(at('contractStart')),
    contractEnd: dayOf(at('contractEnd')),
    wageKind: wageKind ?? (wageRateFen !== null ? 'daily' : null),
    wageRateFen,
  };
  problems.push(
    ...validateMembership({ ...membership, companyId: 1 }, today)
      .filter((p) => !problems.some((q) => q.field === p.field) && !(p.field === 'wageRateFen'))
      .map((p) => withColumn(p.field === 'wageRateFen' ? { ...p, field: 'wageRate' } : p)),
  );

  const companyName = text(at('companyName'));
  const creditCode = text(at('creditCode'))?.replace(/\s+/g, '').toUpperCase() ?? null;
  if (companyName === null) add('companyName', 'required', 'companyName: the company (参建单位) is required');
  if (creditCode === null) add('creditCode', 'required', "creditCode: the company's unified social credit code is required");
  else {
    const bad = checkCreditCode('creditCode', creditCode);
    if (bad) problems.push(withColumn(bad));
  }
  return {
    row: rowNumber,
    name: worker.name || null,
    idMasked: worker.idNumber ? maskNumber(worker.idNumber) : null,
    problems,
    worker: problems.length ? null : checked.worker,
    membership: problems.length ? null : membership,
    certificates: [],
    company: companyName && creditCode ? { creditCode, name: companyName } : null,
    teamName: text(at('teamName')),
  };
}

/** Every data row, with duplicates inside the file refused (the first occurrence is kept). */
export function parseTable(table: Table, today: string, maxRows: number): ParsedRow[] {
  const { header, first, last } = checkTableShape(table, maxRows);
  const out: ParsedRow[] = [];
  const seenIds = new Map<string, number>();
  const seenCards = new Map<string, number>();
  const companyNames = new Map<string, string>();
  for (let i = first; i <= last; i++) {
    const parsed = parseRow(table.rows[i] ?? [], i + 1, header.columns, today);
    if (!parsed) continue;
    const refuse = (field: string, key: string, reason: string) => {
      parsed.problems.push({ field, column: HEADER_OF_FIELD[field] ?? field, key: `wf.err.${key}`, reason });
      parsed.worker = null;
      parsed.membership = null;
    };
    const id = normaliseIdNumber(text((table.rows[i] ?? [])[header.columns.get('证件号码')!]) ?? '');
    if (id) {
      const earlier = seenIds.get(id);
      if (earlier !== undefined) refuse('idNumber', 'duplicate-in-file', `idNumber: the same ID number is on row ${earlier} of this file`);
      else seenIds.set(id, parsed.row);
    }
    const card = parsed.worker?.cardNo;
    if (card) {
      const earlier = seenCards.get(card);
      if (earlier !== undefined) refuse('cardNo', 'duplicate-in-file', `cardNo: the same gate card is on row ${earlier} of this file`);
      else seenCards.set(card, parsed.row);
    }
    if (parsed.company) {
      const name = companyNames.get(parsed.company.creditCode);
      if (name !== undefined && name !== parsed.company.name) refuse('companyName', 'company-mismatch', `companyName: credit code ${parsed.company.creditCode} is named "${name}" on an earlier row`);
      else companyNames.set(parsed.company.creditCode, parsed.company.name);
    }
    out.push(parsed);
  }
  return out;
}
