/**
 * The rules one field of the real-name registry must meet, each a pure function that answers
 * with the problem (an English sentence naming the field, and a translation key for the UI) or
 * null. Shared by registration, edits and the CSV/XLSX import, so a number refused in the form is
 * refused in a file too.
 */
import { checkGb11643, gb11643CheckCharacter, type IdFacts, type IdProblem } from '../../common/id-number.js';
import type { IdType } from '../../common/workforce.js';

/** One thing wrong with one field: `reason` for operators and logs, `key` for the console's strings. */
export interface FieldProblem {
  field: string;
  reason: string;
  key: string;
}

const problem = (field: string, key: string, reason: string): FieldProblem => ({ field, key: `wf.err.${key}`, reason });

const GB11643_REASONS: Record<IdProblem, string> = {
  length: 'must be 18 characters',
  characters: 'must be 17 digits and a check digit or X',
  region: 'does not start with a region code of the ID card system (GB/T 2260)',
  'birth-date': 'holds a birth date that does not exist',
  'future-birth': 'holds a birth date in the future',
  'check-digit': 'has a wrong check digit (GB 11643 ISO 7064 MOD 11-2); a digit was probably mistyped',
};

/** Normalises an ID number as the store compares it: no spaces, upper case (x → X). */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** What an ID number carries about its holder (birth date, gender), where its type encodes them. */
export type IdCheck = { ok: true; number: string; facts: Partial<IdFacts> } | { ok: false; problem: FieldProblem };

/**
 * Checks an ID number by the rule of its type. `today` (YYYY-MM-DD) bounds birth dates.
 * - mainland: 居民身份证, GB 11643-1999 (region, birth date, sequence, MOD 11-2 check incl. X).
 * - hk-macao-tw-residence: 港澳台居民居住证 (国办发〔2018〕81号): the same 18-character layout and
 *   check, with the region 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan).
 * - hk-macao-permit: 港澳居民来往内地通行证 (回乡证): H (Hong Kong) or M (Macao) and 8 digits; the
 *   2013 card adds a 2-digit issue count (H/M + 10 digits).
 * - taiwan-permit: 台湾居民来往大陆通行证 (台胞证): 8 digits on the 2015 card; older booklets carry
 *   10 (8 digits and a 2-digit issue count).
 * - passport: ICAO Doc 9303 allows up to 9 characters in the document-number field and states
 *   issue longer ones; 5–17 letters and digits covers every state's practice seen on sites.
 * - foreign-permanent: 外国人永久居留身份证: the 2004 card is 3 letters (ISO 3166-1 alpha-3
 *   nationality) and 12 digits; the 2023 card is 18 characters in the GB 11643 layout starting
 *   with 9 (9, 2-digit province, 3-digit nationality, birth date, sequence, MOD 11-2 check).
 */
export function checkIdNumber(idType: IdType, raw: string, today: string, field = 'idNumber'): IdCheck {
  const number = normaliseIdNumber(raw);
  if (number === '') return { ok: false, problem: problem(field, 'id.missing', `${field}: the ID number is missing`) };
  switch (idType) {
    case 'mainland':
    case 'hk-macao-tw-residence': {
      const permit = idType === 'hk-macao-tw-residence';
      const result = checkGb11643(number, today, permit);
      if (!result.ok) {
        const reason = result.problem === 'region' && permit ? 'must start with 81 (Hong Kong), 82 (Macao) or 83 (Taiwan) on a residence permit' : GB11643_REASONS[result.problem];
        return { ok: false, problem: problem(field, `id.${result.problem}`, `${field}: the ${permit ? 'residence permit' : 'ID'} number ${reason}`) };
      }
      return { ok: true, number, facts: result.facts };
    }
    case 'hk-macao-permit':
      return /^[HM](\d{8}|\d{10})$/.test(number)
        ? { ok: true, number, facts: {} }
        : { ok: false, problem: problem(field, 'id.hk-macao-permit', `${field}: a Hong Kong/Macao permit number is H or M and 8 or 10 digits (e.g. H12345678)`) };
    case 'taiwan-permit':
      return /^(\d{8}|\d{10})$/.test(number)
        ? { ok: true, number, facts: {} }
        : { ok: false, problem: problem(field, 'id.taiwan-permit', `${field}: a Taiwan permit number is 8 or 10 digits`) };
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(number)
        ? { ok: true, number, facts: {} }
        : { ok: false, problem: problem(field, 'id.passport', `${field}: a passport number is 5 to 17 letters and digits`) };
    case 'foreign-permanent':
      return checkForeignPermanent(number, today, field);
  }
}

function checkForeignPermanent(number: string, today: string, field: string): IdCheck {
  if (/^[A-Z]{3}\d{12}$/.test(number)) return { ok: true, number, facts: {} };
  if (!/^9\d{16}[\dX]$/.test(number)) {
    return { ok: false, problem: problem(field, 'id.foreign-permanent', `${field}: a permanent residence card number is 3 letters and 12 digits, or 18 characters starting with 9`) };
  }
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (!isRealDate(birthDate)) return { ok: false, problem: problem(field, 'id.birth-date', `${field}: the permanent residence card number holds a birth date that does not exist`) };
  if (birthDate > today) return { ok: false, problem: problem(field, 'id.future-birth', `${field}: the permanent residence card number holds a birth date in the future`) };
  if (gb11643CheckCharacter(number.slice(0, 17)) !== number[17]) {
    return { ok: false, problem: problem(field, 'id.check-digit', `${field}: the permanent residence card number has a wrong check digit (MOD 11-2); a digit was probably mistyped`) };
  }
  return { ok: true, number, facts: { birthDate } };
}

/**
 * The facts given with a number must agree with what it encodes (GB 11643: the 17th digit is odd
 * for men, the 7th–14th are the birth date): a form that says 女 for a man's number holds a typo
 * in one of the two.
 */
export function crossCheckIdFacts(facts: Partial<IdFacts>, given: { gender?: string | null; birthDate?: string | null }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (facts.gender && given.gender && given.gender !== facts.gender) {
    problems.push(problem('gender', 'gender.mismatch', `gender: the ID number is a ${facts.gender === 'M' ? 'man' : 'woman'}'s (17th digit ${facts.gender === 'M' ? 'odd' : 'even'}), but ${given.gender} was given`));
  }
  if (facts.birthDate && given.birthDate && given.birthDate !== facts.birthDate) {
    problems.push(problem('birthDate', 'birth-date.mismatch', `birthDate: the ID number says born ${facts.birthDate}, but ${given.birthDate} was given`));
  }
  return problems;
}

/** Whether `value` is YYYY-MM-DD and a day of the calendar (no 2月30日). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2199 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar-day field: YYYY-MM-DD and a real day. */
export function checkDate(field: string, value: string): FieldProblem | null {
  return isRealDate(value) ? null : problem(field, 'date.invalid', `${field}: "${value.slice(0, 40)}" is not a date as YYYY-MM-DD (a real day of the calendar)`);
}

/** The entry date: real, and not after today (the national platform refuses future dates). */
export function checkEntryDate(field: string, value: string, today: string): FieldProblem | null {
  return checkDate(field, value) ?? (value > today ? problem(field, 'date.future', `${field}: ${value} is in the future; enter the day the worker came on site`) : null);
}

/** Two dates that bound a span (contract, ID validity): the end must be after the start. */
export function checkSpan(startField: string, start: string | null | undefined, endField: string, end: string | null | undefined): FieldProblem | null {
  if (!start || !end || !isRealDate(start) || !isRealDate(end)) return null;
  return end > start ? null : problem(endField, 'date.span', `${endField}: ${end} is not after ${startField} ${start}`);
}

/** Mainland mobile numbers (工信部 numbering plan): 11 digits, 1, then 3–9. */
export function checkMobile(field: string, value: string): FieldProblem | null {
  return /^1[3-9]\d{9}$/.test(value) ? null : problem(field, 'phone', `${field}: "${value.slice(0, 20)}" is not a mainland mobile number (11 digits starting 13–19)`);
}

/** The 31 characters of GB 32100-2015 (digits and capitals without I, O, Z, S, V). */
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights 3^(i) mod 31 of positions 1–17 (GB 32100-2015 §5, the check character). */
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character (18th) of a unified social credit code's first 17 characters: 31 − (Σ c·w mod 31), 31 → 0. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARSET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set: registering
 * authority, organisation kind, 6-digit region (GB/T 2260), 9-character organisation code
 * (GB 11714), and the check character.
 */
export function checkCreditCode(field: string, raw: string): FieldProblem | null {
  const code = raw.replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return problem(field, 'credit-code.length', `${field}: a unified social credit code is 18 characters (this has ${code.length})`);
  if ([...code].some((c) => !CREDIT_CHARSET.includes(c))) return problem(field, 'credit-code.characters', `${field}: a unified social credit code uses digits and capitals except I, O, Z, S, V`);
  if (!/^\d{6}$/.test(code.slice(2, 8))) return problem(field, 'credit-code.region', `${field}: characters 3–8 of a unified social credit code are the region code (6 digits)`);
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return problem(field, 'credit-code.check', `${field}: the unified social credit code's check character is wrong (GB 32100-2015); a character was probably mistyped`);
  return null;
}

/** Whether a digit string passes the Luhn check (ISO/IEC 7812-1 Annex B), as bank card numbers do. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A bank card (银行卡, GB/T 19584 / ISO/IEC 7812): 12–19 digits, Luhn check. */
export function checkBankCard(field: string, raw: string): FieldProblem | null {
  const card = raw.replace(/[\s-]+/g, '');
  if (!/^\d{12,19}$/.test(card)) return problem(field, 'bank-card.format', `${field}: a bank card number is 12 to 19 digits`);
  return luhnValid(card) ? null : problem(field, 'bank-card.check', `${field}: the bank card number fails its check digit (Luhn); a digit was probably mistyped`);
}

/** Makes the last digit of a bank card so it passes Luhn: for demos and tests. */
export function withLuhnDigit(first: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(first + d)) return first + d;
  throw new Error('unreachable');
}
