import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatisticsQueries } from '../../../electron/core/statistics/statistics-queries.js';
import { closeDatabase } from '../../../electron/core/store/database.js';
import { BUSY_SITE_DEVICES, BUSY_SITE_PRESET, seedBusySite, type BusySiteFacts } from '../../helpers/busy-site.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

let facts: BusySiteFacts;
let queries: StatisticsQueries;

beforeAll(() => {
  facts = seedBusySite(tempDir(), { days: 2, endDay: '2026-11-30', seed: 3, alarms: 400, workers: 60 });
  queries = new StatisticsQueries({ db: facts.db, timeZone: () => facts.timeZone, preset: () => BUSY_SITE_PRESET, devices: () => [...BUSY_SITE_DEVICES], now: () => facts.foldedAt });
}, 60_000);

afterAll(() => {
  closeDatabase(facts.db);
  removeTempDirs();
});

describe('the busy-site generator and the statistics agree', () => {
  const period = { period: 'range' as const, from: '2026-11-29', to: '2026-11-30' };

  it('counts every lift, overload and hoist trip the generator made', () => {
    const cranes = queries.figure({ figure: 'crane-use', ...period });
    expect(Object.fromEntries(cranes.rows.map((r) => [r.key, r.values.lifts]))).toEqual(facts.liftsPerCrane);
    expect(Object.fromEntries(cranes.rows.map((r) => [r.key, r.values.overloads]))).toEqual(facts.overloadsPerCrane);
    const ops = queries.figure({ figure: 'crane-operators', ...period });
    expect(Object.fromEntries(ops.rows.filter((r) => r.values.lifts! > 0).map((r) => [r.key, r.values.lifts]))).toEqual(facts.liftsPerCraneOperator);
    const hoists = queries.figure({ figure: 'hoist-use', ...period });
    expect(hoists.totals).toMatchObject({ trips: facts.hoistTrips, people: facts.hoistPeople });
  });

  it('counts every alarm by priority, acknowledged ones included', () => {
    const response = queries.figure({ figure: 'alarm-response', ...period });
    expect(Object.fromEntries(response.rows.map((r) => [r.key, r.values.raised]))).toEqual(facts.alarmsByPriority);
    expect(response.totals.acked).toBe(facts.acknowledged);
  });

  it('counts workers present per day and panorama captures', () => {
    const teams = queries.figure({ figure: 'attendance-by-team', ...period });
    const present = teams.rows.reduce((sum, r) => sum + r.values.meanPresent! * 2, 0);
    expect(Math.round(present)).toBe(Object.values(facts.presentPerDay).reduce((a, b) => a + b, 0));
    expect(queries.figure({ figure: 'panorama-captures', ...period }).totals.captures).toBe(facts.panoramaCaptures);
  });

  it('judges every dust hour of every monitor', () => {
    const hours = facts.db.prepare("SELECT count(*) AS n FROM stat_env_hours WHERE pollutant = 'pm10'").get() as { n: number };
    expect(hours.n).toBe(4 * 24 * 2);
  });
});
