import { describe, expect, it } from 'vitest';
import { gb11643CheckCharacter, makeGb11643 } from '../../../electron/common/id-number.js';
import {
  checkBankCard,
  checkCreditCode,
  checkEntryDate,
  checkIdNumber,
  checkMobile,
  checkSpan,
  creditCodeCheckCharacter,
  crossCheckIdFacts,
  isRealDate,
  luhnValid,
  withLuhnDigit,
} from '../../../electron/core/workforce/id-rules.js';

const TODAY = '2026-12-05';

describe('mainland IDs (GB 11643)', () => {
  it('takes a valid number and reads birth date and gender from it', () => {
    const id = makeGb11643('110101', '19900307', 123);
    const r = checkIdNumber('mainland', id, TODAY);
    expect(r).toMatchObject({ ok: true, facts: { birthDate: '1990-03-07', gender: 'M' } });
  });

  it('takes a check character X, in either case, and stores it upper-case', () => {
    // Find a sequence whose check character is X.
    let seq = 100;
    while (gb11643CheckCharacter(`11010519491231${seq}`) !== 'X') seq++;
    const id = `11010519491231${seq}X`;
    expect(checkIdNumber('mainland', id.toLowerCase(), TODAY)).toMatchObject({ ok: true, number: id });
  });

  it('refuses a wrong check digit, an impossible birth date, a future birth, a bad region, a wrong length', () => {
    const good = makeGb11643('110101', '19900307', 123);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(checkIdNumber('mainland', wrongCheck, TODAY)).toMatchObject({ ok: false, problem: { field: 'idNumber', key: 'wf.err.id.check-digit' } });
    expect(checkIdNumber('mainland', makeGb11643('110101', '19900230', 123), TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.birth-date' } });
    expect(checkIdNumber('mainland', makeGb11643('110101', '20300101', 123), TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.future-birth' } });
    expect(checkIdNumber('mainland', makeGb11643('990101', '19900101', 123), TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.region' } });
    expect(checkIdNumber('mainland', '11010119900307', TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.length' } });
    const r = checkIdNumber('mainland', wrongCheck, TODAY);
    expect(!r.ok && r.problem.reason).toMatch(/check digit/);
  });

  it('cross-checks the gender and birth date given against the number', () => {
    const facts = { gender: 'M' as const, birthDate: '1990-03-07' };
    expect(crossCheckIdFacts(facts, { gender: 'F' })).toEqual([expect.objectContaining({ field: 'gender', key: 'wf.err.gender.mismatch' })]);
    expect(crossCheckIdFacts(facts, { birthDate: '1990-03-08' })).toEqual([expect.objectContaining({ field: 'birthDate' })]);
    expect(crossCheckIdFacts(facts, { gender: 'M', birthDate: '1990-03-07' })).toEqual([]);
  });
});

describe('other ID types', () => {
  it('residence permits: 81/82/83 regions only, with the GB 11643 check', () => {
    expect(checkIdNumber('hk-macao-tw-residence', makeGb11643('810000', '19850101', 124), TODAY)).toMatchObject({ ok: true, facts: { gender: 'F' } });
    expect(checkIdNumber('hk-macao-tw-residence', makeGb11643('830000', '19850101', 125), TODAY).ok).toBe(true);
    const mainland = checkIdNumber('hk-macao-tw-residence', makeGb11643('110101', '19850101', 125), TODAY);
    expect(mainland).toMatchObject({ ok: false, problem: { key: 'wf.err.id.region' } });
    expect(!mainland.ok && mainland.problem.reason).toMatch(/81.*82.*83/);
    expect(checkIdNumber('mainland', makeGb11643('810000', '19850101', 125), TODAY).ok).toBe(false);
  });

  it('Hong Kong/Macao permits: H or M and 8 or 10 digits', () => {
    for (const ok of ['H12345678', 'M1234567801', 'h12345678']) expect(checkIdNumber('hk-macao-permit', ok, TODAY).ok).toBe(true);
    for (const bad of ['A12345678', 'H1234567', 'H123456789', 'H12345678901']) expect(checkIdNumber('hk-macao-permit', bad, TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.hk-macao-permit' } });
  });

  it('Taiwan permits: 8 or 10 digits', () => {
    expect(checkIdNumber('taiwan-permit', '12345678', TODAY).ok).toBe(true);
    expect(checkIdNumber('taiwan-permit', '1234567801', TODAY).ok).toBe(true);
    for (const bad of ['1234567', '123456789', 'T1234567']) expect(checkIdNumber('taiwan-permit', bad, TODAY).ok).toBe(false);
  });

  it('passports: 5–17 letters and digits', () => {
    expect(checkIdNumber('passport', 'E12345678', TODAY).ok).toBe(true);
    expect(checkIdNumber('passport', 'AB123', TODAY).ok).toBe(true);
    for (const bad of ['AB12', 'A'.repeat(18), 'E1234-567']) expect(checkIdNumber('passport', bad, TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.passport' } });
  });

  it('permanent residence cards: old 3 letters + 12 digits; new 18 characters starting with 9 with the MOD 11-2 check', () => {
    expect(checkIdNumber('foreign-permanent', 'USA110085061501', TODAY).ok).toBe(true);
    const first17 = '93115619800101123';
    const good = first17 + gb11643CheckCharacter(first17);
    expect(checkIdNumber('foreign-permanent', good, TODAY)).toMatchObject({ ok: true, facts: { birthDate: '1980-01-01' } });
    const wrong = first17 + (good[17] === '1' ? '2' : '1');
    expect(checkIdNumber('foreign-permanent', wrong, TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.check-digit' } });
    expect(checkIdNumber('foreign-permanent', 'US110085061501', TODAY).ok).toBe(false);
    const badDate = '931156198002301230';
    expect(checkIdNumber('foreign-permanent', badDate.slice(0, 17) + gb11643CheckCharacter(badDate.slice(0, 17)), TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.birth-date' } });
  });

  it('an empty number is missing', () => {
    expect(checkIdNumber('passport', '  ', TODAY)).toMatchObject({ ok: false, problem: { key: 'wf.err.id.missing' } });
  });
});

describe('credit codes (GB 32100-2015)', () => {
  it('takes published valid codes and computes their check character', () => {
    // Codes printed on public business licences.
    for (const code of ['91110000600037341L', '91350100M000100Y43', '911100001000195660'.slice(0, 17) + creditCodeCheckCharacter('91110000100019566')]) {
      expect(checkCreditCode('creditCode', code)).toBeNull();
    }
  });

  it('refuses a wrong check character, a wrong length, forbidden letters, a non-digit region', () => {
    expect(checkCreditCode('creditCode', '91110000600037341M')).toMatchObject({ key: 'wf.err.credit-code.check' });
    expect(checkCreditCode('creditCode', '9111000060003734')).toMatchObject({ key: 'wf.err.credit-code.length' });
    expect(checkCreditCode('creditCode', '91110000600037341I')).toMatchObject({ key: 'wf.err.credit-code.characters' });
    expect(checkCreditCode('creditCode', '91A10000600037341L')).toMatchObject({ key: 'wf.err.credit-code.region' });
  });
});

describe('bank cards (Luhn)', () => {
  it('takes Luhn-valid 12–19 digit numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(checkBankCard('bankCard', '6222 0202 0011 2233 445'.slice(0, 0) + withLuhnDigit('622202020011223344'))).toBeNull();
    expect(checkBankCard('bankCard', '4111111111111112')).toMatchObject({ key: 'wf.err.bank-card.check' });
    expect(checkBankCard('bankCard', '12345678901')).toMatchObject({ key: 'wf.err.bank-card.format' });
    expect(checkBankCard('bankCard', '4111x11111111111')).toMatchObject({ key: 'wf.err.bank-card.format' });
  });
});

describe('dates and phones', () => {
  it('real dates only', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-1-1')).toBe(false);
  });

  it('entry not in the future; spans end after they start', () => {
    expect(checkEntryDate('enteredOn', '2026-12-05', TODAY)).toBeNull();
    expect(checkEntryDate('enteredOn', '2026-12-06', TODAY)).toMatchObject({ key: 'wf.err.date.future' });
    expect(checkEntryDate('enteredOn', '2026-02-30', TODAY)).toMatchObject({ key: 'wf.err.date.invalid' });
    expect(checkSpan('contractStart', '2026-03-01', 'contractEnd', '2026-03-01')).toMatchObject({ field: 'contractEnd', key: 'wf.err.date.span' });
    expect(checkSpan('contractStart', '2026-03-01', 'contractEnd', '2026-12-31')).toBeNull();
  });

  it('mainland mobiles', () => {
    expect(checkMobile('phone', '13800138000')).toBeNull();
    for (const bad of ['12800138000', '1380013800', '138001380001', '+8613800138000']) expect(checkMobile('phone', bad)).toMatchObject({ key: 'wf.err.phone' });
  });
});
