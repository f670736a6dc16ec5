import { addDays, firstOutOfOrder, type ProgressSiteSettings, type SiteDay } from '../../common/progress.js';

/** A building as the schedule needs it (from the site model). */
export interface ScheduledBuilding {
  id: string;
  plannedFloors: number;
  footprint: { e: number; n: number }[];
}

/** The site file's schedule of one building, resolved: a planned day per floor (cycle, then explicit). */
export interface FileSchedule {
  planned: Map<number, SiteDay>;
  completed: Map<number, SiteDay>;
  milestones: { name: string; planned: SiteDay; done: SiteDay | null }[];
  capturePoints: string[] | null;
}

export function resolveFileSchedule(entry: ProgressSiteSettings['buildings'][number], plannedFloors: number): FileSchedule {
  const planned = new Map<number, SiteDay>();
  if (entry.floorCycle) {
    for (let floor = 1; floor <= plannedFloors; floor++) planned.set(floor, addDays(entry.floorCycle.first, (floor - 1) * entry.floorCycle.days));
  }
  const completed = new Map<number, SiteDay>();
  for (const f of entry.floors) {
    if (f.planned) planned.set(f.floor, f.planned);
    if (f.completed) completed.set(f.floor, f.completed);
  }
  return {
    planned,
    completed,
    milestones: entry.milestones.map((m) => ({ name: m.name, planned: m.planned, done: m.done ?? null })),
    capturePoints: entry.capturePoints ?? null,
  };
}

/** A problem in the site file's `progress` section: the dotted path under it and what is wrong. */
export interface ProgressFileProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Cross-checks of the site file's schedules against its buildings and capture points: an unknown
 * building, a floor above the building's planned floors, planned days going down as floors go up,
 * days before the project's start, an unknown capture point. Each is reported with its path, like
 * every other site-file problem; none throws.
 */
export function checkProgressSettings(settings: ProgressSiteSettings, buildings: readonly ScheduledBuilding[], pointIds: ReadonlySet<string>): ProgressFileProblem[] {
  const problems: ProgressFileProblem[] = [];
  const seen = new Set<string>();
  const start = settings.projectStart;
  settings.buildings.forEach((entry, i) => {
    const at = (...rest: (string | number)[]) => ['buildings', i, ...rest];
    const building = buildings.find((b) => b.id === entry.building);
    if (!building) {
      problems.push({ path: at('building'), message: `no building "${entry.building}" in model.buildings` });
      return;
    }
    if (seen.has(entry.building)) problems.push({ path: at('building'), message: `building "${entry.building}" has two schedules; keep one` });
    seen.add(entry.building);
    const floorsSeen = new Set<number>();
    entry.floors.forEach((f, j) => {
      if (f.floor > building.plannedFloors) problems.push({ path: at('floors', j, 'floor'), message: `floor ${f.floor} is above building "${building.id}"'s ${building.plannedFloors} planned floors` });
      if (floorsSeen.has(f.floor)) problems.push({ path: at('floors', j, 'floor'), message: `floor ${f.floor} is listed twice` });
      floorsSeen.add(f.floor);
      if (start && f.planned && f.planned < start) problems.push({ path: at('floors', j, 'planned'), message: `planned ${f.planned} is before the project started (${start})` });
      if (start && f.completed && f.completed < start) problems.push({ path: at('floors', j, 'completed'), message: `completed ${f.completed} is before the project started (${start})` });
    });
    if (start && entry.floorCycle && entry.floorCycle.first < start) problems.push({ path: at('floorCycle', 'first'), message: `the first floor's day ${entry.floorCycle.first} is before the project started (${start})` });
    entry.milestones.forEach((m, j) => {
      if (start && m.planned < start) problems.push({ path: at('milestones', j, 'planned'), message: `planned ${m.planned} is before the project started (${start})` });
    });
    const resolved = resolveFileSchedule(entry, building.plannedFloors);
    const order = firstOutOfOrder([...resolved.planned].map(([floor, planned]) => ({ floor, planned })));
    if (order) {
      const j = entry.floors.findIndex((f) => f.floor === order.floor);
      problems.push({
        path: j >= 0 ? at('floors', j, 'planned') : at('floorCycle'),
        message: `floor ${order.floor} is planned before floor ${order.below} below it (${order.belowPlanned}); planned days must not go down as floors go up`,
      });
    }
    entry.capturePoints?.forEach((id, j) => {
      if (!pointIds.has(id)) problems.push({ path: at('capturePoints', j), message: `no capture point "${id}" in panoramas.points` });
    });
  });
  return problems;
}
