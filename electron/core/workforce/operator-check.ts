import type { ConditionEvaluation } from '../../common/alarms.js';
import type { OperatorState, OperatorView } from '../../common/api/gates.js';
import type { TelemetryRecord } from '../../common/telemetry.js';
import { DRIVER_CERTIFICATE, type CertificateType } from '../../common/workforce.js';
import { flagCondition } from '../alarms/rules/condition.js';
import { siteLocalTime } from '../alarms/rules/site-clock.js';
import { certificateNames } from './certificate-names.js';
import { personByReportedId } from './gate-person.js';
import type { CertificateRow, WorkforceStore } from './workforce-store.js';

/** A driver's standing is judged again at most this often per machine (and at once when the driver changes). */
const RECHECK_MS = 60_000;

interface Judged {
  view: OperatorView;
  checkedAt: number;
}

export interface OperatorCheckDeps {
  store: WorkforceStore;
  timeZone: string;
  machineName: (deviceId: string) => string;
  raise: (evaluation: ConditionEvaluation, options: { event?: boolean; now?: number }) => void;
  now?: () => number;
}

/**
 * Who drives each crane and hoist (`operatorId`, `driverId`) must be a registered worker with an
 * open stint on the project holding a valid certificate of the machine's type (DRIVER_CERTIFICATE,
 * 建质〔2008〕75号: tower-crane and hoist drivers are special-operation personnel). Otherwise a
 * high alarm naming the person and the machine, active while they drive it, so it escalates like
 * any unacknowledged high alarm. The reported id is mapped to a worker as the gates' ids are
 * (card number, face id, worker id). Off while the registry is empty: a site not using the
 * real-name registry keeps only the hoist's authorised-drivers list (site file), which stays on
 * either way.
 */
export class OperatorCheck {
  private readonly judged = new Map<string, Judged>();
  private readonly now: () => number;
  private readonly anyWorker;

  constructor(private readonly deps: OperatorCheckDeps) {
    this.now = deps.now ?? Date.now;
    this.anyWorker = deps.store.db.prepare('SELECT 1 FROM wf_workers LIMIT 1');
  }

  observe(record: TelemetryRecord): void {
    if (record.kind !== 'crane' && record.kind !== 'hoist') return;
    const values = record.values as { operatorId?: string; driverId?: string };
    const reported = record.kind === 'crane' ? values.operatorId : values.driverId;
    const now = this.now();
    const before = this.judged.get(record.deviceId);
    if (reported === undefined || reported === '') {
      if (before) this.end(record.deviceId, before, now);
      return;
    }
    if (before && before.view.reportedId === reported && now - before.checkedAt < RECHECK_MS) {
      before.view.seenAt = record.ts;
      return;
    }
    if (!this.anyWorker.get()) return;
    const view = this.judge(record.deviceId, record.kind, reported, now);
    view.seenAt = record.ts;
    this.judged.set(record.deviceId, { view, checkedAt: now });
    const changed = !before || before.view.reportedId !== reported || before.view.state !== view.state;
    if (changed) this.deps.raise(this.condition(view), { now });
  }

  /** Current drivers and their standing, for the certificate board. */
  operators(): OperatorView[] {
    return [...this.judged.values()].map((j) => ({ ...j.view }));
  }

  private end(deviceId: string, before: Judged, now: number): void {
    this.judged.delete(deviceId);
    if (before.view.state !== 'ok') this.deps.raise({ ...this.condition(before.view), beyond: false, clearable: true }, { now });
  }

  private judge(deviceId: string, kind: 'crane' | 'hoist', reportedId: string, now: number): OperatorView {
    const store = this.deps.store;
    const type = DRIVER_CERTIFICATE[kind];
    const base = { deviceId, deviceName: this.deps.machineName(deviceId), kind, reportedId, seenAt: now };
    const { worker } = personByReportedId(store, reportedId);
    if (!worker) return { ...base, workerId: null, workerName: null, state: 'unregistered', certificate: null };
    const person = { workerId: worker.id, workerName: worker.name };
    if (!store.openMembership(worker.id)) return { ...base, ...person, state: 'not-on-site', certificate: null };
    const today = siteLocalTime(now, this.deps.timeZone).day;
    const valid = store.validCertificate(worker.id, type, today);
    if (valid) return { ...base, ...person, state: 'ok', certificate: certOf(valid) };
    const latest = store.certificatesOf(worker.id).filter((c) => c.type === type).at(-1);
    if (latest && latest.validTo < today) return { ...base, ...person, state: 'expired', certificate: certOf(latest) };
    return { ...base, ...person, state: 'no-certificate', certificate: latest ? certOf(latest) : null };
  }

  private condition(v: OperatorView): ConditionEvaluation {
    const type: CertificateType = DRIVER_CERTIFICATE[v.kind];
    const names = certificateNames(type);
    const params = { machine: v.deviceName, person: v.workerName ?? v.reportedId, certZh: names.zh, certEn: names.en, date: v.certificate?.validTo ?? '' };
    const message = operatorMessage(v.state, params);
    return flagCondition({
      conditionKey: `${v.deviceId}:operator-certificate`,
      sourceDevice: v.deviceId,
      priority: 'high',
      message,
      text: { key: `operator.${v.state === 'not-on-site' ? 'notOnSite' : v.state === 'no-certificate' ? 'noCertificate' : v.state}`, params },
      active: v.state !== 'ok',
      onDelayMs: 0,
      offDelayMs: 0,
    });
  }
}

function certOf(c: CertificateRow): OperatorView['certificate'] {
  return { type: c.type, number: c.number, validTo: c.validTo };
}

function operatorMessage(state: OperatorState, p: { machine: string; person: string; certEn: string; date: string }): string {
  switch (state) {
    case 'unregistered':
      return `${p.machine} is driven by ${p.person}, who is not in the real-name registry`;
    case 'not-on-site':
      return `${p.machine} is driven by ${p.person}, who has no open stint on the project`;
    case 'no-certificate':
      return `${p.machine} is driven by ${p.person}, who holds no valid ${p.certEn} certificate`;
    case 'expired':
      return `${p.machine} is driven by ${p.person}, whose ${p.certEn} certificate expired on ${p.date}`;
    case 'ok':
      return `${p.machine} is driven by ${p.person}, certified`;
  }
}
