/**
 * The rules over inspections and rectification notices: what a valid inspection is, to whom a
 * notice may go, which step is allowed from which state, and who did each step (the notice's
 * log, and the audit chain). Views carry photo URLs with media tickets, so <img> can load them.
 */
import { ApiError } from '../../common/api/errors.js';
import type {
  InspectionInput,
  InspectionQuery,
  InspectionSummary,
  InspectionView,
  NoticeInput,
  NoticeQuery,
  NoticeSummary,
  NoticeView,
  QualityAssignee,
  QualitySummary,
} from '../../common/api/quality.js';
import { checklistById } from '../../common/quality-checklists.js';
import { isOverdue, nextNoticeState, QUALITY_MAX_PHOTOS, transitionProblem, type NoticeAction, type NoticeState, type QualityLocation } from '../../common/quality.js';
import type { SecurityEvent } from '../alarms/alarm-store.js';
import { siteLocalTime } from '../alarms/rules/site-clock.js';
import { siteInstant } from '../workforce/attendance-clock.js';
import { addDays } from '../workforce/certificate-watch.js';
import type { InspectionRow, NoticeRow, QualityStore } from './quality-store.js';

/** Who acts, as the session knows them. */
export interface QualityActor {
  username: string;
  role: string;
}

export interface QualityServiceDeps {
  store: QualityStore;
  /** Companies and teams on the project now. */
  assignees: () => QualityAssignee[];
  /** Every registered company's and team's name (closed notices keep theirs). */
  names: () => { companies: Map<number, string>; teams: Map<number, string> };
  /** The site model's buildings. */
  buildings: () => { id: string; name: string; plannedFloors: number }[];
  /** A panorama capture's point name, or undefined when there is no such capture (null: capture without a point). */
  capture: (captureId: string) => { pointName: string | null } | undefined;
  timeZone: () => string;
  /** A ticketed URL for a stored photo. */
  photoUrl: (file: string) => string;
  /** Writes each step to the audit chain. */
  audit?: (event: SecurityEvent) => void;
  /** After a notice changes (the overdue watch re-checks). */
  changed?: () => void;
  now?: () => number;
}

const MAX_LIST = 500;

export class QualityService {
  private readonly now: () => number;

  constructor(private readonly deps: QualityServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  get store(): QualityStore {
    return this.deps.store;
  }

  today(): string {
    return siteLocalTime(this.now(), this.deps.timeZone()).day;
  }

  // ---- inspections ----

  recordInspection(input: InspectionInput, actor: QualityActor): InspectionView {
    const checklist = checklistById(input.checklistId);
    if (!checklist) throw new ApiError('bad-request', `no checklist "${input.checklistId}"; use one from GET /api/quality/checklists`, 'checklistId');
    const codes = new Set(checklist.items.map((i) => i.code));
    const seen = new Set<string>();
    for (const item of input.items) {
      if (!codes.has(item.code)) throw new ApiError('bad-request', `"${item.code}" is not an item of the checklist ${checklist.zh}`, 'items');
      if (seen.has(item.code)) throw new ApiError('bad-request', `item "${item.code}" is given twice`, 'items');
      seen.add(item.code);
    }
    if (seen.size === 0) throw new ApiError('bad-request', 'record at least one checklist item', 'items');
    const at = input.at ? Date.parse(input.at) : this.now();
    if (!Number.isFinite(at) || at < Date.UTC(2000, 0, 1)) throw new ApiError('bad-request', '"at" is not a date and time of this century', 'at');
    if (at > this.now() + 5 * 60_000) throw new ApiError('bad-request', 'an inspection cannot be recorded in the future', 'at');
    const photos = input.photos ?? [];
    this.checkPhotos([...photos, ...input.items.flatMap((i) => i.photos ?? [])], 'photos');
    for (const item of input.items) if ((item.photos?.length ?? 0) > QUALITY_MAX_PHOTOS) throw new ApiError('bad-request', `at most ${QUALITY_MAX_PHOTOS} photos per item`, 'items');
    const location = this.checkLocation(input.location ?? null);
    const failed = input.items.some((i) => i.result === 'fail');
    const id = this.deps.store.insertInspection(
      {
        checklistId: checklist.id,
        result: failed ? 'fail' : 'pass',
        inspector: actor.username,
        inspectorRole: actor.role,
        at,
        day: siteLocalTime(at, this.deps.timeZone()).day,
        location,
        remark: input.remark ?? '',
        photos,
        items: input.items.map((i) => ({ code: i.code, result: i.result, remark: i.remark ?? '', photos: i.photos ?? [] })),
      },
      this.now(),
    );
    this.deps.audit?.({ type: 'quality-inspection', actor: actor.username, actorRole: actor.role, text: `inspection ${id} (${checklist.id}) recorded: ${failed ? 'fail' : 'pass'}`, detail: { inspectionId: id } });
    return this.inspection(id);
  }

  inspection(id: number): InspectionView {
    const row = this.deps.store.inspection(id);
    if (!row) throw new ApiError('not-found', `no inspection ${id}`, 'id');
    const checklist = checklistById(row.checklistId);
    const text = new Map(checklist?.items.map((i) => [i.code, i]) ?? []);
    return {
      ...this.inspectionSummary(row),
      remark: row.remark,
      photos: row.photos.map((f) => this.photo(f)),
      items: row.items.map((i) => ({ code: i.code, text: text.get(i.code)?.zh ?? i.code, clause: text.get(i.code)?.clause ?? '', result: i.result, remark: i.remark, photos: i.photos.map((f) => this.photo(f)) })),
    };
  }

  inspections(query: InspectionQuery = {}): InspectionSummary[] {
    const tz = this.deps.timeZone();
    if (query.from && query.to && query.from > query.to) throw new ApiError('bad-request', '"from" is after "to"', 'from');
    return this.deps.store
      .inspections({
        ...(query.from ? { from: dayStart(query.from, tz) } : {}),
        ...(query.to ? { to: dayStart(addDays(query.to, 1), tz) } : {}),
        ...(query.result ? { result: query.result } : {}),
        limit: Math.min(query.limit ?? 200, MAX_LIST),
      })
      .map((r) => this.inspectionSummary(r));
  }

  // ---- notices ----

  /**
   * Raises a notice. The console's notices are the site's own; the supervision link passes
   * `{ origin: 'authority', externalRef }` for a notice sent down by the authority, and the same
   * reference again answers the notice already raised (delivery is at least once).
   */
  raiseNotice(input: NoticeInput, actor: QualityActor, origin: { origin: 'site' | 'authority'; externalRef: string | null } = { origin: 'site', externalRef: null }): NoticeView {
    if (origin.externalRef !== null) {
      const known = this.deps.store.noticeByExternalRef(origin.origin, origin.externalRef);
      if (known) return this.notice(known.id);
    }
    const assignee = this.deps.assignees().find((a) => a.companyId === input.companyId);
    if (!assignee) {
      const known = this.deps.names().companies.get(input.companyId);
      throw new ApiError(
        'bad-request',
        known ? `${known} has nobody on the project now; a notice goes to a company on site` : `no company ${input.companyId} in the real-name registry; a notice goes to a company on site`,
        'companyId',
      );
    }
    const teamId = input.teamId ?? null;
    if (teamId !== null && !assignee.teams.some((t) => t.id === teamId)) {
      throw new ApiError('bad-request', `team ${teamId} is not a team of ${assignee.companyName} on site`, 'teamId');
    }
    const today = this.today();
    if (input.dueDate < today) throw new ApiError('bad-request', `the due date ${input.dueDate} is in the past (today is ${today}); give today or a later day`, 'dueDate');
    const description = input.description.trim();
    if (!description) throw new ApiError('bad-request', 'describe what is to be rectified', 'description');
    const photos = input.photos ?? [];
    this.checkPhotos(photos, 'photos');
    let location = this.checkLocation(input.location ?? null);
    const source = input.source;
    if (source.kind === 'inspection') {
      const inspection = this.deps.store.inspection(source.inspectionId);
      if (!inspection) throw new ApiError('bad-request', `no inspection ${source.inspectionId}`, 'source.inspectionId');
      const item = inspection.items.find((i) => i.code === source.itemCode);
      if (!item) throw new ApiError('bad-request', `inspection ${source.inspectionId} has no item "${source.itemCode}"`, 'source.itemCode');
      if (item.result !== 'fail') throw new ApiError('bad-request', `item "${source.itemCode}" of inspection ${source.inspectionId} passed; a notice is raised from a failed item`, 'source.itemCode');
      location ??= inspection.location;
    } else if (source.kind === 'panorama') {
      location = this.checkLocation({ kind: 'panorama', captureId: source.captureId, yawDeg: source.yawDeg, pitchDeg: source.pitchDeg });
    }
    const at = this.now();
    const id = this.deps.store.insertNotice({
      ...origin,
      source,
      companyId: input.companyId,
      teamId,
      dueDate: input.dueDate,
      description,
      location,
      photos,
      raisedBy: actor.username,
      raisedRole: actor.role,
      at,
      day: today,
    });
    this.auditStep(id, 'raise', actor, `due ${input.dueDate} to ${assignee.companyName}`);
    this.deps.changed?.();
    return this.notice(id);
  }

  /** Takes one step of the state machine; answers 409 when it is not allowed from the notice's state. */
  step(id: number, action: Exclude<NoticeAction, 'raise'>, actor: QualityActor, text: string, photos: string[] = []): NoticeView {
    const row = this.noticeRow(id);
    const next = nextNoticeState(row.state, action);
    if (!next) throw new ApiError('conflict', transitionProblem(row.state, action), 'id');
    if (action === 'answer') {
      if (!text.trim()) throw new ApiError('bad-request', 'say what was done to rectify', 'text');
      if (photos.length === 0) throw new ApiError('bad-request', 'attach at least one photo of the rectified work', 'photos');
    }
    if (action === 'verify-fail' && !text.trim()) throw new ApiError('bad-request', 'say what is still wrong, so it can be rectified', 'text');
    this.checkPhotos(photos, 'photos');
    if (!this.deps.store.transition(id, row.state, { action, state: next, actor: actor.username, actorRole: actor.role, at: this.now(), text: text.trim(), photos })) {
      throw new ApiError('conflict', 'the notice changed meanwhile; open it again', 'id');
    }
    this.auditStep(id, action, actor, text.trim());
    this.deps.changed?.();
    return this.notice(id);
  }

  notice(id: number): NoticeView {
    const row = this.noticeRow(id);
    const names = this.deps.names();
    return {
      ...this.noticeSummary(row, names, this.today()),
      photos: row.photos.map((f) => this.photo(f)),
      log: this.deps.store.log(id).map((l) => ({ seq: l.seq, action: l.action, state: l.state, actor: l.actor, actorRole: l.actorRole, at: l.at, text: l.text, photos: l.photos.map((f) => this.photo(f)) })),
    };
  }

  notices(query: NoticeQuery = {}): NoticeSummary[] {
    const today = this.today();
    const states: NoticeState[] | undefined = query.state === 'open' ? ['raised', 'rectifying', 'answered'] : query.state ? [query.state] : undefined;
    const overdueOnly = query.overdue === true;
    const rows = this.deps.store.notices({
      ...(overdueOnly ? { states: (states ?? ['raised', 'rectifying', 'answered']).filter((s) => s !== 'closed'), dueBefore: today } : states ? { states } : {}),
      ...(query.companyId !== undefined ? { companyId: query.companyId } : {}),
      limit: Math.min(query.limit ?? 200, MAX_LIST),
    });
    const names = this.deps.names();
    return rows.map((r) => this.noticeSummary(r, names, today)).filter((n) => query.overdue !== false || !n.overdue);
  }

  /** Open notices past their due date (the overdue watch's input). */
  overdue(): NoticeRow[] {
    return this.deps.store.notices({ states: ['raised', 'rectifying', 'answered'], dueBefore: this.today(), limit: 10_000 });
  }

  summary(): QualitySummary {
    const today = this.today();
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(today, -weekday);
    const byDay = this.deps.store.inspectionsByDay(addDays(today, -13), today);
    const week = byDay.filter((d) => d.day >= monday);
    const weekInspections = week.reduce((s, d) => s + d.inspections, 0);
    const weekPassed = week.reduce((s, d) => s + d.passed, 0);
    const days = Array.from({ length: 7 }, (_, i) => addDays(today, i - 6)).map((day) => byDay.find((d) => d.day === day) ?? { day, inspections: 0, passed: 0 });
    const open = this.deps.store.db.prepare("SELECT count(*) AS n FROM q_notices WHERE state != 'closed'").get() as { n: number };
    return {
      today,
      openNotices: open.n,
      overdueNotices: this.overdue().length,
      weekInspections,
      weekPassed,
      weekPassRate: weekInspections ? weekPassed / weekInspections : null,
      days,
    };
  }

  // ---- helpers ----

  locationText(location: QualityLocation | null): string {
    if (!location) return '';
    if (location.kind === 'building') {
      const name = this.deps.buildings().find((b) => b.id === location.buildingId)?.name ?? location.buildingId;
      return location.floor === null ? name : `${name} ${location.floor < 0 ? `地下${-location.floor}层` : `${location.floor}层`}`;
    }
    const point = this.deps.capture(location.captureId)?.pointName;
    return `全景 ${point ?? location.captureId}（${Math.round(location.yawDeg)}°, ${Math.round(location.pitchDeg)}°）`;
  }

  private checkLocation(location: QualityLocation | null): QualityLocation | null {
    if (!location) return null;
    if (location.kind === 'building') {
      const building = this.deps.buildings().find((b) => b.id === location.buildingId);
      if (!building) throw new ApiError('bad-request', `no building "${location.buildingId}" in the site model`, 'location.buildingId');
      if (location.floor !== null && (location.floor === 0 || location.floor > building.plannedFloors || location.floor < -10)) {
        throw new ApiError('bad-request', `${building.name} has floors 1 to ${building.plannedFloors} (basements −1 to −10); ${location.floor} is none of them`, 'location.floor');
      }
      return location;
    }
    if (!this.deps.capture(location.captureId)) throw new ApiError('bad-request', `no panorama capture "${location.captureId}"`, 'location.captureId');
    return location;
  }

  private checkPhotos(files: readonly string[], field: string): void {
    if (files.length > QUALITY_MAX_PHOTOS * 8) throw new ApiError('bad-request', 'too many photos', field);
    const unknown = this.deps.store.unknownPhotos(files);
    if (unknown.length) throw new ApiError('bad-request', `photo ${unknown[0]} was not uploaded; upload it first (POST /api/quality/photos)`, field);
  }

  private noticeRow(id: number): NoticeRow {
    const row = this.deps.store.notice(id);
    if (!row) throw new ApiError('not-found', `no rectification notice ${id}`, 'id');
    return row;
  }

  private photo(file: string) {
    return { file, url: this.deps.photoUrl(file) };
  }

  private auditStep(id: number, action: NoticeAction, actor: QualityActor, text: string): void {
    const n = this.deps.store.notice(id);
    this.deps.audit?.({ type: `quality-notice-${action}`, actor: actor.username, actorRole: actor.role, text: `${n?.number ?? id} ${action}${text ? `: ${text.slice(0, 200)}` : ''}`, detail: { noticeId: id, state: n?.state ?? null } });
  }

  private inspectionSummary(row: InspectionRow): InspectionSummary {
    const checklist = checklistById(row.checklistId);
    const counts = row.items.length
      ? { pass: row.items.filter((i) => i.result === 'pass').length, fail: row.items.filter((i) => i.result === 'fail').length, na: row.items.filter((i) => i.result === 'na').length }
      : row.counts;
    return {
      id: row.id,
      checklistId: row.checklistId,
      checklistName: checklist?.zh ?? row.checklistId,
      result: row.result,
      passed: counts.pass,
      failed: counts.fail,
      notApplicable: counts.na,
      inspector: row.inspector,
      at: row.at,
      location: row.location,
      locationText: this.locationText(row.location),
      notices: row.notices,
    };
  }

  private noticeSummary(r: NoticeRow, names: { companies: Map<number, string>; teams: Map<number, string> }, today: string): NoticeSummary {
    return {
      id: r.id,
      number: r.number,
      origin: r.origin,
      externalRef: r.externalRef,
      state: r.state,
      overdue: isOverdue(r, today),
      companyId: r.companyId,
      companyName: names.companies.get(r.companyId) ?? `#${r.companyId}`,
      teamId: r.teamId,
      teamName: r.teamId === null ? null : (names.teams.get(r.teamId) ?? `#${r.teamId}`),
      dueDate: r.dueDate,
      description: r.description,
      raisedBy: r.raisedBy,
      raisedAt: r.raisedAt,
      closedAt: r.closedAt,
      source: r.source,
      location: r.location,
      locationText: this.locationText(r.location),
    };
  }
}

/** UTC ms of 00:00 of site day `day` in `timeZone`. */
export function dayStart(day: string, timeZone: string): number {
  return siteInstant(day, 0, timeZone);
}
