import type { AlarmPriority, ConditionEvaluation } from '../../common/alarms.js';
import type { CredentialKind } from '../../common/workforce.js';
import { maskNumber } from '../../common/workforce.js';
import { flagCondition } from '../alarms/rules/condition.js';
import type { GateAlarmKind, GateInfo } from './gate-processor.js';
import type { WorkerRow } from './workforce-store.js';

/**
 * Priorities of the gate alarms (site alarm philosophy, ISA-18.2 §6.3: by consequence and the
 * time there is to respond). A blacklisted person at the gate: high (someone refused for cause is
 * trying to get in, or was inside). An unknown card or face, or a worker whose stint has ended:
 * medium (possibly a borrowed or stolen card; the guard checks). No induction course: low (the
 * gate already kept them out; the labour office arranges the course).
 */
export const GATE_ALARM_PRIORITY: Record<GateAlarmKind, AlarmPriority> = {
  blacklisted: 'high',
  unknown: 'medium',
  'exited-worker': 'medium',
  'no-induction': 'low',
};

/** What the credential is called in each language (the alarm's text carries both). */
const CREDENTIAL_NAMES: Record<CredentialKind, { zh: string; en: string }> = {
  card: { zh: 'IC卡', en: 'card' },
  face: { zh: '人脸', en: 'face' },
  'id-card': { zh: '身份证', en: 'ID card' },
  worker: { zh: '人员编号', en: 'worker id' },
};

export interface GateAlarmContext {
  gate: GateInfo;
  worker: WorkerRow | null;
  credentialHash: string;
  credentialValue: string;
  credentialKind: CredentialKind;
  blacklistReason: string | null;
}

/**
 * The alarm a passage raises. One alarm point per person and kind (a card swiped ten times is one
 * point, re-activated with each new capture), keyed by worker id, or for an unknown credential by
 * a prefix of its keyed hash — never the card number itself. The source is the gate, so the alarm
 * leads to the gate device and its camera.
 */
export function gateAlarm(kind: GateAlarmKind, c: GateAlarmContext): ConditionEvaluation {
  const who = c.worker ? `w${c.worker.id}` : `u${c.credentialHash.slice(0, 16)}`;
  const name = c.worker?.name ?? '';
  const masked = maskNumber(c.credentialValue);
  const credName = CREDENTIAL_NAMES[c.credentialKind];
  const credential = `${credName.en} ${masked}`;
  const base = { conditionKey: `${c.gate.id}:gate:${kind}:${who}`, sourceDevice: c.gate.id, priority: GATE_ALARM_PRIORITY[kind], active: true, onDelayMs: 0, offDelayMs: 0 };
  switch (kind) {
    case 'unknown':
      return flagCondition({ ...base, message: `Unregistered ${credential} at ${c.gate.name}`, text: { key: 'gate.unknown', params: { gate: c.gate.name, credential, credZh: `${credName.zh} ${masked}` } } });
    case 'blacklisted':
      return flagCondition({
        ...base,
        message: `Blacklisted worker ${name} at ${c.gate.name}: ${c.blacklistReason ?? ''}`,
        text: { key: 'gate.blacklisted', params: { gate: c.gate.name, person: name, reason: c.blacklistReason ?? '' } },
      });
    case 'exited-worker':
      return flagCondition({ ...base, message: `${name} has exited the project but tried to enter at ${c.gate.name}`, text: { key: 'gate.exitedWorker', params: { gate: c.gate.name, person: name } } });
    case 'no-induction':
      return flagCondition({ ...base, message: `${name} has not passed the induction course; kept out at ${c.gate.name}`, text: { key: 'gate.noInduction', params: { gate: c.gate.name, person: name } } });
  }
}
