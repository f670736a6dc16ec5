/**
 * Checks a whole registration (person, membership, certificates) field by field and gathers every
 * problem, so a form or an import row is told all that is wrong at once. Pure: duplicates and the
 * blacklist need the store and are checked by the registry service.
 */
import type { CertificateInput, MembershipInput, WorkerChanges, WorkerInput } from '../../common/api/workforce.js';
import { CERTIFICATE_TYPES, CONTRACT_TYPES, ID_TYPES, WAGE_KINDS } from '../../common/workforce.js';
import { checkBankCard, checkDate, checkEntryDate, checkIdNumber, checkMobile, checkSpan, crossCheckIdFacts, type FieldProblem } from './id-rules.js';

const problem = (field: string, key: string, reason: string): FieldProblem => ({ field, key: `wf.err.${key}`, reason });

/** Trims strings; '' becomes null, so an empty cell and an absent field mean the same. */
export function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = String(value).trim();
  return t === '' ? null : t;
}

function required(field: string, value: string | null | undefined, what: string): FieldProblem | null {
  return clean(value) === null ? problem(field, 'required', `${field}: ${what} is required`) : null;
}

function tooLong(field: string, value: string | null | undefined, max: number): FieldProblem | null {
  return value && value.length > max ? problem(field, 'too-long', `${field}: at most ${max} characters`) : null;
}

/** The person's fields, with `today` (YYYY-MM-DD, site time) for birth and validity dates. */
export function validateWorker(w: WorkerInput, today: string, prefix = ''): { problems: FieldProblem[]; worker: WorkerInput } {
  const f = (name: string) => prefix + name;
  const problems: (FieldProblem | null)[] = [];
  const name = clean(w.name);
  problems.push(required(f('name'), name, 'the name'), tooLong(f('name'), name, 64));
  if (!ID_TYPES.includes(w.idType)) problems.push(problem(f('idType'), 'id-type', `${f('idType')}: must be one of ${ID_TYPES.join(', ')}`));
  const worker: WorkerInput = { ...w, name: name ?? '' };
  for (const key of ['ethnicity', 'address', 'issuingAuthority', 'education', 'post', 'bankName', 'emergencyContact', 'cardNo', 'faceId', 'phone', 'emergencyPhone', 'birthDate', 'idValidFrom', 'idValidTo', 'bankCard'] as const) {
    worker[key] = clean(w[key]);
  }
  worker.trade = clean(w.trade) ?? '';
  problems.push(required(f('trade'), worker.trade, 'the trade (工种)'), tooLong(f('trade'), worker.trade, 32));
  for (const [key, max] of [['address', 200], ['issuingAuthority', 100], ['ethnicity', 16], ['education', 32], ['post', 32], ['bankName', 64], ['emergencyContact', 64], ['cardNo', 32], ['faceId', 64]] as const) {
    problems.push(tooLong(f(key), worker[key], max));
  }
  if (worker.gender !== undefined && worker.gender !== null && worker.gender !== 'M' && worker.gender !== 'F') problems.push(problem(f('gender'), 'gender', `${f('gender')}: M or F`));
  if (ID_TYPES.includes(w.idType)) {
    const id = checkIdNumber(w.idType, w.idNumber ?? '', today, f('idNumber'));
    if (!id.ok) problems.push(id.problem);
    else {
      worker.idNumber = id.number;
      if (worker.birthDate && !checkDate(f('birthDate'), worker.birthDate)) problems.push(...crossCheckIdFacts(id.facts, worker).map((p) => ({ ...p, field: prefix + p.field, reason: prefix + p.reason })));
      else if (!worker.birthDate) worker.birthDate = id.facts.birthDate ?? null;
      if (worker.gender) problems.push(...crossCheckIdFacts({ gender: id.facts.gender }, { gender: worker.gender }).map((p) => ({ ...p, field: prefix + p.field, reason: prefix + p.reason })));
      else worker.gender = id.facts.gender ?? null;
    }
  }
  if (worker.birthDate) {
    const bad = checkDate(f('birthDate'), worker.birthDate);
    problems.push(bad ?? (worker.birthDate > today ? problem(f('birthDate'), 'date.future', `${f('birthDate')}: ${worker.birthDate} is in the future`) : null));
  }
  if (worker.idValidFrom) problems.push(checkDate(f('idValidFrom'), worker.idValidFrom));
  if (worker.idValidTo) {
    const bad = checkDate(f('idValidTo'), worker.idValidTo);
    problems.push(bad ?? (worker.idValidTo < today ? problem(f('idValidTo'), 'id.expired', `${f('idValidTo')}: the ID document expired on ${worker.idValidTo}; register with a valid one`) : null));
  }
  problems.push(checkSpan(f('idValidFrom'), worker.idValidFrom, f('idValidTo'), worker.idValidTo));
  if (worker.phone) problems.push(checkMobile(f('phone'), worker.phone));
  if (worker.emergencyPhone && !/^[\d+\-\s]{5,20}$/.test(worker.emergencyPhone)) problems.push(problem(f('emergencyPhone'), 'phone', `${f('emergencyPhone')}: a phone number (digits, + and -)`));
  if (worker.bankCard) {
    worker.bankCard = worker.bankCard.replace(/[\s-]+/g, '');
    problems.push(checkBankCard(f('bankCard'), worker.bankCard));
  }
  if (worker.isManager && !worker.post) problems.push(problem(f('post'), 'required', `${f('post')}: a manager's post (e.g. 项目经理, 安全员) is required`));
  return { problems: problems.filter((p): p is FieldProblem => p !== null), worker };
}

/** Changes to a registered worker: each field given is checked as at registration. */
export function validateWorkerChanges(changes: WorkerChanges, current: WorkerInput, today: string): { problems: FieldProblem[]; merged: WorkerInput } {
  const merged = { ...current, ...changes } as WorkerInput;
  const { problems, worker } = validateWorker(merged, today);
  return { problems, merged: worker };
}

/** A membership's fields; the company and team are checked against the store by the service. */
export function validateMembership(m: MembershipInput, today: string, prefix = ''): FieldProblem[] {
  const f = (name: string) => prefix + name;
  const problems: (FieldProblem | null)[] = [];
  problems.push(clean(m.enteredOn) === null ? problem(f('enteredOn'), 'required', `${f('enteredOn')}: the entry date is required`) : checkEntryDate(f('enteredOn'), m.enteredOn, today));
  if (m.contractType && !CONTRACT_TYPES.includes(m.contractType)) problems.push(problem(f('contractType'), 'contract-type', `${f('contractType')}: one of ${CONTRACT_TYPES.join(', ')}`));
  if (m.contractStart) problems.push(checkDate(f('contractStart'), m.contractStart));
  if (m.contractEnd) problems.push(checkDate(f('contractEnd'), m.contractEnd));
  problems.push(checkSpan(f('contractStart'), m.contractStart, f('contractEnd'), m.contractEnd));
  if (m.contractEnd && m.enteredOn && m.contractEnd >= '1900-01-01' && m.contractEnd < m.enteredOn) {
    problems.push(problem(f('contractEnd'), 'contract.ended', `${f('contractEnd')}: the contract ended (${m.contractEnd}) before the entry date ${m.enteredOn}`));
  }
  if (m.wageKind && !WAGE_KINDS.includes(m.wageKind)) problems.push(problem(f('wageKind'), 'wage-kind', `${f('wageKind')}: daily or hourly`));
  if (m.wageRateFen !== undefined && m.wageRateFen !== null) {
    if (!Number.isInteger(m.wageRateFen) || m.wageRateFen <= 0 || m.wageRateFen > 10_000_000) problems.push(problem(f('wageRateFen'), 'wage-rate', `${f('wageRateFen')}: a positive amount in fen, at most 100,000 yuan`));
    else if (!m.wageKind) problems.push(problem(f('wageKind'), 'required', `${f('wageKind')}: say whether the wage is daily or hourly`));
  }
  return problems.filter((p): p is FieldProblem => p !== null);
}

/** A special-operation certificate (建质〔2008〕75号): type, number, validity. */
export function validateCertificate(c: CertificateInput, prefix = 'certificate.'): FieldProblem[] {
  const f = (name: string) => prefix + name;
  const problems: (FieldProblem | null)[] = [];
  if (!CERTIFICATE_TYPES.includes(c.type)) problems.push(problem(f('type'), 'certificate-type', `${f('type')}: one of ${CERTIFICATE_TYPES.join(', ')}`));
  problems.push(required(f('number'), c.number, 'the certificate number'), tooLong(f('number'), c.number, 64));
  problems.push(checkDate(f('validFrom'), c.validFrom ?? ''), checkDate(f('validTo'), c.validTo ?? ''), checkSpan(f('validFrom'), c.validFrom, f('validTo'), c.validTo));
  if (c.reviewDate) problems.push(checkDate(f('reviewDate'), c.reviewDate));
  return problems.filter((p): p is FieldProblem => p !== null);
}
