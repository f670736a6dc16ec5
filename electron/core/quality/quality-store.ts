/**
 * SQLite access for inspections, notices, their log and photos (migration 16). Rows only: the
 * rules (who, which state, which company) are in quality-service.ts.
 */
import type { NoticeSource } from '../../common/api/quality.js';
import type { InspectionResult, ItemResult, NoticeAction, NoticeOrigin, NoticeState, QualityLocation } from '../../common/quality.js';
import type { Database } from '../store/database.js';

type Raw = Record<string, unknown>;

export interface InspectionRow {
  id: number;
  checklistId: string;
  result: InspectionResult;
  inspector: string;
  inspectorRole: string;
  at: number;
  day: string;
  location: QualityLocation | null;
  remark: string;
  photos: string[];
  /** Loaded by `inspection(id)` only; empty in lists. */
  items: { code: string; result: ItemResult; remark: string; photos: string[] }[];
  counts: { pass: number; fail: number; na: number };
  notices: number;
}

export interface NoticeRow {
  id: number;
  number: string;
  origin: NoticeOrigin;
  externalRef: string | null;
  state: NoticeState;
  source: NoticeSource;
  inspectionId: number | null;
  companyId: number;
  teamId: number | null;
  dueDate: string;
  description: string;
  location: QualityLocation | null;
  photos: string[];
  raisedBy: string;
  raisedAt: number;
  closedAt: number | null;
}

export interface LogRow {
  seq: number;
  noticeId: number;
  action: NoticeAction;
  state: NoticeState;
  actor: string;
  actorRole: string;
  at: number;
  text: string;
  photos: string[];
}

export interface NewNotice {
  origin: NoticeOrigin;
  externalRef: string | null;
  source: NoticeSource;
  companyId: number;
  teamId: number | null;
  dueDate: string;
  description: string;
  location: QualityLocation | null;
  photos: string[];
  raisedBy: string;
  raisedRole: string;
  at: number;
  /** The site day of `at`, for the notice number. */
  day: string;
}

const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : fallback);

export class QualityStore {
  constructor(readonly db: Database) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  addPhoto(p: { file: string; format: string; bytes: number; width: number; height: number; by: string; at: number }): void {
    this.db
      .prepare('INSERT OR IGNORE INTO q_photos (file, format, bytes, width, height, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(p.file, p.format, p.bytes, p.width, p.height, p.by, p.at);
  }

  /** The files of `files` that are not stored photos. */
  unknownPhotos(files: readonly string[]): string[] {
    const has = this.db.prepare('SELECT 1 FROM q_photos WHERE file = ?');
    return files.filter((f) => !has.get(f));
  }

  hasPhoto(file: string): boolean {
    return this.db.prepare('SELECT 1 FROM q_photos WHERE file = ?').get(file) !== undefined;
  }

  insertInspection(i: Omit<InspectionRow, 'id' | 'notices' | 'counts'>, createdAt: number): number {
    return this.transaction(() => {
      const id = Number(
        this.db
          .prepare('INSERT INTO q_inspections (checklist_id, result, inspector, inspector_role, at, day, location, remark, photos, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(i.checklistId, i.result, i.inspector, i.inspectorRole, i.at, i.day, i.location ? JSON.stringify(i.location) : null, i.remark, JSON.stringify(i.photos), createdAt).lastInsertRowid,
      );
      const item = this.db.prepare('INSERT INTO q_inspection_items (inspection_id, code, result, remark, photos) VALUES (?, ?, ?, ?, ?)');
      for (const it of i.items) item.run(id, it.code, it.result, it.remark, JSON.stringify(it.photos));
      return id;
    });
  }

  inspection(id: number): InspectionRow | null {
    const r = this.db.prepare(`${INSPECTION_SELECT} WHERE i.id = ?`).get(id) as Raw | undefined;
    if (!r) return null;
    const items = (this.db.prepare('SELECT * FROM q_inspection_items WHERE inspection_id = ? ORDER BY rowid').all(id) as Raw[]).map((it) => ({
      code: it.code as string,
      result: it.result as ItemResult,
      remark: it.remark as string,
      photos: json<string[]>(it.photos, []),
    }));
    return { ...inspectionOf(r), items };
  }

  /** Inspections between UTC ms `from` (inclusive) and `to` (exclusive), newest first; items not loaded. */
  inspections(filter: { from?: number; to?: number; result?: InspectionResult; limit: number }): InspectionRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.from !== undefined) {
      where.push('i.at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('i.at < ?');
      params.push(filter.to);
    }
    if (filter.result) {
      where.push('i.result = ?');
      params.push(filter.result);
    }
    const sql = `${INSPECTION_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.at DESC, i.id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, filter.limit) as Raw[]).map((r) => ({ ...inspectionOf(r), items: [] }));
  }

  /** Inspections and passed ones per site day, for days in [fromDay, toDay]. */
  inspectionsByDay(fromDay: string, toDay: string): { day: string; inspections: number; passed: number }[] {
    return (
      this.db
        .prepare(`SELECT day, count(*) AS n, sum(result = 'pass') AS passed FROM q_inspections WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day`)
        .all(fromDay, toDay) as Raw[]
    ).map((r) => ({ day: r.day as string, inspections: r.n as number, passed: (r.passed as number) ?? 0 }));
  }

  insertNotice(n: NewNotice): number {
    return this.transaction(() => {
      const seqOfDay = (this.db.prepare("SELECT count(*) AS n FROM q_notices WHERE number LIKE ?").get(`ZG-${n.day.replaceAll('-', '')}-%`) as Raw).n as number;
      const number = `ZG-${n.day.replaceAll('-', '')}-${String(seqOfDay + 1).padStart(3, '0')}`;
      const inspectionId = n.source.kind === 'inspection' ? n.source.inspectionId : null;
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO q_notices (number, origin, external_ref, state, source, inspection_id, company_id, team_id, due_date, description, location, photos, raised_by, raised_at, updated_at)
             VALUES (?, ?, ?, 'raised', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(number, n.origin, n.externalRef, JSON.stringify(n.source), inspectionId, n.companyId, n.teamId, n.dueDate, n.description, n.location ? JSON.stringify(n.location) : null, JSON.stringify(n.photos), n.raisedBy, n.at, n.at).lastInsertRowid,
      );
      this.appendLog({ noticeId: id, action: 'raise', state: 'raised', actor: n.raisedBy, actorRole: n.raisedRole, at: n.at, text: n.description, photos: n.photos });
      return id;
    });
  }

  /** The notice an authority sent with this reference (its notices arrive at least once, maybe twice). */
  noticeByExternalRef(origin: NoticeOrigin, externalRef: string): NoticeRow | null {
    const r = this.db.prepare('SELECT * FROM q_notices WHERE origin = ? AND external_ref = ?').get(origin, externalRef) as Raw | undefined;
    return r ? noticeOf(r) : null;
  }

  notice(id: number): NoticeRow | null {
    const r = this.db.prepare('SELECT * FROM q_notices WHERE id = ?').get(id) as Raw | undefined;
    return r ? noticeOf(r) : null;
  }

  notices(filter: { states?: NoticeState[]; companyId?: number; dueBefore?: string; limit: number }): NoticeRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.states) {
      where.push(`state IN (${filter.states.map(() => '?').join(',')})`);
      params.push(...filter.states);
    }
    if (filter.companyId !== undefined) {
      where.push('company_id = ?');
      params.push(filter.companyId);
    }
    if (filter.dueBefore !== undefined) {
      where.push('due_date < ?');
      params.push(filter.dueBefore);
    }
    const sql = `SELECT * FROM q_notices ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, filter.limit) as Raw[]).map(noticeOf);
  }

  /** Moves a notice to `state` and appends the step, in one transaction; false when the state changed meanwhile. */
  transition(noticeId: number, from: NoticeState, step: Omit<LogRow, 'seq' | 'noticeId'>): boolean {
    return this.transaction(() => {
      const changed = this.db
        .prepare('UPDATE q_notices SET state = ?, updated_at = ?, closed_at = ? WHERE id = ? AND state = ?')
        .run(step.state, step.at, step.state === 'closed' ? step.at : null, noticeId, from).changes;
      if (!changed) return false;
      this.appendLog({ ...step, noticeId });
      return true;
    });
  }

  log(noticeId: number): LogRow[] {
    return (this.db.prepare('SELECT * FROM q_notice_log WHERE notice_id = ? ORDER BY seq').all(noticeId) as Raw[]).map((r) => ({
      seq: r.seq as number,
      noticeId: r.notice_id as number,
      action: r.action as NoticeAction,
      state: r.state as NoticeState,
      actor: r.actor as string,
      actorRole: r.actor_role as string,
      at: r.at as number,
      text: r.text as string,
      photos: json<string[]>(r.photos, []),
    }));
  }

  private appendLog(l: Omit<LogRow, 'seq'>): void {
    this.db
      .prepare('INSERT INTO q_notice_log (notice_id, action, state, actor, actor_role, at, text, photos) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(l.noticeId, l.action, l.state, l.actor, l.actorRole, l.at, l.text, JSON.stringify(l.photos));
  }
}

const INSPECTION_SELECT = `SELECT i.*, (SELECT count(*) FROM q_notices n WHERE n.inspection_id = i.id) AS notice_count,
  (SELECT count(*) FROM q_inspection_items t WHERE t.inspection_id = i.id AND t.result = 'pass') AS n_pass,
  (SELECT count(*) FROM q_inspection_items t WHERE t.inspection_id = i.id AND t.result = 'fail') AS n_fail,
  (SELECT count(*) FROM q_inspection_items t WHERE t.inspection_id = i.id AND t.result = 'na') AS n_na
  FROM q_inspections i`;

function inspectionOf(r: Raw): Omit<InspectionRow, 'items'> {
  return {
    id: r.id as number,
    checklistId: r.checklist_id as string,
    result: r.result as InspectionResult,
    inspector: r.inspector as string,
    inspectorRole: r.inspector_role as string,
    at: r.at as number,
    day: r.day as string,
    location: json<QualityLocation | null>(r.location, null),
    remark: r.remark as string,
    photos: json<string[]>(r.photos, []),
    notices: r.notice_count as number,
    counts: { pass: r.n_pass as number, fail: r.n_fail as number, na: r.n_na as number },
  };
}

function noticeOf(r: Raw): NoticeRow {
  return {
    id: r.id as number,
    number: r.number as string,
    origin: r.origin as NoticeOrigin,
    externalRef: (r.external_ref as string | null) ?? null,
    state: r.state as NoticeState,
    source: json<NoticeSource>(r.source, { kind: 'direct' }),
    inspectionId: (r.inspection_id as number | null) ?? null,
    companyId: r.company_id as number,
    teamId: (r.team_id as number | null) ?? null,
    dueDate: r.due_date as string,
    description: r.description as string,
    location: json<QualityLocation | null>(r.location, null),
    photos: json<string[]>(r.photos, []),
    raisedBy: r.raised_by as string,
    raisedAt: r.raised_at as number,
    closedAt: (r.closed_at as number | null) ?? null,
  };
}
