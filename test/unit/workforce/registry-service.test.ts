import { describe, expect, it } from 'vitest';
import { makeGb11643 } from '../../../electron/common/id-number.js';
import type { SecurityEvent } from '../../../electron/core/alarms/alarm-store.js';
import { withLuhnDigit } from '../../../electron/core/workforce/id-rules.js';
import { RegistryService } from '../../../electron/core/workforce/registry-service.js';
import { openTestWorkforce, testIdNumber } from '../../helpers/workforce-fixtures.js';

const TODAY = '2026-12-05';
const labour = { username: 'lw', role: 'labour' as const };

function setUp() {
  const { store, db } = openTestWorkforce();
  const audit: SecurityEvent[] = [];
  const registry = new RegistryService(store, { today: () => TODAY, audit: (e) => audit.push(e), photoUrl: () => null });
  const company = registry.createCompany(labour, { creditCode: '91110000600037341L', name: '中建测试工程局', kind: 'general' });
  const team = registry.createTeam(labour, { companyId: company.id, name: '钢筋班' });
  return { store, db, registry, audit, company, team };
}

const worker = (n: number, extra: object = {}) => ({ name: `工人${n}`, idType: 'mainland' as const, idNumber: testIdNumber(n), trade: '钢筋工', ...extra });

describe('RegistryService', () => {
  it('registers a person, membership and certificates in one go, facts read from the ID', () => {
    const { registry, company, team } = setUp();
    const d = registry.register(labour, {
      worker: worker(1, { bankCard: withLuhnDigit('621700000000000001') }),
      membership: { companyId: company.id, teamId: team.id, enteredOn: '2026-11-01', wageKind: 'daily', wageRateFen: 35000 },
      certificates: [{ type: 'electrician', number: 'D001', validFrom: '2026-01-01', validTo: '2028-01-01' }],
    });
    expect(d).toMatchObject({ name: '工人1', active: true, companyName: '中建测试工程局', teamName: '钢筋班', birthDate: '1980-01-02', certificates: [{ number: 'D001' }] });
    expect(d.idMasked).toMatch(/^110\*+\w{4}$/);
    expect(d.bankCardMasked).toMatch(/^621\*+\d{4}$/);
    expect(d.memberships[0]!.wageRateFen).toBe(35000);
    expect(registry.detail(d.id, 'safety').memberships[0]!.wageRateFen).toBeNull();
    expect(JSON.stringify(registry.detail(d.id, 'operator').changes)).not.toMatch(/wageRateFen/);
  });

  it('refuses a registration whole: nothing written when a certificate or the membership is bad', () => {
    const { registry, db, company } = setUp();
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM wf_workers').get() as { n: number }).n;
    expect(() =>
      registry.register(labour, { worker: worker(2), membership: { companyId: company.id, enteredOn: '2026-11-01' }, certificates: [{ type: 'welder', number: 'H1', validFrom: '2027-01-01', validTo: '2026-01-01' }] }),
    ).toThrow(/validTo/);
    expect(() => registry.register(labour, { worker: worker(2), membership: { companyId: 999, enteredOn: '2026-11-01' } })).toThrow(/no company 999/);
    expect(() => registry.register(labour, { worker: worker(2), membership: { companyId: company.id, enteredOn: '2027-01-01' } })).toThrow(/future/);
    expect(count()).toBe(0);
  });

  it('says everything wrong at once, gender against the number included', () => {
    const { registry, company } = setUp();
    const bad = makeGb11643('110101', '19900307', 123); // a man's number
    expect(() =>
      registry.register(labour, { worker: { ...worker(3), idNumber: bad, gender: 'F', phone: '12345' }, membership: { companyId: company.id, enteredOn: '2026-11-01', contractStart: '2026-11-01', contractEnd: '2026-10-01' } }),
    ).toThrow(/gender.*phone.*contractEnd|gender[\s\S]*phone[\s\S]*contractEnd/);
  });

  it('refuses a duplicate ID clearly, naming the registered person masked', () => {
    const { registry, company } = setUp();
    registry.register(labour, { worker: { ...worker(4), name: '王建国' }, membership: { companyId: company.id, enteredOn: '2026-11-01' } });
    expect(() => registry.register(labour, { worker: { ...worker(4), name: '别人' }, membership: { companyId: company.id, enteredOn: '2026-11-01' } })).toThrow(
      /already registered as 王\*\* \(110\*+/,
    );
  });

  it('a blacklisted person cannot register again, even after exiting', () => {
    const { registry, company } = setUp();
    const d = registry.register(labour, { worker: worker(5), membership: { companyId: company.id, enteredOn: '2026-11-01' } });
    registry.blacklist(labour, d.id, '多次违章作业');
    registry.exit(labour, d.id, '2026-12-01');
    expect(() => registry.reenter(labour, d.id, { companyId: company.id, enteredOn: '2026-12-02' })).toThrow(/blacklist/);
    const entry = registry.queries.blacklist()[0]!;
    registry.unblacklist(labour, entry.id, '申诉通过');
    expect(registry.reenter(labour, d.id, { companyId: company.id, enteredOn: '2026-12-02' }).active).toBe(true);
  });

  it('logs updates with before and after, numbers masked', () => {
    const { registry, company, db } = setUp();
    const card = withLuhnDigit('621700000000000002');
    const d = registry.register(labour, { worker: worker(6, { bankCard: card }), membership: { companyId: company.id, enteredOn: '2026-11-01' } });
    registry.update(labour, d.id, { phone: '13800138000', trade: '木工' });
    const change = registry.changes('labour', d.id, 10).find((c) => c.action === 'update')!;
    expect(change.before).toMatchObject({ trade: '钢筋工', phone: null });
    expect(change.after).toMatchObject({ trade: '木工', phone: '13800138000' });
    const all = JSON.stringify(db.prepare('SELECT before, after FROM wf_changes').all());
    expect(all).not.toContain(testIdNumber(6));
    expect(all).not.toContain(card);
  });

  it('reveals numbers to labour/admin only, each reveal audited', () => {
    const { registry, company, audit } = setUp();
    const d = registry.register(labour, { worker: worker(7), membership: { companyId: company.id, enteredOn: '2026-11-01' } });
    expect(registry.reveal(labour, d.id).idNumber).toBe(testIdNumber(7));
    expect(audit).toEqual([expect.objectContaining({ type: 'workforce-reveal', actor: 'lw', actorRole: 'labour' })]);
    expect(() => registry.reveal({ username: 'op', role: 'operator' }, d.id)).toThrow(/may not/);
    expect(audit).toHaveLength(1);
  });

  it('finds a worker by exact ID number through the keyed hash, and by name', () => {
    const { registry, company } = setUp();
    registry.register(labour, { worker: { ...worker(8), name: '李秀英' }, membership: { companyId: company.id, enteredOn: '2026-11-01' } });
    registry.register(labour, { worker: worker(9), membership: { companyId: company.id, enteredOn: '2026-11-01' } });
    expect(registry.listWorkers({ search: testIdNumber(9) }).rows.map((r) => r.name)).toEqual(['工人9']);
    expect(registry.listWorkers({ search: '秀英' }).rows.map((r) => r.name)).toEqual(['李秀英']);
    expect(registry.listWorkers({ search: testIdNumber(9).slice(0, 10) }).total).toBe(0);
  });
});
