/**
 * Mainland resident ID numbers (公民身份号码, GB 11643-1999): 6-digit administrative region
 * (GB/T 2260), 8-digit birth date, 3-digit sequence (odd = male), and a check character over
 * the first 17 digits (ISO 7064 MOD 11-2). Shared by the core (registration, import) and the UI
 * (says what is wrong while the number is typed).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * Province-level region codes (first two digits, GB/T 2260): 11–15 north, 21–23 north-east,
 * 31–37 east, 41–46 central-south, 50–54 south-west, 61–65 north-west. 71 (Taiwan) and 81/82
 * (Hong Kong, Macao) are not issued on mainland ID cards; 83 marks a residence permit for Taiwan
 * residents, 81/82 for Hong Kong and Macao residents (GB 11643 as extended for 港澳台居民居住证).
 */
export const MAINLAND_PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);
export const RESIDENCE_PERMIT_REGIONS = new Set(['81', '82', '83']);

/** The check character for the first 17 digits. */
export function gb11643CheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdProblem = 'length' | 'characters' | 'region' | 'birth-date' | 'future-birth' | 'check-digit';

export interface IdFacts {
  birthDate: string;
  gender: 'M' | 'F';
  region: string;
}

/**
 * Checks an 18-character number by GB 11643 (regions: mainland provinces, or 81/82/83 when
 * `residencePermit`). `today` (YYYY-MM-DD) bounds the birth date. Returns the facts it carries,
 * or the first problem found.
 */
export function checkGb11643(raw: string, today: string, residencePermit = false): { ok: true; facts: IdFacts } | { ok: false; problem: IdProblem } {
  const id = raw.replace(/\s+/g, '').toUpperCase();
  if (id.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'characters' };
  const province = id.slice(0, 2);
  if (!(residencePermit ? RESIDENCE_PERMIT_REGIONS : MAINLAND_PROVINCES).has(province)) return { ok: false, problem: 'region' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, problem: 'birth-date' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, problem: 'future-birth' };
  if (gb11643CheckCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check-digit' };
  return { ok: true, facts: { birthDate, gender: Number(id[16]) % 2 === 1 ? 'M' : 'F', region: id.slice(0, 6) } };
}

/** Makes a valid number from region, birth date (YYYYMMDD) and sequence: for demos and tests. */
export function makeGb11643(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + gb11643CheckCharacter(first17);
}
