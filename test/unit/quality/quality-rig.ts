import type { ConditionEvaluation } from '../../../electron/common/alarms.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { onSiteAssignees, registryNames } from '../../../electron/core/quality/on-site.js';
import { OverdueWatch } from '../../../electron/core/quality/overdue-watch.js';
import { QualityService } from '../../../electron/core/quality/quality-service.js';
import { QualityStore } from '../../../electron/core/quality/quality-store.js';
import { openTestWorkforce, seedWorkforce, testIdNumber } from '../../helpers/workforce-fixtures.js';

export const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
export const SAFETY = { username: 'an.quan', role: 'safety' };
export const LABOUR = { username: 'lao.wu', role: 'labour' };

/** A quality service on a fresh SQLite file, one company on site (and one whose people left), a fake clock. */
export function qualityRig(start = Date.parse('2026-12-07T10:00:00+08:00')) {
  const { db, store: wf } = openTestWorkforce();
  const seeded = seedWorkforce(wf, { count: 2 });
  const gone = wf.createCompany({ creditCode: '91110000600037342J', name: '已退场劳务', kind: 'labour-sub' });
  const left = wf.createWorker({ name: '离场人', idType: 'mainland', idNumber: testIdNumber(50), trade: '木工' });
  wf.enter({ workerId: left, companyId: gone, enteredOn: '2026-10-01' });
  wf.exit(left, '2026-11-01');
  const clock = { now: start };
  const store = new QualityStore(db);
  const audit: { type: string; actor: string }[] = [];
  const service = new QualityService({
    store,
    assignees: () => onSiteAssignees(db),
    names: () => registryNames(db),
    buildings: () => [{ id: 'b1', name: '1号楼', plannedFloors: 18 }],
    capture: (id) => (id === 'pc-0001' ? { pointName: 'P-01 东门' } : undefined),
    timeZone: () => 'Asia/Shanghai',
    photoUrl: (file) => `/api/quality/photos/${file}?ticket=t`,
    audit: (e) => audit.push({ type: e.type, actor: e.actor }),
    now: () => clock.now,
  });
  const raised: ConditionEvaluation[] = [];
  const active = new Set<string>();
  const watch = new OverdueWatch({
    overdue: () => service.overdue(),
    companyName: (id) => registryNames(db).companies.get(id) ?? '',
    raise: (ev) => {
      raised.push(ev);
      if (ev.beyond) active.add(ev.conditionKey);
      else active.delete(ev.conditionKey);
    },
    activeKeys: () => [...active],
    log: quiet,
    now: () => clock.now,
  });
  const photo = (file: string) => store.addPhoto({ file, format: 'jpeg', bytes: 10, width: 1, height: 1, by: 'x', at: 0 });
  return { db, wf, seeded, gone, clock, store, service, watch, raised, active, audit, photo };
}
