/**
 * The real-name registry's rules over the store: registration (person, membership and
 * certificates in one transaction, refused whole on any problem), edits and exits with their
 * before/after in the change log (numbers masked), the blacklist (by the ID's keyed hash, so a
 * blacklisted person cannot register again), and the audited reveal of clear numbers.
 */
import { ApiError, type UserRole } from '../../common/api.js';
import type {
  CertificateInput,
  CertificateView,
  CompanyView,
  ConductView,
  MembershipInput,
  MembershipView,
  RevealedNumbers,
  TeamView,
  TrainingRecordView,
  WorkerBlacklistEntry,
  WorkerChangeView,
  WorkerChanges,
  WorkerDetail,
  WorkerInput,
  WorkerPage,
  WorkerQuery,
} from '../../common/api/workforce.js';
import { mayWorkforce } from '../../common/workforce-permissions.js';
import type { CompanyKind, CourseKind } from '../../common/workforce.js';
import type { SecurityEvent } from '../alarms/alarm-store.js';
import { checkCreditCode, checkDate, type FieldProblem } from './id-rules.js';
import { RegistryQueries } from './registry-queries.js';
import { validateCertificate, validateMembership, validateWorker, validateWorkerChanges } from './worker-validation.js';
import type { WorkerRow, WorkforceStore } from './workforce-store.js';

/** Who is acting: the session's user and role. */
export interface Actor {
  username: string;
  role: UserRole;
}

export interface RegistryServiceOptions {
  /** Today as YYYY-MM-DD in the site's time zone. */
  today: () => string;
  /** Writes a security event to the audit chain (reveals of clear numbers). */
  audit: (event: SecurityEvent) => void;
  /** A media-ticket URL for a photo file name, or null when photos are not served. */
  photoUrl: (file: string) => string | null;
}

/** A name as shown in a refusal to someone who may not know the person: 张** (first character kept). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

/** Refuses with every problem in one message; `field` is the first problem's. */
export function refuse(problems: FieldProblem[]): never {
  throw new ApiError('bad-request', problems.map((p) => p.reason).join('; '), problems[0]?.field);
}

/** A worker as the change log keeps it: everything but the sealed numbers and the hash. */
function snapshot(w: WorkerRow): Record<string, unknown> {
  const { idHash: _h, createdAt: _c, updatedAt: _u, ...rest } = w;
  return rest;
}

export class RegistryService {
  readonly queries: RegistryQueries;

  constructor(
    readonly store: WorkforceStore,
    private readonly options: RegistryServiceOptions,
  ) {
    this.queries = new RegistryQueries(store.db);
  }

  today(): string {
    return this.options.today();
  }

  // ---- companies and teams ----------------------------------------------------------------

  companies(): CompanyView[] {
    return this.queries.companies();
  }

  company(id: number): CompanyView {
    const c = this.queries.companies().find((x) => x.id === id);
    if (!c) throw new ApiError('not-found', `no company ${id} in the registry`, 'companyId');
    return c;
  }

  createCompany(actor: Actor, c: { creditCode: string; name: string; kind: CompanyKind; contact?: string | null; phone?: string | null }): CompanyView {
    const bad = checkCreditCode('creditCode', c.creditCode);
    if (bad) refuse([bad]);
    const code = c.creditCode.replace(/\s+/g, '').toUpperCase();
    const existing = this.queries.companies().find((x) => x.creditCode === code);
    if (existing) throw new ApiError('conflict', `credit code ${code} is already registered as ${existing.name}`, 'creditCode');
    return this.store.transaction(() => {
      const id = this.store.createCompany({ ...c, creditCode: code, name: c.name.trim() });
      const view = this.company(id);
      this.change(actor, 'company', id, 'create', undefined, view);
      return view;
    });
  }

  updateCompany(actor: Actor, r: { id: number; name?: string; kind?: CompanyKind; contact?: string | null; phone?: string | null }): CompanyView {
    const before = this.company(r.id);
    return this.store.transaction(() => {
      this.store.updateCompany(r.id, {
        name: r.name?.trim() ?? before.name,
        kind: r.kind ?? before.kind,
        contact: r.contact === undefined ? before.contact : r.contact,
        phone: r.phone === undefined ? before.phone : r.phone,
      });
      const after = this.company(r.id);
      this.change(actor, 'company', r.id, 'update', before, after);
      return after;
    });
  }

  teams(companyId?: number): TeamView[] {
    return this.queries.teams(companyId);
  }

  team(id: number): TeamView {
    const t = this.queries.teams().find((x) => x.id === id);
    if (!t) throw new ApiError('not-found', `no team ${id} in the registry`, 'teamId');
    return t;
  }

  createTeam(actor: Actor, t: { companyId: number; name: string; leaderWorkerId?: number | null }): TeamView {
    this.company(t.companyId);
    const name = t.name.trim();
    if (this.queries.teams(t.companyId).some((x) => x.name === name)) throw new ApiError('conflict', `the company already has a team named ${name}`, 'name');
    if (t.leaderWorkerId) this.existingWorker(t.leaderWorkerId, 'leaderWorkerId');
    return this.store.transaction(() => {
      const id = this.store.createTeam({ companyId: t.companyId, name, leaderWorkerId: t.leaderWorkerId ?? null });
      const view = this.team(id);
      this.change(actor, 'team', id, 'create', undefined, view);
      return view;
    });
  }

  updateTeam(actor: Actor, r: { id: number; name?: string; leaderWorkerId?: number | null }): TeamView {
    const before = this.team(r.id);
    if (r.leaderWorkerId) this.existingWorker(r.leaderWorkerId, 'leaderWorkerId');
    if (r.name && r.name.trim() !== before.name && this.queries.teams(before.companyId).some((x) => x.name === r.name!.trim())) {
      throw new ApiError('conflict', `the company already has a team named ${r.name.trim()}`, 'name');
    }
    return this.store.transaction(() => {
      if (r.name) this.store.renameTeam(r.id, r.name.trim());
      if (r.leaderWorkerId !== undefined) this.store.setTeamLeader(r.id, r.leaderWorkerId);
      const after = this.team(r.id);
      this.change(actor, 'team', r.id, 'update', before, after);
      return after;
    });
  }

  // ---- workers ----------------------------------------------------------------------------

  listWorkers(query: WorkerQuery): WorkerPage {
    const search = query.search?.trim();
    const hash = search && /^[0-9A-Za-z]{5,20}$/.test(search.replace(/\s+/g, '')) ? this.store.cipher.hash(search) : null;
    return this.queries.workers(query, hash);
  }

  detail(id: number, role: UserRole): WorkerDetail {
    const w = this.existingWorker(id, 'id');
    const summary = this.queries.workerSummary(id)!;
    const pay = mayWorkforce(role, 'seePay');
    const companies = new Map(this.queries.companies().map((c) => [c.id, c.name]));
    const teams = new Map(this.queries.teams().map((t) => [t.id, t.name]));
    const memberships: MembershipView[] = this.store.memberships(id).map((m) => ({
      id: m.id,
      companyId: m.companyId,
      companyName: companies.get(m.companyId) ?? '',
      teamId: m.teamId,
      teamName: m.teamId === null ? null : (teams.get(m.teamId) ?? null),
      role: m.role,
      enteredOn: m.enteredOn,
      exitedOn: m.exitedOn,
      contractType: m.contractType,
      contractStart: m.contractStart,
      contractEnd: m.contractEnd,
      wageKind: pay ? m.wageKind : null,
      wageRateFen: pay ? m.wageRateFen : null,
    }));
    return {
      ...summary,
      ethnicity: w.ethnicity,
      address: w.address,
      issuingAuthority: w.issuingAuthority,
      idValidFrom: w.idValidFrom,
      idValidTo: w.idValidTo,
      education: w.education,
      bankName: w.bankName,
      bankCardMasked: w.bankCardMasked,
      emergencyContact: w.emergencyContact,
      emergencyPhone: w.emergencyPhone,
      photoUrl: w.photoFile ? this.options.photoUrl(w.photoFile) : null,
      memberships: memberships.reverse(),
      certificates: this.certificates(id),
      training: this.training(id),
      conduct: this.queries.conductOf(id),
      changes: this.changes(role, id, 100),
      blacklistReason: this.store.blacklistReason(w.idHash),
    };
  }

  /**
   * Refusals that need the store: a blacklisted person, an ID already registered, a gate card or
   * face id already given to someone else, a company or team that does not exist.
   */
  private checkAgainstStore(worker: WorkerInput, selfId: number | null): void {
    if (selfId === null) {
      const hash = this.store.cipher.hash(worker.idNumber);
      const reason = this.store.blacklistReason(hash);
      if (reason !== null) throw new ApiError('conflict', `this person is on the worker blacklist (${reason}); they cannot be registered while listed`, 'idNumber');
      const existing = this.store.workerByIdNumber(worker.idNumber);
      if (existing) throw new ApiError('conflict', `this ID number is already registered as ${maskName(existing.name)} (${existing.idMasked})`, 'idNumber');
    }
    if (worker.cardNo) {
      const holder = this.store.workerByCard(worker.cardNo);
      if (holder && holder.id !== selfId) throw new ApiError('conflict', `gate card ${worker.cardNo} is already given to ${maskName(holder.name)}`, 'cardNo');
    }
    if (worker.faceId) {
      const holder = this.store.workerByFace(worker.faceId);
      if (holder && holder.id !== selfId) throw new ApiError('conflict', `face id ${worker.faceId} is already given to ${maskName(holder.name)}`, 'faceId');
    }
  }

  private checkMembershipTargets(m: MembershipInput, field = 'membership.'): void {
    if (!this.queries.companies().some((c) => c.id === m.companyId)) throw new ApiError('bad-request', `${field}companyId: no company ${m.companyId} in the registry; create it first`, `${field}companyId`);
    if (m.teamId !== undefined && m.teamId !== null) {
      const team = this.queries.teams().find((t) => t.id === m.teamId);
      if (!team) throw new ApiError('bad-request', `${field}teamId: no team ${m.teamId} in the registry`, `${field}teamId`);
      if (team.companyId !== m.companyId) throw new ApiError('bad-request', `${field}teamId: team ${team.name} belongs to ${team.companyName}, not to company ${m.companyId}`, `${field}teamId`);
    }
  }

  private checkCertificatesFree(certificates: CertificateInput[]): void {
    const seen = new Set<string>();
    for (const c of certificates) {
      const key = `${c.type}\u0000${c.number.trim()}`;
      if (seen.has(key)) throw new ApiError('conflict', `certificate ${c.number} is given twice`, 'certificates');
      seen.add(key);
      const taken = this.store.db.prepare('SELECT worker_id FROM wf_certificates WHERE type = ? AND number = ?').get(c.type, c.number.trim());
      if (taken) throw new ApiError('conflict', `certificate ${c.type} ${c.number} is already on another worker's record`, 'certificates');
    }
  }

  /** Checks everything, then writes the person, the membership and the certificates in one transaction. */
  register(actor: Actor, r: { worker: WorkerInput; membership: MembershipInput; certificates?: CertificateInput[] }): WorkerDetail {
    const today = this.today();
    const { problems, worker } = validateWorker(r.worker, today, 'worker.');
    problems.push(...validateMembership(r.membership, today, 'membership.'));
    (r.certificates ?? []).forEach((c, i) => problems.push(...validateCertificate(c, `certificates.${i}.`)));
    if (problems.length) refuse(problems);
    this.checkAgainstStore(worker, null);
    this.checkMembershipTargets(r.membership);
    this.checkCertificatesFree(r.certificates ?? []);
    const id = this.store.transaction(() => this.write(actor, worker, r.membership, r.certificates ?? [], 'create'));
    return this.detail(id, actor.role);
  }

  /** The writes of one registration, for the service and the import (inside the caller's transaction). */
  write(actor: Actor, worker: WorkerInput, m: MembershipInput, certificates: CertificateInput[], action: string): number {
    const id = this.store.createWorker({ ...worker, isManager: worker.isManager ?? false });
    const membershipId = this.store.enter({ ...m, workerId: id, role: m.role ?? (worker.isManager ? 'manager' : 'worker') });
    for (const c of certificates) this.store.addCertificate({ workerId: id, type: c.type, number: c.number.trim(), issuer: c.issuer ?? null, validFrom: c.validFrom, validTo: c.validTo, reviewDate: c.reviewDate ?? null });
    this.change(actor, 'worker', id, action, undefined, snapshot(this.store.worker(id)!));
    this.change(actor, 'membership', membershipId, action, undefined, { workerId: id, ...m });
    return id;
  }

  update(actor: Actor, id: number, changes: WorkerChanges): WorkerDetail {
    const before = this.existingWorker(id, 'id');
    const current: WorkerInput = {
      ...before,
      idNumber: this.store.openIdNumber(id)!,
      bankCard: changes.bankCard === undefined ? this.store.openBankCard(id) : changes.bankCard,
    };
    const { problems, merged } = validateWorkerChanges(changes, current, this.today());
    if (problems.length) refuse(problems);
    this.checkAgainstStore(merged, id);
    this.store.transaction(() => {
      this.store.updateWorker(id, merged);
      this.change(actor, 'worker', id, 'update', snapshot(before), snapshot(this.store.worker(id)!));
    });
    return this.detail(id, actor.role);
  }

  exit(actor: Actor, id: number, exitedOn: string, reason?: string): WorkerDetail {
    this.existingWorker(id, 'id');
    const bad = checkDate('exitedOn', exitedOn);
    if (bad) refuse([bad]);
    const open = this.store.openMembership(id);
    if (!open) throw new ApiError('conflict', 'this worker has already exited the project', 'id');
    if (exitedOn < open.enteredOn) throw new ApiError('bad-request', `exitedOn: ${exitedOn} is before the entry date ${open.enteredOn}`, 'exitedOn');
    if (exitedOn > this.today()) throw new ApiError('bad-request', `exitedOn: ${exitedOn} is in the future; record the exit on the day it happens`, 'exitedOn');
    this.store.transaction(() => {
      this.store.exit(id, exitedOn);
      this.change(actor, 'membership', open.id, 'exit', { workerId: id, exitedOn: null }, { workerId: id, exitedOn, reason: reason ?? null });
    });
    return this.detail(id, actor.role);
  }

  reenter(actor: Actor, id: number, m: MembershipInput): WorkerDetail {
    const w = this.existingWorker(id, 'id');
    const problems = validateMembership(m, this.today(), 'membership.');
    if (problems.length) refuse(problems);
    const reason = this.store.blacklistReason(w.idHash);
    if (reason !== null) throw new ApiError('conflict', `this person is on the worker blacklist (${reason}); they cannot enter while listed`, 'id');
    if (this.store.openMembership(id)) throw new ApiError('conflict', 'this worker is still on the project; exit them first', 'id');
    const last = this.store.memberships(id).at(-1);
    if (last?.exitedOn && m.enteredOn < last.exitedOn) throw new ApiError('bad-request', `membership.enteredOn: ${m.enteredOn} is before the last exit ${last.exitedOn}`, 'membership.enteredOn');
    this.checkMembershipTargets(m);
    this.store.transaction(() => {
      const membershipId = this.store.enter({ ...m, workerId: id, role: m.role ?? (w.isManager ? 'manager' : 'worker') });
      this.change(actor, 'membership', membershipId, 'enter', undefined, { workerId: id, ...m });
    });
    return this.detail(id, actor.role);
  }

  /** The clear numbers, audited in the alarm audit chain (who, when, whose). */
  reveal(actor: Actor, id: number): RevealedNumbers {
    if (!mayWorkforce(actor.role, 'revealNumbers')) throw new ApiError('forbidden', `${actor.role} may not see full ID or bank-card numbers`);
    const w = this.existingWorker(id, 'id');
    const idNumber = this.store.openIdNumber(id)!;
    const bankCard = this.store.openBankCard(id);
    this.options.audit({
      type: 'workforce-reveal',
      actor: actor.username,
      actorRole: actor.role,
      text: `revealed the ID${bankCard ? ' and bank card' : ''} number of worker ${id} (${w.idMasked})`,
      detail: { workerId: id, idMasked: w.idMasked, bankCardMasked: w.bankCardMasked },
    });
    return { workerId: id, idNumber, bankCard };
  }

  // ---- certificates, training, conduct, blacklist -----------------------------------------

  certificates(workerId: number): CertificateView[] {
    return this.store.certificatesOf(workerId).map(({ file: _f, ...c }) => c);
  }

  addCertificate(actor: Actor, workerId: number, c: CertificateInput): CertificateView {
    this.existingWorker(workerId, 'workerId');
    const problems = validateCertificate(c);
    if (problems.length) refuse(problems);
    this.checkCertificatesFree([c]);
    return this.store.transaction(() => {
      const id = this.store.addCertificate({ workerId, type: c.type, number: c.number.trim(), issuer: c.issuer ?? null, validFrom: c.validFrom, validTo: c.validTo, reviewDate: c.reviewDate ?? null });
      const view = this.certificates(workerId).find((x) => x.id === id)!;
      this.change(actor, 'certificate', id, 'create', undefined, view);
      return view;
    });
  }

  training(workerId: number): TrainingRecordView[] {
    return this.store.trainingOf(workerId);
  }

  addTraining(actor: Actor, r: { workerId: number; kind: CourseKind; title: string; hours: number; passed: boolean; score?: number | null; on: string }): TrainingRecordView {
    this.existingWorker(r.workerId, 'workerId');
    const bad = checkDate('on', r.on);
    if (bad) refuse([bad]);
    if (r.on > this.today()) throw new ApiError('bad-request', `on: ${r.on} is in the future; enter training that has taken place`, 'on');
    return this.store.transaction(() => {
      const at = Date.parse(`${r.on}T12:00:00Z`);
      const id = this.store.addTrainingRecord({ workerId: r.workerId, courseId: null, kind: r.kind, title: r.title.trim(), hours: r.hours, passed: r.passed, score: r.score ?? null, at, source: 'office' });
      const view = this.training(r.workerId).find((x) => x.id === id)!;
      this.change(actor, 'training', id, 'create', undefined, view);
      return view;
    });
  }

  addConduct(actor: Actor, r: { workerId: number; kind: 'good' | 'bad'; text: string }): ConductView {
    this.existingWorker(r.workerId, 'workerId');
    return this.store.transaction(() => {
      const id = this.store.addConduct({ workerId: r.workerId, kind: r.kind, text: r.text.trim(), by: actor.username });
      const view = this.queries.conduct(id);
      this.change(actor, 'conduct', id, 'create', undefined, view);
      return view;
    });
  }

  blacklist(actor: Actor, workerId: number, reason: string): WorkerBlacklistEntry {
    const w = this.existingWorker(workerId, 'workerId');
    if (this.store.blacklistReason(w.idHash) !== null) throw new ApiError('conflict', `${maskName(w.name)} is already on the blacklist`, 'workerId');
    return this.store.transaction(() => {
      const id = this.store.addToBlacklist({ idHash: w.idHash, workerId, reason: reason.trim(), by: actor.username });
      const entry = this.queries.blacklistEntry(id)!;
      this.change(actor, 'blacklist', id, 'add', undefined, { workerId, idMasked: w.idMasked, reason: reason.trim() });
      return { id: entry.id, workerId: entry.workerId, workerName: entry.workerName, idMasked: entry.idMasked, reason: entry.reason, addedAt: entry.addedAt, addedBy: entry.addedBy };
    });
  }

  unblacklist(actor: Actor, id: number, reason?: string): void {
    const entry = this.queries.blacklistEntry(id);
    if (!entry || entry.removed) throw new ApiError('not-found', `no current blacklist entry ${id}`, 'id');
    this.store.transaction(() => {
      this.store.removeFromBlacklist(entry.idHash, actor.username);
      this.change(actor, 'blacklist', id, 'remove', { workerId: entry.workerId, idMasked: entry.idMasked, reason: entry.reason }, { workerId: entry.workerId, removedBecause: reason ?? null });
    });
  }

  /** The change log; wage fields are blanked for roles that may not see pay. */
  changes(role: UserRole, workerId: number | undefined, limit: number): WorkerChangeView[] {
    const rows = this.queries.changes(workerId, limit);
    if (mayWorkforce(role, 'seePay')) return rows;
    return rows.map((c) => ({ ...c, before: withoutPay(c.before), after: withoutPay(c.after) }));
  }

  // ---- helpers ----------------------------------------------------------------------------

  existingWorker(id: number, field: string): WorkerRow {
    const w = this.store.worker(id);
    if (!w) throw new ApiError('not-found', `no worker ${id} in the registry`, field);
    return w;
  }

  change(actor: Actor, entity: string, entityId: number | null, action: string, before?: unknown, after?: unknown): void {
    this.store.recordChange({ actor: actor.username, actorRole: actor.role, entity, entityId, action, before, after });
  }
}

function withoutPay(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const { wageKind: _k, wageRateFen: _r, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** Today (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

