import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanoramaCaptureView } from '../../electron/common/panorama/types.js';
import { addDays, siteDayOf, type ProgressChange, type ProgressOverview } from '../../electron/common/progress.js';
import { getJson, login, loginAs, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// Progress through a real core on the demo site: its schedule (A on time, B a few days late on
// 2026-12-06), completions entered and confirmed from a seeded panorama, the curve and delays
// read back, every bad input the issue lists answered 4xx with the field named.

interface ErrorBody {
  error: string;
  code: string;
  field?: string;
}

let serve: ServeProcess;
let admin = '';
let manager = '';
let viewer = '';
const today = () => siteDayOf(Date.now(), 'Asia/Shanghai');

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir()]);
  admin = await login(serve.url);
  for (const [username, role] of [
    ['pm1', 'manager'],
    ['view1', 'viewer'],
  ]) {
    expect((await postJson(`${serve.url}/api/users`, admin, { username, password: 'password-123', role })).status).toBe(200);
  }
  manager = await loginAs(serve.url, 'pm1', 'password-123');
  viewer = await loginAs(serve.url, 'view1', 'password-123');
}, 30_000);
afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

const progress = async (asOf?: string) => (await getJson<ProgressOverview>(`${serve.url}/api/progress${asOf ? `?asOf=${asOf}` : ''}`, viewer)).body;
const post = <T = ProgressOverview>(path: string, body: unknown, token = manager) => postJson<T & ErrorBody>(`${serve.url}/api/progress/buildings/${path}`, token, body);

describe('progress API (real core, demo site)', () => {
  it("reads the demo's schedule: A on time, B 4 days late on 2026-12-06", async () => {
    const o = await progress('2026-12-06');
    const [a, b] = o.buildings;
    expect(o.projectStart).toBe('2026-03-01');
    // B: 10-day cycle from 09-23, floors 1–7 done; floor 8 due 12-02 is open on 12-06.
    expect(b).toMatchObject({ id: 'B', completedFloors: 7, dueFloors: 8, delayDays: 4, band: 'delayed' });
    expect(b!.floors[7]).toMatchObject({ floor: 8, planned: '2026-12-02', completed: null, delayDays: 4 });
    expect(a).toMatchObject({ id: 'A', completedFloors: 16, delayDays: 0, band: 'on-time', capturePoints: ['P2'] });
    expect(o.projectDelayDays).toBe(4);
    expect(a!.curve.planned.length).toBe(28);
    expect(a!.curve.actual.at(-1)).toEqual({ day: '2026-11-30', floors: 16 });
  });

  it('a completion entered moves the actual curve and the delay, and is logged with who', async () => {
    const r = await post('B/completions', { floor: 8, completed: '2026-12-05' });
    expect(r.status).toBe(200);
    const o = await progress('2026-12-06');
    const b = o.buildings[1]!;
    // Floor 9 is due 12-12: on time again.
    expect(b).toMatchObject({ completedFloors: 8, delayDays: 0, band: 'on-time' });
    expect(b.floors[7]).toMatchObject({ completed: '2026-12-05', completedSource: 'edit', completedBy: 'pm1', delayDays: 3 });
    expect(b.curve.actual.at(-1)).toEqual({ day: '2026-12-05', floors: 8 });
    const changes = (await getJson<ProgressChange[]>(`${serve.url}/api/progress/changes?buildingId=B`, viewer)).body;
    expect(changes[0]).toMatchObject({ actor: 'pm1', kind: 'complete', subject: '8', before: null, after: '2026-12-05' });
    // A schedule edit: floor 9 a week later (later floors follow, or the order check refuses).
    const plans = await post('B/plans', { floors: [{ floor: 9, planned: '2026-12-19' }, ...[10, 11, 12, 13, 14, 15, 16, 17, 18].map((floor) => ({ floor, planned: addDays('2026-12-19', (floor - 9) * 10) }))] });
    expect(plans.status).toBe(200);
    expect(plans.body.buildings[1]!.floors[8]).toMatchObject({ planned: '2026-12-19', plannedSource: 'edit' });
  });

  it('confirms a floor from a panorama of the building, keeping the capture as evidence', async () => {
    let captures: PanoramaCaptureView[] = [];
    await expect
      .poll(async () => (captures = (await getJson<PanoramaCaptureView[]>(`${serve.url}/api/panorama-captures`, admin)).body).filter((c) => c.state === 'ready').length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(4);
    const ofA = captures.find((c) => c.pointId === 'P2' && c.state === 'ready')!;
    const ofB = captures.find((c) => c.pointId === 'P1' && c.state === 'ready')!;
    const r = await post('A/completions', { floor: 17, captureId: ofA.id });
    expect(r.status).toBe(200);
    const floor17 = r.body.buildings[0]!.floors[16]!;
    expect(floor17).toMatchObject({ captureId: ofA.id, completed: siteDayOf(ofA.capturedAt ?? ofA.ingestedAt, 'Asia/Shanghai') });
    // A capture of B's point is no evidence for A.
    const wrong = await post('A/completions', { floor: 18, captureId: ofB.id });
    expect([wrong.status, wrong.body.field]).toEqual([400, 'captureId']);
    expect(wrong.body.error).toMatch(/"P1".*does not show building "A"/);
    const missing = await post('A/completions', { floor: 18, captureId: 'pc-0123456789abcdef' });
    expect([missing.status, missing.body.field]).toEqual([404, 'captureId']);
  });

  it('answers bad input 4xx with the field named', async () => {
    const changesNow = async () => (await getJson<ProgressChange[]>(`${serve.url}/api/progress/changes`, viewer)).body.length;
    const before = await changesNow();
    const outOfOrder = await post('A/plans', { floors: [{ floor: 20, planned: '2026-12-01' }] });
    expect([outOfOrder.status, outOfOrder.body.field]).toEqual([400, 'floors.0.planned']);
    expect(outOfOrder.body.error).toMatch(/before floor 19 below it/);
    const beforeStart = await post('A/plans', { floors: [{ floor: 1, planned: '2026-02-01' }] });
    expect([beforeStart.status, beforeStart.body.field]).toEqual([400, 'floors.0.planned']);
    expect(beforeStart.body.error).toMatch(/before the project started \(2026-03-01\)/);
    const future = await post('A/completions', { floor: 18, completed: addDays(today(), 2) });
    expect([future.status, future.body.field]).toEqual([400, 'completed']);
    expect(future.body.error).toMatch(/in the future/);
    const unknown = await post('Z/completions', { floor: 1, completed: '2026-12-01' });
    expect([unknown.status, unknown.body.field]).toEqual([404, 'buildingId']);
    const noSuchFloor = await post('B/completions', { floor: 19, completed: '2026-12-01' });
    expect([noSuchFloor.status, noSuchFloor.body.field]).toEqual([400, 'floor']);
    const badDay = await post('B/completions', { floor: 9, completed: '2026-02-30' });
    expect([badDay.status, badDay.body.field]).toEqual([400, 'completed']);
    const badPattern = await post('B/completions', { floor: 9, completed: '06/12/2026' });
    expect([badPattern.status, badPattern.body.field]).toEqual([400, 'completed']);
    const readOnly = await post('B/completions', { floor: 9, completed: '2026-12-01' }, viewer);
    expect(readOnly.status).toBe(403);
    // Nothing refused was stored.
    expect(await changesNow()).toBe(before);
  });
});
