import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysText, hoursText, yuanOf, type AttendanceDay } from '../../../electron/common/attendance.js';
import { buildLedger, type LedgerMember } from '../../../electron/core/workforce/ledger-build.js';
import { canonicalJson, ledgerHash } from '../../../electron/core/workforce/ledger-hash.js';
import { amountDueFen, buildPaySheet } from '../../../electron/core/workforce/payroll-build.js';

const member = (over: Partial<LedgerMember>): LedgerMember => ({
  workerId: 1,
  membershipId: 1,
  company: '甲公司',
  team: '木工班',
  name: '张三',
  idMasked: '110***********1234',
  trade: '木工',
  enteredOn: '2026-01-01',
  exitedOn: null,
  wageKind: 'daily',
  wageRateFen: 35_000,
  bankName: '农业银行',
  bankCardMasked: '622***********1234',
  ...over,
});
const day = (d: number, credit: AttendanceDay['credit'] = 'full', minutes = 540): AttendanceDay => ({
  day: `2026-03-${String(d).padStart(2, '0')}`,
  credit,
  minutes,
  firstIn: null,
  lastOut: null,
  punches: 2,
  flags: [],
  ruleFrom: '2000-01-01',
});

describe('pay arithmetic (integer fen)', () => {
  it('daily: rate × half days ÷ 2, rounded half up once', () => {
    expect(amountDueFen('daily', 35_000, 21, 0)).toBe(367_500); // 10.5 days × 350.00
    expect(amountDueFen('daily', 33_333, 1, 0)).toBe(16_667); // half a day of 333.33 = 166.665 → 166.67
    expect(amountDueFen('daily', 30_000, 0, 999)).toBe(0);
  });

  it('hourly: rate × minutes ÷ 60, rounded half up once (never per day)', () => {
    expect(amountDueFen('hourly', 4_550, 0, 1045)).toBe(79_246); // 45.50 × 17 h 25 min = 792.458… → 792.46
    expect(amountDueFen('hourly', 1, 0, 30)).toBe(1); // half a fen rounds up
    expect(amountDueFen('hourly', 1, 0, 29)).toBe(0);
    // 31 days of 7 min at 1 fen an hour: rounded per day it would be 31 × 0 = 0; rounded once, 217/60 → 4 fen.
    expect(amountDueFen('hourly', 1, 0, 31 * 7)).toBe(4);
  });

  it('is exact against BigInt arithmetic for any rate and month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 62 }), fc.integer({ min: 0, max: 44_640 }), (rate, halfDays, minutes) => {
        expect(BigInt(amountDueFen('daily', rate, halfDays, minutes))).toBe((BigInt(rate) * BigInt(halfDays) + 1n) / 2n);
        expect(BigInt(amountDueFen('hourly', rate, halfDays, minutes))).toBe((BigInt(rate) * BigInt(minutes) + 30n) / 60n);
      }),
    );
  });

  it('refuses a rate that is not whole fen', () => {
    expect(() => amountDueFen('daily', 100.5, 2, 0)).toThrow(/whole number of fen/);
    expect(() => amountDueFen('daily', -1, 2, 0)).toThrow(/whole number of fen/);
  });

  it('yuan text is exact with two decimals and separators', () => {
    expect(yuanOf(0)).toBe('0.00');
    expect(yuanOf(5)).toBe('0.05');
    expect(yuanOf(123_456_789)).toBe('1,234,567.89');
    expect(daysText(21)).toBe('10.5');
    expect(hoursText(1045)).toBe('17.4');
  });
});

describe('ledger and pay sheet (partial months)', () => {
  const members = [
    member({ workerId: 1, membershipId: 1, name: '张三', exitedOn: '2026-03-10' }),
    member({ workerId: 2, membershipId: 2, name: '李四', enteredOn: '2026-03-20', wageKind: 'hourly', wageRateFen: 4_000 }),
    member({ workerId: 3, membershipId: 3, name: '王五', wageKind: null, wageRateFen: null, team: null }),
  ];
  const days = new Map<number, AttendanceDay[]>([
    [1, [day(2), day(9), day(10, 'half', 240), day(11), day(12)]], // left on the 10th: the 11th and 12th are not his
    [2, [day(19), day(20, 'full', 600), day(21, 'full', 480)]], // joined on the 20th
    [3, [day(3)]],
  ]);
  const ledger = buildLedger({ month: '2026-03', projectName: '测试项目', timeZone: 'Asia/Shanghai', members, daysOf: (id) => days.get(id) ?? [] });

  it('limits each row to its stint and totals per team', () => {
    const byName = Object.fromEntries(ledger.rows.map((r) => [r.name, r]));
    expect(byName.张三!.halfDays).toBe(5);
    expect(byName.张三!.marks.slice(8, 12)).toEqual(['√', '半', '', '']);
    expect(byName.李四!.marks.slice(18, 21)).toEqual(['', '√', '√']);
    expect(byName.李四!.totalMinutes).toBe(1080);
    expect(byName.王五!.team).toBe('（未分班组）');
    expect(ledger.teams.map((t) => [t.team, t.workers, t.halfDays])).toEqual([
      ['木工班', 2, 9],
      ['（未分班组）', 1, 2],
    ]);
  });

  it('prices each row by its own stint; a row without a rate is left for the office', () => {
    const pay = buildPaySheet(ledger, new Map(members.map((m) => [m.membershipId, m])));
    const byName = Object.fromEntries(pay.rows.map((r) => [r.name, r.amountFen]));
    expect(byName).toEqual({ 张三: 87_500, 李四: 72_000, 王五: null });
    expect(pay.amountFen).toBe(159_500);
    expect(pay.withoutRate).toBe(1);
    expect(pay.ledgerHash).toBe(ledger.hash);
  });

  it('the hash is over canonical JSON of { month, rows }: same rows, same hash; one mark changed, another', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":1}],"b":1}');
    expect(ledger.hash).toBe(ledgerHash('2026-03', structuredClone(ledger.rows)));
    const changed = structuredClone(ledger.rows);
    changed[0]!.marks[1] = '×';
    expect(ledgerHash('2026-03', changed)).not.toBe(ledger.hash);
  });
});
