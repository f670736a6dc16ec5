import { afterEach, describe, expect, it } from 'vitest';
import type { ConditionEvaluation } from '../../../electron/common/alarms.js';
import type { TelemetryRecord } from '../../../electron/common/telemetry.js';
import { OperatorCheck } from '../../../electron/core/workforce/operator-check.js';
import { CertificateWatch, addDays } from '../../../electron/core/workforce/certificate-watch.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { openTestWorkforce, seedWorkforce } from '../../helpers/workforce-fixtures.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';

afterEach(() => removeTempDirs());

const NOW = Date.parse('2026-12-07T10:00:00+08:00');
const TODAY = '2026-12-07';
const crane = (operatorId?: string): TelemetryRecord => ({
  deviceId: 'crane-1',
  kind: 'crane',
  ts: NOW,
  values: { loadT: 2, ratedLoadT: 8, momentPct: 25, radiusM: 20, heightM: 30, slewDeg: 90, windMs: 3, tiltDeg: 0.1, ...(operatorId ? { operatorId } : {}) },
});
const hoist = (driverId: string): TelemetryRecord => ({
  deviceId: 'hoist-1',
  kind: 'hoist',
  ts: NOW,
  values: { loadKg: 500, ratedLoadKg: 2000, people: 3, ratedPeople: 9, floor: 2, heightM: 6, speedMs: 0, doorOpen: false, tiltDeg: 0.1, driverId },
});

function rig(seed = true) {
  const { store, db } = openTestWorkforce();
  const seeded = seed
    ? seedWorkforce(store, {
        count: 4,
        certificates: [
          { worker: 0, type: 'tower-crane-driver', validFrom: '2025-01-01', validTo: addDays(TODAY, 20) },
          { worker: 1, type: 'tower-crane-driver', validFrom: '2024-11-01', validTo: '2026-11-30' },
          { worker: 2, type: 'hoist-driver', validFrom: '2025-01-01', validTo: '2027-06-30' },
        ],
      })
    : null;
  const raised: ConditionEvaluation[] = [];
  const check = new OperatorCheck({ store, timeZone: 'Asia/Shanghai', machineName: (id) => (id === 'crane-1' ? '塔吊 T1' : '升降机 H1'), raise: (ev) => raised.push(ev), now: () => NOW });
  return { store, db, seeded, raised, check };
}

describe('operator check', () => {
  it('raises a high alarm naming the driver and the machine when the certificate has expired', () => {
    const r = rig();
    r.check.observe(crane('C2'));
    expect(r.raised).toHaveLength(1);
    expect(r.raised[0]).toMatchObject({ conditionKey: 'crane-1:operator-certificate', priority: 'high', beyond: true, text: { key: 'operator.expired', params: { machine: '塔吊 T1', person: '工人2', certZh: '塔式起重机司机证', date: '2026-11-30' } } });
    expect(r.raised[0]!.message).toBe('塔吊 T1 is driven by 工人2, whose tower-crane driver certificate expired on 2026-11-30');
    // The same driver again: nothing new is raised (the condition stands).
    r.check.observe(crane('C2'));
    expect(r.raised).toHaveLength(1);
    // A certified driver clears it.
    r.check.observe(crane('C1'));
    expect(r.raised.at(-1)).toMatchObject({ beyond: false, clearable: true });
    expect(r.check.operators()).toEqual([expect.objectContaining({ reportedId: 'C1', state: 'ok', workerName: '工人1' })]);
  });

  it('tells unregistered, not on the project, and no certificate of the right type apart', () => {
    const r = rig();
    r.check.observe(crane('OP-999'));
    expect(r.raised.at(-1)?.text?.key).toBe('operator.unregistered');
    r.store.exit(r.seeded!.workers[0]!, '2026-12-01');
    r.check.observe(crane('C1'));
    expect(r.raised.at(-1)?.text?.key).toBe('operator.notOnSite');
    // Worker 3 holds a hoist certificate, not a crane one; on the hoist it is fine.
    r.check.observe(crane('C3'));
    expect(r.raised.at(-1)?.text?.key).toBe('operator.noCertificate');
    r.check.observe(hoist('C3'));
    expect(r.raised.at(-1)).toMatchObject({ conditionKey: 'hoist-1:operator-certificate', beyond: false });
    // The registry's worker id is accepted as well as the card number.
    r.check.observe(hoist(String(r.seeded!.workers[2])));
    expect(r.check.operators().find((o) => o.deviceId === 'hoist-1')).toMatchObject({ state: 'ok', workerName: '工人3' });
  });

  it('is off while the registry is empty (the site file authorised-drivers rule still applies)', () => {
    const r = rig(false);
    r.check.observe(crane('OP-100'));
    expect(r.raised).toEqual([]);
  });
});

describe('certificate watch', () => {
  it('lists certificates ending within 30 days and raises an alarm for an expired one until renewed', () => {
    const r = rig();
    const raised: ConditionEvaluation[] = [];
    let active: string[] = [];
    const watch = new CertificateWatch({ db: r.db, timeZone: 'Asia/Shanghai', raise: (ev) => raised.push(ev), activeKeys: () => active, isInside: () => false, log: createLogger({ consoleLevel: 'error' }), now: () => NOW });
    expect(watch.expiring().map((c) => [c.workerName, c.daysLeft])).toEqual([['工人1', 20]]);
    expect(watch.expired().map((c) => [c.workerName, c.daysLeft])).toEqual([['工人2', -7]]);
    watch.check();
    expect(raised).toEqual([expect.objectContaining({ priority: 'medium', beyond: true, text: expect.objectContaining({ key: 'certificate.expired' }) })]);
    active = [raised[0]!.conditionKey];
    r.store.addCertificate({ workerId: r.seeded!.workers[1]!, type: 'tower-crane-driver', number: 'NEW-1', validFrom: '2026-12-01', validTo: '2028-11-30' });
    watch.check();
    expect(watch.expired()).toEqual([]);
    expect(raised.at(-1)).toMatchObject({ conditionKey: active[0], beyond: false });
  });
});
