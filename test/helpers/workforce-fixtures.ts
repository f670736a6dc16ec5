import { randomBytes } from 'node:crypto';
import { makeGb11643 } from '../../electron/common/id-number.js';
import type { CertificateType } from '../../electron/common/workforce.js';
import { openDatabase, type Database } from '../../electron/core/store/database.js';
import { IdentityCipher } from '../../electron/core/workforce/identity-cipher.js';
import { WorkforceStore } from '../../electron/core/workforce/workforce-store.js';
import { tempDir } from './temp-dir.js';

/** A workforce store on a fresh SQLite file with random keys (no vault), for unit and integration tests. */
export function openTestWorkforce(dataDir = tempDir('sc-wf-')): { db: Database; store: WorkforceStore; dataDir: string } {
  const db = openDatabase(dataDir);
  const store = new WorkforceStore(db, new IdentityCipher(randomBytes(32), randomBytes(32)));
  return { db, store, dataDir };
}

/** A valid mainland ID for test person `n` (Beijing Dongcheng, born 1980-01-01 + n days). */
export function testIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1980, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return makeGb11643('110101', birth, (n % 900) + 100);
}

export interface SeededWorkforce {
  companyId: number;
  teamId: number;
  /** Worker ids in the order created. */
  workers: number[];
}

/**
 * One general contractor, one team, and `count` workers on site since `enteredOn`, each with a
 * gate card `C{n}`, a daily wage of 300 yuan, and (unless `induction: false`) a passed induction.
 * `certificates` gives worker index → certificate type and validity.
 */
export function seedWorkforce(
  store: WorkforceStore,
  options: {
    count?: number;
    enteredOn?: string;
    induction?: boolean;
    certificates?: { worker: number; type: CertificateType; validFrom: string; validTo: string }[];
  } = {},
): SeededWorkforce {
  const count = options.count ?? 3;
  const enteredOn = options.enteredOn ?? '2026-01-01';
  return store.transaction(() => {
    const companyId = store.createCompany({ creditCode: '91110000600037341L', name: '中建测试工程局', kind: 'general' });
    const teamId = store.createTeam({ companyId, name: '钢筋一班' });
    const workers: number[] = [];
    for (let i = 0; i < count; i++) {
      const workerId = store.createWorker({ name: `工人${i + 1}`, idType: 'mainland', idNumber: testIdNumber(i), trade: '钢筋工', cardNo: `C${i + 1}`, phone: `1380000${String(i).padStart(4, '0')}` });
      store.enter({ workerId, companyId, teamId, enteredOn, wageKind: 'daily', wageRateFen: 30_000 });
      if (options.induction !== false) store.addTrainingRecord({ workerId, courseId: null, kind: 'induction', title: '三级安全教育', hours: 24, passed: true, score: 90, at: Date.parse(`${enteredOn}T08:00:00+08:00`), source: 'office' });
      workers.push(workerId);
    }
    for (const c of options.certificates ?? []) {
      store.addCertificate({ workerId: workers[c.worker]!, type: c.type, number: `T${c.worker}-${c.type}`, validFrom: c.validFrom, validTo: c.validTo });
    }
    return { companyId, teamId, workers };
  });
}
