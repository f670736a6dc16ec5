import type { FloorCompletionRequest, FloorPlansRequest, MilestoneRequest } from '../../common/api/progress.js';
import {
  actualCurve,
  daysBetween,
  delayBandOf,
  delayOf,
  firstOutOfOrder,
  floorDelayOf,
  isSiteDay,
  plannedCurve,
  siteDayOf,
  type BuildingProgress,
  type FloorProgress,
  type MilestoneProgress,
  type ProgressChange,
  type ProgressOverview,
  type SiteDay,
} from '../../common/progress.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { Database } from '../store/database.js';
import { capturePointsOf } from './building-points.js';
import { resolveFileSchedule } from './file-schedule.js';
import { ProgressStore } from './progress-store.js';

/** A refused request: the API answers it with `code` and names `field`. */
export class ProgressRefusal extends Error {
  constructor(
    readonly code: 'bad-request' | 'not-found',
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ProgressRefusal';
  }
}

/** A day that passed the API's pattern may still not exist (2027-02-30). */
function checkDay(day: SiteDay, field: string): void {
  if (!isSiteDay(day)) throw new ProgressRefusal('bad-request', `${day} is not a calendar day; give YYYY-MM-DD`, field);
}

/** What progress needs of a panorama capture: its point and its day (EXIF time, else when it arrived). */
export interface CaptureFacts {
  pointId: string | null;
  capturedAt: number | null;
  ingestedAt: number;
}

export interface ProgressServiceOptions {
  db: Database;
  /** The site in force (buildings, capture points, time zone, the file's `progress`). */
  site: () => SiteConfig;
  /** A capture by id, or null when there is none. */
  captureOf: (id: string) => CaptureFacts | null;
  now?: () => number;
}

type Building = SiteConfig['model']['buildings'][number];

/** The schedule of one building as in force: the file's, with the console's edits on top. */
interface MergedSchedule {
  building: Building;
  planned: Map<number, { day: SiteDay; source: 'file' | 'edit' }>;
  completed: Map<number, { day: SiteDay; source: 'file' | 'edit'; captureId: string | null; by: string | null; at: number | null }>;
  milestones: Map<string, { planned: SiteDay; done: SiteDay | null; source: 'file' | 'edit' }>;
  capturePoints: string[];
}

/**
 * Building schedules and floor completions: reads merge the site file with the console's edits
 * (edits win); writes are checked (a floor cannot be planned before the one below it, nothing
 * before the project's start, no completion in the future, evidence must show that building) and
 * logged with who and when.
 */
export class ProgressService {
  readonly store: ProgressStore;
  private readonly now: () => number;

  constructor(private readonly options: ProgressServiceOptions) {
    this.store = new ProgressStore(options.db);
    this.now = options.now ?? Date.now;
  }

  today(): SiteDay {
    return siteDayOf(this.now(), this.options.site().timeZone);
  }

  projectStart(): SiteDay | null {
    return this.options.site().progress?.projectStart ?? null;
  }

  overview(asOf: SiteDay = this.today()): ProgressOverview {
    checkDay(asOf, 'asOf');
    const buildings = this.options.site().model.buildings.map((b) => this.buildingProgress(this.merged(b), asOf));
    const projectDelayDays = buildings.reduce((max, b) => Math.max(max, b.delayDays), 0);
    return { asOf, projectStart: this.projectStart(), projectDelayDays, projectBand: delayBandOf(projectDelayDays), buildings };
  }

  setFloorPlans(request: FloorPlansRequest, by: string): ProgressOverview {
    const schedule = this.merged(this.building(request.buildingId));
    const seen = new Set<number>();
    request.floors.forEach((f, i) => {
      this.checkFloor(schedule.building, f.floor, `floors.${i}.floor`);
      if (seen.has(f.floor)) throw new ProgressRefusal('bad-request', `floor ${f.floor} is given twice; give each floor once`, `floors.${i}.floor`);
      seen.add(f.floor);
      checkDay(f.planned, `floors.${i}.planned`);
      this.checkNotBeforeStart(f.planned, `floors.${i}.planned`, 'planned');
    });
    const after = new Map([...schedule.planned].map(([floor, p]) => [floor, p.day]));
    for (const f of request.floors) after.set(f.floor, f.planned);
    const order = firstOutOfOrder([...after].map(([floor, planned]) => ({ floor, planned })));
    if (order) {
      const i = request.floors.findIndex((f) => f.floor === order.floor);
      const j = request.floors.findIndex((f) => f.floor === order.below);
      const index = i >= 0 ? i : j;
      throw new ProgressRefusal(
        'bad-request',
        `floor ${order.floor} would be planned for ${after.get(order.floor)}, before floor ${order.below} below it (${order.belowPlanned}); planned days must not go down as floors go up`,
        `floors.${index}.planned`,
      );
    }
    const changed = request.floors.filter((f) => schedule.planned.get(f.floor)?.day !== f.planned || schedule.planned.get(f.floor)?.source !== 'edit');
    this.store.setPlans(
      request.buildingId,
      changed.map((f) => ({ floor: f.floor, planned: f.planned, before: schedule.planned.get(f.floor)?.day ?? null })),
      { by, at: this.now() },
    );
    return this.overview();
  }

  completeFloor(request: FloorCompletionRequest, by: string): ProgressOverview {
    const schedule = this.merged(this.building(request.buildingId));
    this.checkFloor(schedule.building, request.floor, 'floor');
    if (request.completed !== undefined) checkDay(request.completed, 'completed');
    let day = request.completed ?? null;
    let dayField = 'completed';
    if (request.captureId !== undefined) {
      const capture = this.options.captureOf(request.captureId);
      if (!capture) throw new ProgressRefusal('not-found', `no panorama capture "${request.captureId}"; pick one from the building's capture points`, 'captureId');
      if (!capture.pointId || !schedule.capturePoints.includes(capture.pointId)) {
        const points = schedule.capturePoints.length ? schedule.capturePoints.join(', ') : 'none';
        throw new ProgressRefusal(
          'bad-request',
          `capture "${request.captureId}" is ${capture.pointId ? `of capture point "${capture.pointId}"` : 'not assigned to a capture point'}, which does not show building "${request.buildingId}" (its points: ${points})`,
          'captureId',
        );
      }
      if (day === null) {
        day = siteDayOf(capture.capturedAt ?? capture.ingestedAt, this.options.site().timeZone);
        dayField = 'captureId';
      }
    }
    if (day === null) throw new ProgressRefusal('bad-request', 'give the day the floor was completed, or a panorama capture that shows it', 'completed');
    const today = this.today();
    if (day > today) throw new ProgressRefusal('bad-request', `completion day ${day} is in the future (today is ${today} on site)`, dayField);
    this.checkNotBeforeStart(day, dayField, 'completion day');
    const before = schedule.completed.get(request.floor)?.day ?? null;
    this.store.setCompletion(request.buildingId, request.floor, day, request.captureId ?? null, before, { by, at: this.now() });
    return this.overview();
  }

  clearFloorCompletion(request: { buildingId: string; floor: number }, by: string): ProgressOverview {
    const schedule = this.merged(this.building(request.buildingId));
    this.checkFloor(schedule.building, request.floor, 'floor');
    const before = schedule.completed.get(request.floor)?.day ?? null;
    if (before === null) throw new ProgressRefusal('bad-request', `floor ${request.floor} of building "${request.buildingId}" is not marked completed`, 'floor');
    this.store.setCompletion(request.buildingId, request.floor, null, null, before, { by, at: this.now() });
    return this.overview();
  }

  setMilestone(request: MilestoneRequest, by: string): ProgressOverview {
    const schedule = this.merged(this.building(request.buildingId));
    checkDay(request.planned, 'planned');
    this.checkNotBeforeStart(request.planned, 'planned', 'planned day');
    const done = request.done ?? null;
    if (done !== null) {
      checkDay(done, 'done');
      const today = this.today();
      if (done > today) throw new ProgressRefusal('bad-request', `milestone day ${done} is in the future (today is ${today} on site)`, 'done');
      this.checkNotBeforeStart(done, 'done', 'milestone day');
    }
    const old = schedule.milestones.get(request.name);
    this.store.setMilestone(request.buildingId, { name: request.name, planned: request.planned, done }, old ? `${old.planned} → ${old.done ?? '—'}` : null, { by, at: this.now() });
    return this.overview();
  }

  changes(buildingId: string | undefined, limit = 200): ProgressChange[] {
    if (buildingId !== undefined) this.building(buildingId);
    return this.store.changes(buildingId, limit);
  }

  /** Floors completed on days in [from, to] (site days, inclusive), oldest first, for reports. */
  completionsBetween(from: SiteDay, to: SiteDay): { buildingId: string; buildingName: string; floor: number; completed: SiteDay; captureId: string | null }[] {
    const out = [];
    for (const b of this.options.site().model.buildings) {
      for (const [floor, c] of this.merged(b).completed) {
        if (c.day >= from && c.day <= to) out.push({ buildingId: b.id, buildingName: b.name, floor, completed: c.day, captureId: c.captureId });
      }
    }
    return out.sort((a, b) => a.completed.localeCompare(b.completed) || a.buildingId.localeCompare(b.buildingId) || a.floor - b.floor);
  }

  private building(id: string): Building {
    const building = this.options.site().model.buildings.find((b) => b.id === id);
    if (!building) {
      const known = this.options.site().model.buildings.map((b) => b.id).join(', ') || 'none';
      throw new ProgressRefusal('not-found', `no building "${id}" on this site (buildings: ${known})`, 'buildingId');
    }
    return building;
  }

  private checkFloor(building: Building, floor: number, field: string): void {
    if (floor < 1 || floor > building.plannedFloors) {
      throw new ProgressRefusal('bad-request', `floor ${floor} is not a floor of building "${building.id}" (1–${building.plannedFloors})`, field);
    }
  }

  private checkNotBeforeStart(day: SiteDay, field: string, what: string): void {
    const start = this.projectStart();
    if (start && day < start) throw new ProgressRefusal('bad-request', `${what} ${day} is before the project started (${start})`, field);
  }

  private merged(building: Building): MergedSchedule {
    const site = this.options.site();
    const entry = site.progress?.buildings.find((b) => b.building === building.id);
    const file = entry ? resolveFileSchedule(entry, building.plannedFloors) : null;
    const planned: MergedSchedule['planned'] = new Map();
    for (const [floor, day] of file?.planned ?? []) planned.set(floor, { day, source: 'file' });
    for (const [floor, day] of this.store.plansOf(building.id)) planned.set(floor, { day, source: 'edit' });
    const completed: MergedSchedule['completed'] = new Map();
    for (const [floor, day] of file?.completed ?? []) completed.set(floor, { day, source: 'file', captureId: null, by: null, at: null });
    for (const [floor, edit] of this.store.completionsOf(building.id)) {
      if (edit.completed === null) completed.delete(floor);
      else completed.set(floor, { day: edit.completed, source: 'edit', captureId: edit.captureId, by: edit.by, at: edit.at });
    }
    const milestones: MergedSchedule['milestones'] = new Map();
    for (const m of file?.milestones ?? []) milestones.set(m.name, { planned: m.planned, done: m.done, source: 'file' });
    for (const m of this.store.milestonesOf(building.id)) milestones.set(m.name, { planned: m.planned, done: m.done, source: 'edit' });
    const points = (site.panoramas?.points ?? []).map((p) => ({ id: p.id, position: p.position }));
    return { building, planned, completed, milestones, capturePoints: capturePointsOf(file?.capturePoints ?? null, building.footprint, points) };
  }

  private buildingProgress(s: MergedSchedule, asOf: SiteDay): BuildingProgress {
    const top = Math.max(s.building.plannedFloors, ...s.planned.keys(), ...s.completed.keys());
    const floors: FloorProgress[] = [];
    for (let floor = 1; floor <= top; floor++) {
      const p = s.planned.get(floor);
      // A completion after the day asked is not yet known on that day (a report of an earlier period).
      const c = s.completed.get(floor);
      const done = c && c.day <= asOf ? c : undefined;
      const dates = { floor, planned: p?.day ?? null, completed: done?.day ?? null };
      floors.push({
        ...dates,
        plannedSource: p?.source ?? null,
        completedSource: done?.source ?? null,
        captureId: done?.captureId ?? null,
        completedBy: done?.by ?? null,
        completedAt: done?.at ?? null,
        delayDays: floorDelayOf(dates, asOf),
      });
    }
    const milestones: MilestoneProgress[] = [...s.milestones]
      .map(([name, m]) => {
        const done = m.done !== null && m.done <= asOf ? m.done : null;
        return { name, planned: m.planned, done, source: m.source, delayDays: Math.max(0, daysBetween(m.planned, done ?? asOf)) };
      })
      .sort((a, b) => a.planned.localeCompare(b.planned) || a.name.localeCompare(b.name));
    const delayDays = delayOf(floors, milestones, asOf);
    return {
      id: s.building.id,
      name: s.building.name,
      plannedFloors: s.building.plannedFloors,
      capturePoints: s.capturePoints,
      floors,
      milestones,
      completedFloors: floors.filter((f) => f.completed !== null).length,
      dueFloors: floors.filter((f) => f.planned !== null && f.planned <= asOf).length,
      delayDays,
      band: delayBandOf(delayDays),
      curve: { planned: plannedCurve(floors), actual: actualCurve(floors) },
    };
  }
}
