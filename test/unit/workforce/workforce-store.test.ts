import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGb11643 } from '../../../electron/common/id-number.js';
import { openTestWorkforce, seedWorkforce, testIdNumber } from '../../helpers/workforce-fixtures.js';

describe('WorkforceStore', () => {
  it('keeps ID numbers sealed: found by number, shown masked, opened only on request, never in the file in clear', () => {
    const { db, store, dataDir } = openTestWorkforce();
    const seeded = seedWorkforce(store, { count: 2 });
    const id = testIdNumber(1);
    expect(checkGb11643(id, '2026-12-05').ok).toBe(true);
    const found = store.workerByIdNumber(id.toLowerCase());
    expect(found?.id).toBe(seeded.workers[1]);
    expect(found?.idMasked).toBe(`${id.slice(0, 3)}***********${id.slice(-4)}`);
    expect(store.openIdNumber(seeded.workers[1]!)).toBe(id);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(join(dataDir, 'site-command.db'));
    expect(bytes.includes(Buffer.from(id))).toBe(false);
    expect(bytes.includes(Buffer.from(testIdNumber(0)))).toBe(false);
  });

  it('refuses a second registration of the same ID and a second open stint', () => {
    const { store } = openTestWorkforce();
    const { companyId, workers } = seedWorkforce(store, { count: 1 });
    expect(() => store.createWorker({ name: '重复', idType: 'mainland', idNumber: testIdNumber(0), trade: '木工' })).toThrow(/UNIQUE/);
    expect(() => store.enter({ workerId: workers[0]!, companyId, enteredOn: '2026-02-01' })).toThrow(/UNIQUE/);
    expect(store.exit(workers[0]!, '2026-02-01')).toBe(true);
    expect(store.openMembership(workers[0]!)).toBeNull();
  });

  it('finds a valid certificate of a type on a day, and none after it ends', () => {
    const { store } = openTestWorkforce();
    const { workers } = seedWorkforce(store, { count: 1, certificates: [{ worker: 0, type: 'tower-crane-driver', validFrom: '2025-01-01', validTo: '2026-12-31' }] });
    expect(store.validCertificate(workers[0]!, 'tower-crane-driver', '2026-12-31')?.number).toBe('T0-tower-crane-driver');
    expect(store.validCertificate(workers[0]!, 'tower-crane-driver', '2027-01-01')).toBeNull();
    expect(store.validCertificate(workers[0]!, 'hoist-driver', '2026-06-01')).toBeNull();
  });
});

describe('GB 11643 check', () => {
  it('accepts the standard example with X and says what is wrong with broken numbers', () => {
    expect(checkGb11643('11010519491231002x', '2026-12-05')).toEqual({ ok: true, facts: { birthDate: '1949-12-31', gender: 'F', region: '110105' } });
    expect(checkGb11643('110105194912310021', '2026-12-05')).toEqual({ ok: false, problem: 'check-digit' });
    expect(checkGb11643('110105194902300021', '2026-12-05')).toEqual({ ok: false, problem: 'birth-date' });
    expect(checkGb11643('990105194912310021', '2026-12-05')).toEqual({ ok: false, problem: 'region' });
  });
});
