import type { GateEvent } from '../../common/telemetry.js';
import { siteLocalTime } from '../alarms/rules/site-clock.js';
import { seededRandom, seedFromText } from './random.js';

/** One person's day at the gate, minutes after site midnight. */
interface DayPlan {
  card: string;
  gateId: string;
  arrive: number;
  /** Out for lunch and back (about a third of workers eat off site). */
  lunch: { out: number; back: number } | null;
  leave: number;
}

const minutes = (h: number, m: number) => h * 60 + m;

/**
 * Site-time window in which the demo starts on the real clock; outside it, a compressed day is played.
 * It is the part of the day when the plan has people inside (arrivals end 08:00, departures start
 * 17:00): a demo started at 18:50 on the real clock would show an empty site and a headcount of 0.
 */
const REAL_TIME_FROM = minutes(7, 0);
const REAL_TIME_TO = minutes(17, 30);
/** The compressed day starts at 07:45 and runs 20× (an hour of site life in 3 real minutes). */
const COMPRESSED_START = minutes(7, 45);
const COMPRESSED_SPEED = 20;
/** People already inside at the start come in over this first minute. */
const CATCH_UP_MS = 60_000;

/**
 * Demo gate traffic that follows the shift (site time): arrivals 06:30–08:00, about a third out
 * for lunch 11:30–12:00 and back 12:30–13:00, leaving 17:00–18:30. Every card of the demo roster
 * has a fixed plan drawn from its number. During the day the real clock drives it; at night the
 * demo plays a compressed day from 07:45 at 20× so there is something to see. At start, the people
 * the plan has inside by now walk in over the first minute, so the headcount is believable at once.
 */
export class ShiftTraffic {
  private readonly plans: DayPlan[];
  private readonly inside = new Set<string>();
  /** Catch-up entries at start: card → when (real ms) it passes. */
  private readonly catchUp = new Map<string, number>();
  private readonly compressed: boolean;

  constructor(
    cards: readonly string[],
    gateIds: readonly string[],
    private readonly timeZone: string,
    private readonly startedAt: number,
  ) {
    this.plans = cards.map((card, i) => planFor(card, gateIds[i % gateIds.length]!));
    const startMinute = minuteOfDay(startedAt, timeZone);
    this.compressed = startMinute < REAL_TIME_FROM || startMinute >= REAL_TIME_TO;
    const at = this.siteMinute(startedAt);
    const random = seededRandom(seedFromText(`catch-up:${startedAt}`));
    for (const p of this.plans) if (shouldBeInside(p, at)) this.catchUp.set(p.card, startedAt + random() * CATCH_UP_MS);
  }

  /** The events due at `now` (real epoch ms), in order. */
  due(now: number): GateEvent[] {
    const events: GateEvent[] = [];
    for (const [card, when] of this.catchUp) {
      if (when > now) continue;
      this.catchUp.delete(card);
      this.inside.add(card);
      events.push({ workerId: card, direction: 'in', gateId: this.plans.find((p) => p.card === card)!.gateId });
    }
    const at = this.siteMinute(now);
    for (const p of this.plans) {
      if (this.catchUp.has(p.card)) continue;
      const want = shouldBeInside(p, at);
      const is = this.inside.has(p.card);
      if (want === is) continue;
      if (want) this.inside.add(p.card);
      else this.inside.delete(p.card);
      events.push({ workerId: p.card, direction: want ? 'in' : 'out', gateId: p.gateId });
    }
    return events;
  }

  /** Minutes after site midnight on the demo's clock. */
  siteMinute(now: number): number {
    if (!this.compressed) return minuteOfDay(now, this.timeZone);
    return (COMPRESSED_START + ((now - this.startedAt) / 60_000) * COMPRESSED_SPEED) % (24 * 60);
  }
}

/** Minutes after site midnight (the minutes are UTC's: right for whole-hour zones such as Asia/Shanghai). */
function minuteOfDay(ms: number, timeZone: string): number {
  const { hour } = siteLocalTime(ms, timeZone);
  return hour * 60 + new Date(ms).getUTCMinutes() + new Date(ms).getUTCSeconds() / 60;
}

function planFor(card: string, gateId: string): DayPlan {
  const r = seededRandom(seedFromText(card));
  const arrive = minutes(6, 30) + r() * 90;
  const lunch = r() < 0.33 ? { out: minutes(11, 30) + r() * 30, back: minutes(12, 30) + r() * 30 } : null;
  const leave = minutes(17, 0) + r() * 90;
  return { card, gateId, arrive, lunch, leave };
}

function shouldBeInside(p: DayPlan, at: number): boolean {
  if (at < p.arrive || at >= p.leave) return false;
  if (p.lunch && at >= p.lunch.out && at < p.lunch.back) return false;
  return true;
}
