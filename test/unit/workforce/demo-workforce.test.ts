import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DRIVERS, DemoWorkforceSeeder, demoPeople } from '../../../electron/core/sim/demo-workforce.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { RegistryService } from '../../../electron/core/workforce/registry-service.js';
import { validateMembership, validateWorker } from '../../../electron/core/workforce/worker-validation.js';
import { openTestWorkforce } from '../../helpers/workforce-fixtures.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TODAY = '2026-12-05';

describe('demo roster', () => {
  it('is about 120 people whose every field passes the registry rules', () => {
    const people = demoPeople(TODAY);
    expect(people.length).toBeGreaterThanOrEqual(110);
    expect(people.length).toBeLessThanOrEqual(130);
    for (const p of people) {
      expect(validateWorker(p.worker, TODAY).problems).toEqual([]);
      expect(validateMembership({ ...p.membership, companyId: 1 }, TODAY)).toEqual([]);
    }
    expect(new Set(people.map((p) => p.worker.idNumber)).size).toBe(people.length);
    expect(people.filter((p) => !p.induction)).toHaveLength(4);
  });

  it('seeds once: drivers found by the ids the machines report, one certificate expiring soon and one expired', async () => {
    const { store } = openTestWorkforce();
    const registry = new RegistryService(store, { today: () => TODAY, audit: () => undefined, photoUrl: () => null });
    const photos = tempDir('sc-wf-photos-');
    const seeder = new DemoWorkforceSeeder(registry, photos, createLogger({ consoleLevel: 'error' }));
    await seeder.start();
    await seeder.start();
    const counts = registry.queries.counts();
    expect(counts).toMatchObject({ companies: 4, teams: 8, managers: 8 });
    expect(counts.registered).toBe(demoPeople(TODAY).length);
    const op = store.workerByFace(DEMO_DRIVERS.craneOperators[0]);
    expect(op && store.validCertificate(op.id, 'tower-crane-driver', TODAY)).toBeTruthy();
    const hoist = store.workerByFace(DEMO_DRIVERS.hoistDriver)!;
    expect(store.validCertificate(hoist.id, 'hoist-driver', TODAY)).toBeTruthy();
    expect(store.workerByCard('C0001')).toBeTruthy();
    const soon = store.certificatesEndingBy('2027-01-04').filter((c) => c.validTo >= TODAY);
    const expired = store.certificatesEndingBy('2026-12-04');
    expect(soon.map((c) => c.type)).toContain('tower-crane-driver');
    expect(expired).toHaveLength(1);
    const w = store.worker(1)!;
    expect(w.photoFile).toBeTruthy();
    const size = statSync(join(photos, w.photoFile!)).size;
    expect(size).toBeLessThanOrEqual(50 * 1024);
    expect(existsSync(join(photos, store.worker(50)!.photoFile!))).toBe(true);
  });
});
