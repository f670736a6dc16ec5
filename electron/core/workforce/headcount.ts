import type { HeadcountGroup, HeadcountView, ManagerOnSite } from '../../common/api/gates.js';
import type { PassageDirection } from '../../common/workforce.js';
import type { PersonDetail } from './headcount-directory.js';

/** A passage that moves the headcount (admitted or left), placed by its own time. */
export interface CountedPassage {
  /** `w:<worker id>` or `h:<credential hash>` (a person the registry does not hold; plain count). */
  personKey: string;
  workerId: number | null;
  direction: PassageDirection;
  /** When the gate saw it (UTC epoch ms). */
  at: number;
  /** The gate's zone (site file), or the site's name. */
  zone: string;
}

/** People inside longer than this without a passage are no longer counted: a missing exit punch must not keep someone "inside" for ever. */
export const HEADCOUNT_HORIZON_MS = 24 * 3600_000;

interface Latest {
  direction: PassageDirection;
  at: number;
  zone: string;
  workerId: number | null;
}

/**
 * Who is inside the site now, replacing the plain worker roster: for each person, the latest
 * counted passage by the gate's own time decides. A passage reported late or out of order is
 * stored and counted for attendance, but moves the headcount only if it is newer than what is
 * known for that person — so an "in" at 07:10 arriving after the "out" at 17:30 leaves the worker
 * outside. Rebuilt from `wf_passages` at start (core/workforce/gate-passages.ts).
 */
export class Headcount {
  private readonly latest = new Map<string, Latest>();
  private insideCount = 0;

  constructor(
    private readonly details: (workerIds: Iterable<number>) => Map<number, PersonDetail>,
    private readonly onChange: (total: number) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Applies one passage; returns whether who is inside changed. */
  apply(p: CountedPassage): boolean {
    const before = this.latest.get(p.personKey);
    if (before && before.at > p.at) return false;
    const wasInside = before?.direction === 'in';
    this.latest.set(p.personKey, { direction: p.direction, at: p.at, zone: p.zone, workerId: p.workerId });
    const isInside = p.direction === 'in';
    if (wasInside === isInside && (!isInside || before?.zone === p.zone)) return false;
    this.insideCount += (isInside ? 1 : 0) - (wasInside ? 1 : 0);
    this.onChange(this.insideCount);
    return true;
  }

  /** Replaces everything with passages read back from the store (any order). */
  rebuild(passages: Iterable<CountedPassage>): void {
    this.latest.clear();
    this.insideCount = 0;
    for (const p of passages) {
      const before = this.latest.get(p.personKey);
      if (before && before.at > p.at) continue;
      this.latest.set(p.personKey, { direction: p.direction, at: p.at, zone: p.zone, workerId: p.workerId });
    }
    this.expire();
  }

  /** Drops people whose latest passage is older than the horizon; returns whether the count changed. */
  expire(): boolean {
    const oldest = this.now() - HEADCOUNT_HORIZON_MS;
    for (const [key, l] of this.latest) if (l.at < oldest) this.latest.delete(key);
    const count = [...this.latest.values()].filter((l) => l.direction === 'in').length;
    const changed = count !== this.insideCount;
    this.insideCount = count;
    return changed;
  }

  get total(): number {
    return this.insideCount;
  }

  /** Whether a registered worker is inside now. */
  isInside(workerId: number): boolean {
    return this.latest.get(`w:${workerId}`)?.direction === 'in';
  }

  /** Worker ids inside now. */
  workerIdsInside(): number[] {
    const ids: number[] = [];
    for (const l of this.latest.values()) if (l.direction === 'in' && l.workerId !== null) ids.push(l.workerId);
    return ids;
  }

  /** Who is inside, grouped by company, team, trade and zone, managers apart. */
  view(): HeadcountView {
    const inside = [...this.latest.values()].filter((l) => l.direction === 'in');
    const details = this.details(inside.flatMap((l) => (l.workerId === null ? [] : [l.workerId])));
    const groups = { company: new Map<string, HeadcountGroup>(), team: new Map<string, HeadcountGroup>(), trade: new Map<string, HeadcountGroup>(), zone: new Map<string, HeadcountGroup>() };
    const add = (map: Map<string, HeadcountGroup>, key: string, label: string, manager: boolean) => {
      let g = map.get(key);
      if (!g) map.set(key, (g = { key, label, workers: 0, managers: 0 }));
      if (manager) g.managers++;
      else g.workers++;
    };
    const managersOnSite: ManagerOnSite[] = [];
    let workers = 0;
    let managers = 0;
    let unregistered = 0;
    for (const l of inside) {
      const d = l.workerId === null ? undefined : details.get(l.workerId);
      const manager = d?.isManager === true;
      if (!d) unregistered++;
      else if (manager) managers++;
      else workers++;
      add(groups.zone, l.zone, l.zone, manager);
      add(groups.company, d?.companyId === null || !d ? '-' : String(d.companyId), d?.company ?? '-', manager);
      add(groups.team, d?.teamId === null || !d ? '-' : String(d.teamId), d?.team ?? '-', manager);
      add(groups.trade, d?.trade ?? '-', d?.trade ?? '-', manager);
      if (d && manager) managersOnSite.push({ workerId: d.workerId, name: d.name, post: d.post, company: d.company, zone: l.zone, since: l.at });
    }
    const sorted = (m: Map<string, HeadcountGroup>) => [...m.values()].sort((a, b) => b.workers + b.managers - (a.workers + a.managers) || a.label.localeCompare(b.label));
    return {
      at: this.now(),
      total: inside.length,
      workers,
      managers,
      unregistered,
      byCompany: sorted(groups.company),
      byTeam: sorted(groups.team),
      byTrade: sorted(groups.trade),
      byZone: sorted(groups.zone),
      managersOnSite: managersOnSite.sort((a, b) => a.since - b.since),
    };
  }
}
