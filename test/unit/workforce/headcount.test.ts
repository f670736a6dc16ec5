import { afterEach, describe, expect, it } from 'vitest';
import { Headcount, HEADCOUNT_HORIZON_MS } from '../../../electron/core/workforce/headcount.js';
import { HeadcountDirectory } from '../../../electron/core/workforce/headcount-directory.js';
import { openTestWorkforce } from '../../helpers/workforce-fixtures.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';
import { testIdNumber } from '../../helpers/workforce-fixtures.js';

afterEach(() => removeTempDirs());

const T0 = Date.parse('2026-12-07T07:00:00+08:00');

function registry() {
  const { store, db } = openTestWorkforce();
  const general = store.createCompany({ creditCode: '91110000600037341L', name: '总包公司', kind: 'general' });
  const sub = store.createCompany({ creditCode: '91110000600037342J', name: '劳务分包甲', kind: 'labour-sub' });
  const rebar = store.createTeam({ companyId: sub, name: '钢筋班' });
  const formwork = store.createTeam({ companyId: sub, name: '木工班' });
  const worker = (n: number, name: string, trade: string, companyId: number, teamId: number | null, manager = false) => {
    const id = store.createWorker({ name, idType: 'mainland', idNumber: testIdNumber(n), trade, isManager: manager, post: manager ? '安全员' : null });
    store.enter({ workerId: id, companyId, teamId, enteredOn: '2026-11-01', role: manager ? 'manager' : 'worker' });
    return id;
  };
  const ids = {
    a: worker(1, '甲', '钢筋工', sub, rebar),
    b: worker(2, '乙', '钢筋工', sub, rebar),
    c: worker(3, '丙', '木工', sub, formwork),
    boss: worker(4, '丁', '安全员', general, null, true),
  };
  return { db, ids };
}

describe('headcount', () => {
  it('groups people inside by company, team, trade and zone, with managers apart', () => {
    const { db, ids } = registry();
    const h = new Headcount((w) => new HeadcountDirectory(db).detailsOf(w), () => undefined, () => T0 + 3600_000);
    h.apply({ personKey: `w:${ids.a}`, workerId: ids.a, direction: 'in', at: T0, zone: '东区' });
    h.apply({ personKey: `w:${ids.b}`, workerId: ids.b, direction: 'in', at: T0, zone: '东区' });
    h.apply({ personKey: `w:${ids.c}`, workerId: ids.c, direction: 'in', at: T0, zone: '地下室' });
    h.apply({ personKey: `w:${ids.boss}`, workerId: ids.boss, direction: 'in', at: T0, zone: '东区' });
    const v = h.view();
    expect(v).toMatchObject({ total: 4, workers: 3, managers: 1, unregistered: 0 });
    expect(v.byCompany.map((g) => [g.label, g.workers, g.managers])).toEqual([
      ['劳务分包甲', 3, 0],
      ['总包公司', 0, 1],
    ]);
    expect(v.byTeam.map((g) => [g.label, g.workers])).toEqual([
      ['钢筋班', 2],
      ['-', 0],
      ['木工班', 1],
    ]);
    expect(v.byTrade.find((g) => g.label === '钢筋工')?.workers).toBe(2);
    expect(v.byZone.map((g) => [g.label, g.workers + g.managers])).toEqual([
      ['东区', 3],
      ['地下室', 1],
    ]);
    expect(v.managersOnSite).toEqual([{ workerId: ids.boss, name: '丁', post: '安全员', company: '总包公司', zone: '东区', since: T0 }]);
  });

  it('ignores a passage older than what it knows of the person, and reports changes once', () => {
    const { db, ids } = registry();
    const totals: number[] = [];
    const h = new Headcount((w) => new HeadcountDirectory(db).detailsOf(w), (n) => totals.push(n), () => T0);
    expect(h.apply({ personKey: `w:${ids.a}`, workerId: ids.a, direction: 'out', at: T0 + 100, zone: 'x' })).toBe(false);
    expect(h.apply({ personKey: `w:${ids.a}`, workerId: ids.a, direction: 'in', at: T0, zone: 'x' })).toBe(false);
    expect(h.apply({ personKey: `w:${ids.b}`, workerId: ids.b, direction: 'in', at: T0, zone: 'x' })).toBe(true);
    expect(h.apply({ personKey: `w:${ids.b}`, workerId: ids.b, direction: 'in', at: T0 + 5, zone: 'x' })).toBe(false);
    expect(totals).toEqual([1]);
  });

  it('forgets people whose last passage is older than 24 h (a missing exit punch)', () => {
    const { db, ids } = registry();
    let now = T0;
    const h = new Headcount((w) => new HeadcountDirectory(db).detailsOf(w), () => undefined, () => now);
    h.apply({ personKey: `w:${ids.a}`, workerId: ids.a, direction: 'in', at: T0, zone: 'x' });
    now = T0 + HEADCOUNT_HORIZON_MS + 1;
    expect(h.expire()).toBe(true);
    expect(h.total).toBe(0);
  });
});
