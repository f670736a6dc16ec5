import type { ConditionEvaluation } from '../../common/alarms.js';
import {
  GATE_CLOCK_AHEAD_MS,
  GATE_DUPLICATE_WINDOW_MS,
  GATE_LATE_LIMIT_MS,
  type GateAnswer,
  type GateOutcome,
  type GateStats,
} from '../../common/api/gates.js';
import type { CredentialKind, PassageDirection, PassageOutcome } from '../../common/workforce.js';
import { RateLimitedLog, type Logger } from '../log/logger.js';
import { gateAlarm } from './gate-alarms.js';
import { captureMediaPath } from './gate-capture-files.js';
import type { GatePassages, StoredPassage } from './gate-passages.js';
import { gateReason } from './gate-reasons.js';
import type { Headcount } from './headcount.js';
import type { WorkerRow, WorkforceStore } from './workforce-store.js';

/** A gate the site file lists (device of kind `gate`): its name and zone. */
export interface GateInfo {
  id: string;
  name: string;
  zone: string;
}

/** One passage as either path delivers it, the credential already resolved to a worker or not. */
export interface GatePassageInput {
  gateId: string;
  /** Gate id + the gate's own event id (HTTP), or gate id + reported id + direction + time (MQTT). */
  eventKey: string;
  at: number;
  direction: PassageDirection;
  credentialKind: CredentialKind;
  /** What the gate reported (card number, face id…); only its keyed hash is stored. */
  credentialValue: string;
  worker: WorkerRow | null;
  via: 'mqtt' | 'http';
  /** Capture photo already checked and saved (file name under DATA/workforce/captures). */
  photoFile?: string | null;
}

export interface GateProcessorDeps {
  store: WorkforceStore;
  passages: GatePassages;
  headcount: Headcount;
  gates: () => ReadonlyMap<string, GateInfo>;
  /** AlarmService.raiseCondition. */
  raise: (evaluation: ConditionEvaluation, options: { event?: boolean; now?: number }) => void;
  /** A gate was heard from (its device shows online). */
  heard?: (gateId: string) => void;
  log: Logger;
  now?: () => number;
}

/**
 * The one gate-event processor both paths feed (the MQTT `gate` feed through the ingest
 * pipeline, and turnstiles' `POST /api/gate-events`): refuses events from gates the site file
 * does not list, drops resends and repeated swipes (answered as the first time), stores events
 * more than 72 h old as `too-late` without counting them, decides who may enter (blacklist,
 * project membership, induction course), writes `wf_passages`, moves the headcount by each
 * event's own time, and raises the alarms. Synchronous: one SQLite transaction per event, so an
 * event is either wholly recorded or not at all.
 *
 * Exits always open: nobody is held inside by the system (fire egress, GB 50016); an unknown or
 * blacklisted person leaving still raises the alarm.
 */
export class GateProcessor {
  readonly stats: GateStats = { processed: 0, duplicates: 0, unknownGate: 0, tooLate: 0, clockAhead: 0, badRequests: 0, unauthorized: 0 };
  private readonly rateLimited: RateLimitedLog;
  private readonly now: () => number;

  constructor(private readonly deps: GateProcessorDeps) {
    this.rateLimited = new RateLimitedLog(deps.log);
    this.now = deps.now ?? Date.now;
  }

  process(input: GatePassageInput): GateAnswer {
    const received = this.now();
    const gate = this.deps.gates().get(input.gateId);
    if (!gate) {
      this.stats.unknownGate++;
      this.rateLimited.warn('unknown-gate', 'gate event from a gate the site file does not list; refused', { gateId: input.gateId, via: input.via });
      return refused('unknown-gate', input.gateId);
    }
    this.deps.heard?.(gate.id);
    if (input.at > received + GATE_CLOCK_AHEAD_MS) {
      this.stats.clockAhead++;
      this.rateLimited.warn(`clock-ahead:${gate.id}`, "gate event stamped in the future; refused (set the gate's clock)", { gateId: gate.id, aheadMs: input.at - received });
      return refused('clock-ahead', gate.id);
    }
    const store = this.deps.store;
    const passages = this.deps.passages;
    return store.transaction(() => {
      const resent = passages.find(input.eventKey);
      if (resent) return this.duplicate(resent, input.worker);
      const legacy = !input.worker && !passages.registryInUse();
      const credentialHash = store.cipher.hash(input.credentialValue);
      const personKey = input.worker ? `w:${input.worker.id}` : `h:${credentialHash}`;
      const repeat = passages.findRepeat(personKey, gate.id, input.direction, input.at, GATE_DUPLICATE_WINDOW_MS);
      if (repeat) return this.duplicate(repeat, input.worker);

      const late = input.at < received - GATE_LATE_LIMIT_MS;
      const decision = late ? lateDecision(input.at, received) : legacy ? legacyDecision(input.direction) : this.decide(input);
      const name = input.worker?.name ?? null;
      const reason = gateReason(decision.outcome, name, decision.detail ?? '');
      const photoFile = input.photoFile ?? null;
      const passageId = passages.insert({
        eventKey: input.eventKey,
        gateId: gate.id,
        workerId: input.worker?.id ?? null,
        credentialKind: input.credentialKind,
        credentialHash: input.worker ? null : credentialHash,
        direction: input.direction,
        at: input.at,
        received,
        outcome: decision.outcome,
        photoFile,
        counted: decision.counted,
        via: input.via,
        reason: reason.en,
        personKey,
      });
      this.stats.processed++;
      if (late) {
        this.stats.tooLate++;
        this.rateLimited.warn(`too-late:${gate.id}`, 'gate event more than 72 h old: stored, not counted', { gateId: gate.id, at: new Date(input.at).toISOString() });
      }
      if (decision.counted) this.deps.headcount.apply({ personKey, workerId: input.worker?.id ?? null, direction: input.direction, at: input.at, zone: gate.zone });
      const alarm = decision.alarm ? gateAlarm(decision.alarm, { gate, worker: input.worker, credentialHash, credentialValue: input.credentialValue, credentialKind: input.credentialKind, blacklistReason: decision.blacklistReason ?? null }) : null;
      if (alarm) this.deps.raise(photoFile ? { ...alarm, photo: captureMediaPath(photoFile) } : alarm, { event: true, now: received });
      return { open: decision.open, outcome: decision.outcome, reason, worker: input.worker ? { id: input.worker.id, name: input.worker.name } : null, duplicate: false, passageId };
    });
  }

  /** Counts a request refused before it reached the processor (bad body, bad token). */
  countRefusal(kind: 'badRequests' | 'unauthorized'): void {
    this.stats[kind]++;
  }

  private decide(input: GatePassageInput): Decision {
    const w = input.worker;
    const out = input.direction === 'out';
    if (!w) return { outcome: 'unknown', open: out, counted: false, alarm: 'unknown' };
    const blacklistReason = this.deps.store.blacklistReason(w.idHash);
    if (out) return { outcome: 'left', open: true, counted: true, ...(blacklistReason ? { alarm: 'blacklisted' as const, blacklistReason } : {}) };
    if (blacklistReason) return { outcome: 'blacklisted', open: false, counted: false, alarm: 'blacklisted', blacklistReason };
    if (!this.deps.store.openMembership(w.id)) return { outcome: 'exited-worker', open: false, counted: false, alarm: 'exited-worker' };
    if (!this.deps.store.hasPassedInduction(w.id)) return { outcome: 'no-induction', open: false, counted: false, alarm: 'no-induction' };
    return { outcome: 'admitted', open: true, counted: true };
  }

  private duplicate(first: StoredPassage, worker: WorkerRow | null): GateAnswer {
    this.stats.duplicates++;
    const open = first.outcome === 'admitted' || first.outcome === 'left' || (first.direction === 'out' && first.outcome !== 'too-late');
    return { open, outcome: first.outcome, reason: gateReason(first.outcome, worker?.name ?? null), worker: worker ? { id: worker.id, name: worker.name } : null, duplicate: true, passageId: first.id };
  }
}

/** The alarms a passage can raise (core/workforce/gate-alarms.ts). */
export type GateAlarmKind = 'unknown' | 'blacklisted' | 'exited-worker' | 'no-induction';

interface Decision {
  outcome: PassageOutcome;
  open: boolean;
  counted: boolean;
  alarm?: GateAlarmKind;
  blacklistReason?: string;
  detail?: string;
}

function lateDecision(at: number, received: number): Decision {
  const hours = Math.floor((received - at) / 3600_000);
  return { outcome: 'too-late', open: false, counted: false, detail: ` (${hours} h)` };
}

/** The registry is empty: the site counts people by the id its gates report, as before the registry. */
function legacyDecision(direction: PassageDirection): Decision {
  return { outcome: direction === 'in' ? 'admitted' : 'left', open: true, counted: true };
}

function refused(outcome: Extract<GateOutcome, 'unknown-gate' | 'clock-ahead'>, gateId: string): GateAnswer {
  return { open: false, outcome, reason: gateReason(outcome, null, gateId), worker: null, duplicate: false, passageId: null };
}
