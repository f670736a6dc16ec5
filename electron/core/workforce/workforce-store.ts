import type { CertificateType, CompanyKind, ContractType, CourseKind, IdType, WageKind } from '../../common/workforce.js';
import type { Database } from '../store/database.js';
import type { IdentityCipher } from './identity-cipher.js';

/** A company as stored (参建单位). */
export interface CompanyRow {
  id: number;
  creditCode: string;
  name: string;
  kind: CompanyKind;
  contact: string | null;
  phone: string | null;
}

export interface TeamRow {
  id: number;
  companyId: number;
  name: string;
  leaderWorkerId: number | null;
}

/** What a new worker is registered with; the ID and bank-card numbers in clear (sealed on write). */
export interface NewWorker {
  name: string;
  idType: IdType;
  idNumber: string;
  gender?: 'M' | 'F' | null;
  ethnicity?: string | null;
  birthDate?: string | null;
  address?: string | null;
  issuingAuthority?: string | null;
  idValidFrom?: string | null;
  idValidTo?: string | null;
  phone?: string | null;
  education?: string | null;
  trade: string;
  isManager?: boolean;
  post?: string | null;
  photoFile?: string | null;
  bankName?: string | null;
  bankCard?: string | null;
  emergencyContact?: string | null;
  emergencyPhone?: string | null;
  cardNo?: string | null;
  faceId?: string | null;
}

/** A worker as stored, numbers masked; `openIdNumber` is the only way to the clear number. */
export interface WorkerRow {
  id: number;
  name: string;
  idType: IdType;
  idMasked: string;
  idHash: string;
  gender: 'M' | 'F' | null;
  ethnicity: string | null;
  birthDate: string | null;
  address: string | null;
  issuingAuthority: string | null;
  idValidFrom: string | null;
  idValidTo: string | null;
  phone: string | null;
  education: string | null;
  trade: string;
  isManager: boolean;
  post: string | null;
  photoFile: string | null;
  bankName: string | null;
  bankCardMasked: string | null;
  emergencyContact: string | null;
  emergencyPhone: string | null;
  cardNo: string | null;
  faceId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewMembership {
  workerId: number;
  companyId: number;
  teamId?: number | null;
  role?: 'worker' | 'manager' | 'team-leader';
  enteredOn: string;
  contractType?: ContractType | null;
  contractStart?: string | null;
  contractEnd?: string | null;
  contractFile?: string | null;
  wageKind?: WageKind | null;
  wageRateFen?: number | null;
}

export interface MembershipRow {
  id: number;
  workerId: number;
  companyId: number;
  teamId: number | null;
  role: 'worker' | 'manager' | 'team-leader';
  enteredOn: string;
  exitedOn: string | null;
  contractType: ContractType | null;
  contractStart: string | null;
  contractEnd: string | null;
  contractFile: string | null;
  wageKind: WageKind | null;
  wageRateFen: number | null;
}

export interface CertificateRow {
  id: number;
  workerId: number;
  type: CertificateType;
  number: string;
  issuer: string | null;
  validFrom: string;
  validTo: string;
  reviewDate: string | null;
  file: string | null;
}

export interface TrainingRecordRow {
  id: number;
  workerId: number;
  courseId: number | null;
  kind: CourseKind;
  title: string;
  hours: number;
  passed: boolean;
  score: number | null;
  at: number;
  source: 'exam' | 'office';
}

/** A registry change for the append-only change log (who, when, before and after). */
export interface RegistryChange {
  actor: string;
  actorRole: string;
  entity: string;
  entityId: number | null;
  action: string;
  before?: unknown;
  after?: unknown;
  at?: number;
}

type Raw = Record<string, unknown>;

/** A nullable column of a raw row, as text or null. */
export const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function workerOf(r: Raw): WorkerRow {
  return {
    id: r.id as number,
    name: r.name as string,
    idType: r.id_type as IdType,
    idMasked: r.id_masked as string,
    idHash: r.id_hash as string,
    gender: (r.gender as 'M' | 'F' | null) ?? null,
    ethnicity: str(r.ethnicity),
    birthDate: str(r.birth_date),
    address: str(r.address),
    issuingAuthority: str(r.issuing_authority),
    idValidFrom: str(r.id_valid_from),
    idValidTo: str(r.id_valid_to),
    phone: str(r.phone),
    education: str(r.education),
    trade: r.trade as string,
    isManager: r.is_manager === 1,
    post: str(r.post),
    photoFile: str(r.photo_file),
    bankName: str(r.bank_name),
    bankCardMasked: str(r.bank_card_masked),
    emergencyContact: str(r.emergency_contact),
    emergencyPhone: str(r.emergency_phone),
    cardNo: str(r.card_no),
    faceId: str(r.face_id),
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
  };
}

function membershipOf(r: Raw): MembershipRow {
  return {
    id: r.id as number,
    workerId: r.worker_id as number,
    companyId: r.company_id as number,
    teamId: (r.team_id as number | null) ?? null,
    role: r.role as MembershipRow['role'],
    enteredOn: r.entered_on as string,
    exitedOn: str(r.exited_on),
    contractType: (r.contract_type as ContractType | null) ?? null,
    contractStart: str(r.contract_start),
    contractEnd: str(r.contract_end),
    contractFile: str(r.contract_file),
    wageKind: (r.wage_kind as WageKind | null) ?? null,
    wageRateFen: (r.wage_rate_fen as number | null) ?? null,
  };
}

function certificateOf(r: Raw): CertificateRow {
  return {
    id: r.id as number,
    workerId: r.worker_id as number,
    type: r.type as CertificateType,
    number: r.number as string,
    issuer: str(r.issuer),
    validFrom: r.valid_from as string,
    validTo: r.valid_to as string,
    reviewDate: str(r.review_date),
    file: str(r.file),
  };
}

/**
 * The real-name registry's tables (core/workforce/schema.ts): plain reads and writes, no rules.
 * Checking what is written (ID rules, duplicates, dates) is the caller's; writing one person
 * with their membership and certificates is done inside one `transaction` by the caller, so an
 * import or a registration is never half-written.
 */
export class WorkforceStore {
  constructor(
    readonly db: Database,
    readonly cipher: IdentityCipher,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `work` in one SQLite transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  createCompany(c: { creditCode: string; name: string; kind: CompanyKind; contact?: string | null; phone?: string | null }): number {
    const at = this.now();
    return Number(
      this.db
        .prepare('INSERT INTO wf_companies (credit_code, name, kind, contact, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(c.creditCode.toUpperCase(), c.name, c.kind, c.contact ?? null, c.phone ?? null, at, at).lastInsertRowid,
    );
  }

  companies(): CompanyRow[] {
    return (this.db.prepare('SELECT * FROM wf_companies ORDER BY id').all() as Raw[]).map((r) => ({
      id: r.id as number,
      creditCode: r.credit_code as string,
      name: r.name as string,
      kind: r.kind as CompanyKind,
      contact: str(r.contact),
      phone: str(r.phone),
    }));
  }

  createTeam(t: { companyId: number; name: string; leaderWorkerId?: number | null }): number {
    const at = this.now();
    return Number(
      this.db
        .prepare('INSERT INTO wf_teams (company_id, name, leader_worker_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(t.companyId, t.name, t.leaderWorkerId ?? null, at, at).lastInsertRowid,
    );
  }

  setTeamLeader(teamId: number, workerId: number | null): void {
    this.db.prepare('UPDATE wf_teams SET leader_worker_id = ?, updated_at = ? WHERE id = ?').run(workerId, this.now(), teamId);
  }

  teams(): TeamRow[] {
    return (this.db.prepare('SELECT * FROM wf_teams ORDER BY id').all() as Raw[]).map((r) => ({
      id: r.id as number,
      companyId: r.company_id as number,
      name: r.name as string,
      leaderWorkerId: (r.leader_worker_id as number | null) ?? null,
    }));
  }

  /** Registers a person; the ID (and bank card) are sealed here. Throws on a duplicate ID (UNIQUE id_hash). */
  createWorker(w: NewWorker): number {
    const at = this.now();
    const id = this.cipher.seal(w.idNumber);
    const card = w.bankCard ? this.cipher.seal(w.bankCard) : null;
    return Number(
      this.db
        .prepare(
          `INSERT INTO wf_workers (name, id_type, id_sealed, id_hash, id_masked, gender, ethnicity, birth_date, address,
             issuing_authority, id_valid_from, id_valid_to, phone, education, trade, is_manager, post, photo_file,
             bank_name, bank_card_sealed, bank_card_hash, bank_card_masked, emergency_contact, emergency_phone,
             card_no, face_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          w.name,
          w.idType,
          id.sealed,
          id.hash,
          id.masked,
          w.gender ?? null,
          w.ethnicity ?? null,
          w.birthDate ?? null,
          w.address ?? null,
          w.issuingAuthority ?? null,
          w.idValidFrom ?? null,
          w.idValidTo ?? null,
          w.phone ?? null,
          w.education ?? null,
          w.trade,
          w.isManager ? 1 : 0,
          w.post ?? null,
          w.photoFile ?? null,
          w.bankName ?? null,
          card?.sealed ?? null,
          card?.hash ?? null,
          card?.masked ?? null,
          w.emergencyContact ?? null,
          w.emergencyPhone ?? null,
          w.cardNo ?? null,
          w.faceId ?? null,
          at,
          at,
        ).lastInsertRowid,
    );
  }

  worker(id: number): WorkerRow | null {
    const r = this.db.prepare('SELECT * FROM wf_workers WHERE id = ?').get(id) as Raw | undefined;
    return r ? workerOf(r) : null;
  }

  workerByIdNumber(idNumber: string): WorkerRow | null {
    const r = this.db.prepare('SELECT * FROM wf_workers WHERE id_hash = ?').get(this.cipher.hash(idNumber)) as Raw | undefined;
    return r ? workerOf(r) : null;
  }

  workerByCard(cardNo: string): WorkerRow | null {
    const r = this.db.prepare('SELECT * FROM wf_workers WHERE card_no = ?').get(cardNo) as Raw | undefined;
    return r ? workerOf(r) : null;
  }

  workerByFace(faceId: string): WorkerRow | null {
    const r = this.db.prepare('SELECT * FROM wf_workers WHERE face_id = ?').get(faceId) as Raw | undefined;
    return r ? workerOf(r) : null;
  }

  workers(): WorkerRow[] {
    return (this.db.prepare('SELECT * FROM wf_workers ORDER BY id').all() as Raw[]).map(workerOf);
  }

  /** The clear ID number; callers audit the reveal (only roles allowed to see it get here). */
  openIdNumber(workerId: number): string | null {
    const r = this.db.prepare('SELECT id_sealed FROM wf_workers WHERE id = ?').get(workerId) as { id_sealed: string } | undefined;
    return r ? this.cipher.open(String(r.id_sealed)) : null;
  }

  openBankCard(workerId: number): string | null {
    const r = this.db.prepare('SELECT bank_card_sealed FROM wf_workers WHERE id = ?').get(workerId) as { bank_card_sealed: string | null } | undefined;
    return r?.bank_card_sealed ? this.cipher.open(String(r.bank_card_sealed)) : null;
  }

  /** Starts a stint on the project. Throws if the worker already has an open one. */
  enter(m: NewMembership): number {
    const at = this.now();
    return Number(
      this.db
        .prepare(
          `INSERT INTO wf_memberships (worker_id, company_id, team_id, role, entered_on, contract_type, contract_start,
             contract_end, contract_file, wage_kind, wage_rate_fen, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          m.workerId,
          m.companyId,
          m.teamId ?? null,
          m.role ?? 'worker',
          m.enteredOn,
          m.contractType ?? null,
          m.contractStart ?? null,
          m.contractEnd ?? null,
          m.contractFile ?? null,
          m.wageKind ?? null,
          m.wageRateFen ?? null,
          at,
          at,
        ).lastInsertRowid,
    );
  }

  /** Ends the worker's open stint on `exitedOn`; returns whether there was one. */
  exit(workerId: number, exitedOn: string): boolean {
    return this.db.prepare('UPDATE wf_memberships SET exited_on = ?, updated_at = ? WHERE worker_id = ? AND exited_on IS NULL').run(exitedOn, this.now(), workerId).changes > 0;
  }

  openMembership(workerId: number): MembershipRow | null {
    const r = this.db.prepare('SELECT * FROM wf_memberships WHERE worker_id = ? AND exited_on IS NULL').get(workerId) as Raw | undefined;
    return r ? membershipOf(r) : null;
  }

  memberships(workerId?: number): MembershipRow[] {
    const rows = (workerId === undefined
      ? this.db.prepare('SELECT * FROM wf_memberships ORDER BY id').all()
      : this.db.prepare('SELECT * FROM wf_memberships WHERE worker_id = ? ORDER BY id').all(workerId)) as Raw[];
    return rows.map(membershipOf);
  }

  addCertificate(c: Omit<CertificateRow, 'id' | 'issuer' | 'reviewDate' | 'file'> & { issuer?: string | null; reviewDate?: string | null; file?: string | null }): number {
    const at = this.now();
    return Number(
      this.db
        .prepare('INSERT INTO wf_certificates (worker_id, type, number, issuer, valid_from, valid_to, review_date, file, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(c.workerId, c.type, c.number, c.issuer ?? null, c.validFrom, c.validTo, c.reviewDate ?? null, c.file ?? null, at, at).lastInsertRowid,
    );
  }

  certificatesOf(workerId: number): CertificateRow[] {
    return (this.db.prepare('SELECT * FROM wf_certificates WHERE worker_id = ? ORDER BY valid_to').all(workerId) as Raw[]).map(certificateOf);
  }

  /** Certificates whose validity ends on or before `lastDay` (YYYY-MM-DD), soonest first. */
  certificatesEndingBy(lastDay: string): CertificateRow[] {
    return (this.db.prepare('SELECT * FROM wf_certificates WHERE valid_to <= ? ORDER BY valid_to, id').all(lastDay) as Raw[]).map(certificateOf);
  }

  /** A certificate of `type` held by the worker and valid on `day` (YYYY-MM-DD, site time), if any. */
  validCertificate(workerId: number, type: CertificateType, day: string): CertificateRow | null {
    const r = this.db
      .prepare('SELECT * FROM wf_certificates WHERE worker_id = ? AND type = ? AND valid_from <= ? AND valid_to >= ? ORDER BY valid_to DESC LIMIT 1')
      .get(workerId, type, day, day) as Raw | undefined;
    return r ? certificateOf(r) : null;
  }

  addTrainingRecord(t: Omit<TrainingRecordRow, 'id'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO wf_training_records (worker_id, course_id, kind, title, hours, passed, score, at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(t.workerId, t.courseId, t.kind, t.title, t.hours, t.passed ? 1 : 0, t.score, t.at, t.source).lastInsertRowid,
    );
  }

  trainingOf(workerId: number): TrainingRecordRow[] {
    return (this.db.prepare('SELECT * FROM wf_training_records WHERE worker_id = ? ORDER BY at').all(workerId) as Raw[]).map((r) => ({
      id: r.id as number,
      workerId: r.worker_id as number,
      courseId: (r.course_id as number | null) ?? null,
      kind: r.kind as CourseKind,
      title: r.title as string,
      hours: r.hours as number,
      passed: r.passed === 1,
      score: (r.score as number | null) ?? null,
      at: r.at as number,
      source: r.source as 'exam' | 'office',
    }));
  }

  /** Whether the worker has passed the induction course (三级安全教育), required before entry. */
  hasPassedInduction(workerId: number): boolean {
    return this.db.prepare("SELECT 1 FROM wf_training_records WHERE worker_id = ? AND kind = 'induction' AND passed = 1 LIMIT 1").get(workerId) !== undefined;
  }

  addToBlacklist(b: { idHash: string; workerId?: number | null; reason: string; by: string }): number {
    return Number(
      this.db
        .prepare('INSERT INTO wf_blacklist (id_hash, worker_id, reason, added_at, added_by) VALUES (?, ?, ?, ?, ?)')
        .run(b.idHash, b.workerId ?? null, b.reason, this.now(), b.by).lastInsertRowid,
    );
  }

  removeFromBlacklist(idHash: string, by: string): boolean {
    return this.db.prepare('UPDATE wf_blacklist SET removed_at = ?, removed_by = ? WHERE id_hash = ? AND removed_at IS NULL').run(this.now(), by, idHash).changes > 0;
  }

  /** The reason a person (by the keyed hash of their ID) is on the blacklist now, or null. */
  blacklistReason(idHash: string): string | null {
    const r = this.db.prepare('SELECT reason FROM wf_blacklist WHERE id_hash = ? AND removed_at IS NULL ORDER BY id DESC LIMIT 1').get(idHash) as { reason: string } | undefined;
    return r?.reason ?? null;
  }

  addConduct(c: { workerId: number; kind: 'good' | 'bad'; text: string; by: string; at?: number }): number {
    return Number(this.db.prepare('INSERT INTO wf_conduct (worker_id, kind, at, text, by_user) VALUES (?, ?, ?, ?, ?)').run(c.workerId, c.kind, c.at ?? this.now(), c.text, c.by).lastInsertRowid);
  }

  /** Appends to the change log; values that hold ID or bank numbers must be masked by the caller. */
  recordChange(c: RegistryChange): void {
    this.db
      .prepare('INSERT INTO wf_changes (at, actor, actor_role, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.at ?? this.now(), c.actor, c.actorRole, c.entity, c.entityId, c.action, c.before === undefined ? null : JSON.stringify(c.before), c.after === undefined ? null : JSON.stringify(c.after));
  }

  // ---- Registry (registration edits): updates of people, companies and teams -------------------

  /** Rewrites a worker's changeable fields (never the ID type or number); the bank card is sealed here. */
  updateWorker(id: number, w: Omit<NewWorker, 'idType' | 'idNumber'>): void {
    const card = w.bankCard ? this.cipher.seal(w.bankCard) : null;
    this.db
      .prepare(
        `UPDATE wf_workers SET name = ?, gender = ?, ethnicity = ?, birth_date = ?, address = ?, issuing_authority = ?,
           id_valid_from = ?, id_valid_to = ?, phone = ?, education = ?, trade = ?, is_manager = ?, post = ?, bank_name = ?,
           bank_card_sealed = ?, bank_card_hash = ?, bank_card_masked = ?, emergency_contact = ?, emergency_phone = ?,
           card_no = ?, face_id = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        w.name, w.gender ?? null, w.ethnicity ?? null, w.birthDate ?? null, w.address ?? null, w.issuingAuthority ?? null,
        w.idValidFrom ?? null, w.idValidTo ?? null, w.phone ?? null, w.education ?? null, w.trade, w.isManager ? 1 : 0, w.post ?? null,
        w.bankName ?? null, card?.sealed ?? null, card?.hash ?? null, card?.masked ?? null, w.emergencyContact ?? null,
        w.emergencyPhone ?? null, w.cardNo ?? null, w.faceId ?? null, this.now(), id,
      );
  }

  updateCompany(id: number, c: { name: string; kind: CompanyKind; contact: string | null; phone: string | null }): void {
    this.db.prepare('UPDATE wf_companies SET name = ?, kind = ?, contact = ?, phone = ?, updated_at = ? WHERE id = ?').run(c.name, c.kind, c.contact, c.phone, this.now(), id);
  }

  renameTeam(id: number, name: string): void {
    this.db.prepare('UPDATE wf_teams SET name = ?, updated_at = ? WHERE id = ?').run(name, this.now(), id);
  }
}
