/**
 * The registry's read queries that join tables (the roster list with its filters, companies and
 * teams with their headcounts, conduct, blacklist, change log): SQL in one place, rows out as the
 * contract's views. Pay and clear numbers never leave here; the service decides what a role sees.
 */
import type { CompanyView, ConductView, RosterCounts, TeamView, WorkerBlacklistEntry, WorkerChangeView, WorkerQuery, WorkerSummary } from '../../common/api/workforce.js';
import type { CompanyKind, IdType } from '../../common/workforce.js';
import type { Database } from '../store/database.js';
import { str } from './workforce-store.js';

type Raw = Record<string, unknown>;

const SUMMARY_SELECT = `
  SELECT w.id, w.name, w.id_type, w.id_masked, w.gender, w.birth_date, w.phone, w.trade, w.is_manager, w.post,
         w.card_no, w.face_id, w.photo_file, w.id_hash,
         m.company_id, c.name AS company_name, m.team_id, t.name AS team_name, m.entered_on,
         EXISTS (SELECT 1 FROM wf_blacklist b WHERE b.id_hash = w.id_hash AND b.removed_at IS NULL) AS blacklisted
  FROM wf_workers w
  LEFT JOIN wf_memberships m ON m.worker_id = w.id AND m.exited_on IS NULL
  LEFT JOIN wf_companies c ON c.id = m.company_id
  LEFT JOIN wf_teams t ON t.id = m.team_id`;

export function summaryOf(r: Raw): WorkerSummary {
  return {
    id: r.id as number,
    name: r.name as string,
    idType: r.id_type as IdType,
    idMasked: r.id_masked as string,
    gender: (r.gender as 'M' | 'F' | null) ?? null,
    birthDate: str(r.birth_date),
    phone: str(r.phone),
    trade: r.trade as string,
    isManager: r.is_manager === 1,
    post: str(r.post),
    cardNo: str(r.card_no),
    faceId: str(r.face_id),
    hasPhoto: r.photo_file !== null && r.photo_file !== undefined,
    companyId: (r.company_id as number | null) ?? null,
    companyName: str(r.company_name),
    teamId: (r.team_id as number | null) ?? null,
    teamName: str(r.team_name),
    enteredOn: str(r.entered_on),
    active: r.company_id !== null && r.company_id !== undefined,
    blacklisted: r.blacklisted === 1,
  };
}

export class RegistryQueries {
  constructor(private readonly db: Database) {}

  /** The roster page; `idHash` is the keyed hash of `query.search` (an exact ID number look-up). */
  workers(query: WorkerQuery, idHash: string | null): { total: number; rows: WorkerSummary[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    const filter = (clause: string, value: unknown) => {
      where.push(clause);
      args.push(value);
    };
    if (query.companyId !== undefined) filter('m.company_id = ?', query.companyId);
    if (query.teamId !== undefined) filter('m.team_id = ?', query.teamId);
    if (query.trade) filter('w.trade = ?', query.trade);
    const status = query.status ?? 'active';
    if (status === 'active') where.push('m.id IS NOT NULL');
    if (status === 'exited') where.push('m.id IS NULL');
    const search = query.search?.trim();
    if (search) {
      const escaped = search.replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push("(w.name LIKE ? ESCAPE '\\' OR w.card_no = ?" + (idHash ? ' OR w.id_hash = ?' : '') + ')');
      args.push(`%${escaped}%`, search);
      if (idHash) args.push(idHash);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM (${SUMMARY_SELECT}${clause})`).get(...args) as { n: number }).n;
    const rows = this.db
      .prepare(`${SUMMARY_SELECT}${clause} ORDER BY w.is_manager DESC, c.id, t.id, w.id LIMIT ? OFFSET ?`)
      .all(...args, query.limit ?? 200, query.offset ?? 0) as Raw[];
    return { total, rows: rows.map(summaryOf) };
  }

  workerSummary(id: number): WorkerSummary | null {
    const r = this.db.prepare(`${SUMMARY_SELECT} WHERE w.id = ?`).get(id) as Raw | undefined;
    return r ? summaryOf(r) : null;
  }

  /** Every worker with what the export needs, in roster order, numbers sealed (opened by the caller if allowed). */
  exportRows(): Raw[] {
    return this.db
      .prepare(
        `SELECT w.*, m.role, m.entered_on, m.contract_type, m.contract_start, m.contract_end, m.wage_kind, m.wage_rate_fen,
                c.name AS company_name, c.credit_code, t.name AS team_name
         FROM wf_workers w
         JOIN wf_memberships m ON m.worker_id = w.id AND m.exited_on IS NULL
         JOIN wf_companies c ON c.id = m.company_id
         LEFT JOIN wf_teams t ON t.id = m.team_id
         ORDER BY c.id, t.id, w.id`,
      )
      .all() as Raw[];
  }

  companies(): CompanyView[] {
    return (
      this.db
        .prepare(
          `SELECT c.*, (SELECT COUNT(*) FROM wf_memberships m WHERE m.company_id = c.id AND m.exited_on IS NULL) AS active
           FROM wf_companies c ORDER BY c.id`,
        )
        .all() as Raw[]
    ).map((r) => ({
      id: r.id as number,
      creditCode: r.credit_code as string,
      name: r.name as string,
      kind: r.kind as CompanyKind,
      contact: str(r.contact),
      phone: str(r.phone),
      activeWorkers: r.active as number,
    }));
  }

  teams(companyId?: number): TeamView[] {
    const rows = this.db
      .prepare(
        `SELECT t.*, c.name AS company_name, l.name AS leader_name,
                (SELECT COUNT(*) FROM wf_memberships m WHERE m.team_id = t.id AND m.exited_on IS NULL) AS active
         FROM wf_teams t JOIN wf_companies c ON c.id = t.company_id LEFT JOIN wf_workers l ON l.id = t.leader_worker_id
         ${companyId === undefined ? '' : 'WHERE t.company_id = ?'} ORDER BY t.company_id, t.id`,
      )
      .all(...(companyId === undefined ? [] : [companyId])) as Raw[];
    return rows.map((r) => ({
      id: r.id as number,
      companyId: r.company_id as number,
      companyName: r.company_name as string,
      name: r.name as string,
      leaderWorkerId: (r.leader_worker_id as number | null) ?? null,
      leaderName: str(r.leader_name),
      activeWorkers: r.active as number,
    }));
  }

  counts(): RosterCounts {
    const r = this.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM wf_workers) AS registered,
                (SELECT COUNT(*) FROM wf_memberships WHERE exited_on IS NULL) AS active,
                (SELECT COUNT(*) FROM wf_workers w JOIN wf_memberships m ON m.worker_id = w.id AND m.exited_on IS NULL WHERE w.is_manager = 1) AS managers,
                (SELECT COUNT(*) FROM wf_companies) AS companies,
                (SELECT COUNT(*) FROM wf_teams) AS teams`,
      )
      .get() as RosterCounts;
    return { ...r };
  }

  conductOf(workerId: number): ConductView[] {
    return (this.db.prepare('SELECT * FROM wf_conduct WHERE worker_id = ? ORDER BY at DESC, id DESC').all(workerId) as Raw[]).map(conductOf);
  }

  conduct(id: number): ConductView {
    return conductOf(this.db.prepare('SELECT * FROM wf_conduct WHERE id = ?').get(id) as Raw);
  }

  blacklist(): WorkerBlacklistEntry[] {
    return (
      this.db
        .prepare(
          `SELECT b.*, w.name AS worker_name, w.id_masked FROM wf_blacklist b LEFT JOIN wf_workers w ON w.id_hash = b.id_hash
           WHERE b.removed_at IS NULL ORDER BY b.added_at DESC, b.id DESC`,
        )
        .all() as Raw[]
    ).map(blacklistOf);
  }

  blacklistEntry(id: number): (WorkerBlacklistEntry & { idHash: string; removed: boolean }) | null {
    const r = this.db
      .prepare('SELECT b.*, w.name AS worker_name, w.id_masked FROM wf_blacklist b LEFT JOIN wf_workers w ON w.id_hash = b.id_hash WHERE b.id = ?')
      .get(id) as Raw | undefined;
    return r ? { ...blacklistOf(r), idHash: r.id_hash as string, removed: r.removed_at !== null } : null;
  }

  changes(workerId: number | undefined, limit: number): WorkerChangeView[] {
    const rows = (
      workerId === undefined
        ? this.db.prepare('SELECT * FROM wf_changes ORDER BY id DESC LIMIT ?').all(limit)
        : this.db
            .prepare(
              `SELECT * FROM wf_changes WHERE (entity = 'worker' AND entity_id = ?)
                 OR (entity IN ('membership', 'certificate', 'training', 'conduct', 'blacklist', 'photo') AND json_extract(COALESCE(after, before), '$.workerId') = ?)
               ORDER BY id DESC LIMIT ?`,
            )
            .all(workerId, workerId, limit)
    ) as Raw[];
    return rows.map((r) => ({
      id: r.id as number,
      at: r.at as number,
      actor: r.actor as string,
      actorRole: r.actor_role as string,
      entity: r.entity as string,
      entityId: (r.entity_id as number | null) ?? null,
      action: r.action as string,
      before: r.before === null ? null : JSON.parse(r.before as string),
      after: r.after === null ? null : JSON.parse(r.after as string),
    }));
  }

  setPhoto(workerId: number, file: string, at: number): void {
    this.db.prepare('UPDATE wf_workers SET photo_file = ?, updated_at = ? WHERE id = ?').run(file, at, workerId);
  }
}

function conductOf(r: Raw): ConductView {
  return { id: r.id as number, workerId: r.worker_id as number, kind: r.kind as 'good' | 'bad', at: r.at as number, text: r.text as string, by: r.by_user as string };
}

function blacklistOf(r: Raw): WorkerBlacklistEntry {
  return {
    id: r.id as number,
    workerId: (r.worker_id as number | null) ?? null,
    workerName: str(r.worker_name),
    idMasked: str(r.id_masked),
    reason: r.reason as string,
    addedAt: r.added_at as number,
    addedBy: r.added_by as string,
  };
}
