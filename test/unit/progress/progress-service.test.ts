import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/common/progress.js';
import { siteSchema, type SiteConfig } from '../../../electron/core/config/site-schema.js';
import { loadSiteFile } from '../../../electron/core/config/load-site.js';
import { ProgressRefusal, ProgressService, type CaptureFacts } from '../../../electron/core/progress/progress-service.js';
import { createProgressReportSections } from '../../../electron/core/progress/report-sections.js';
import { openDatabase } from '../../../electron/core/store/database.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';
import { writeSiteFile, type SiteFile } from '../../helpers/site-file.js';

afterAll(removeTempDirs);

const square = (e: number, n: number) => [
  { e, n },
  { e: e + 20, n },
  { e: e + 20, n: n + 20 },
  { e, n: n + 20 },
];

function siteFile(progress: SiteFile['progress']): SiteFile {
  return {
    id: 'p',
    name: 'Progress test',
    model: {
      buildings: [
        { id: 'A', name: 'A栋', footprint: square(0, 0), plannedFloors: 5, completedFloors: 0 },
        { id: 'B', name: 'B栋', footprint: square(100, 0), plannedFloors: 3, completedFloors: 0 },
      ],
    },
    panoramas: {
      points: [
        { id: 'PA', name: 'in A', position: { e: 10, n: 10, u: 0 } },
        { id: 'PX', name: 'elsewhere', position: { e: -50, n: -50, u: 0 } },
      ],
    },
    progress,
  };
}

const GOOD = {
  projectStart: '2027-02-01',
  buildings: [{ building: 'A', floorCycle: { first: '2027-03-01', days: 7 }, floors: [{ floor: 1, completed: '2027-03-01' }], milestones: [{ name: '封顶', planned: '2027-03-29' }] }],
};

function service(now = '2027-03-20T04:00:00Z', captures: Record<string, CaptureFacts> = {}) {
  const site: SiteConfig = siteSchema.parse(siteFile(GOOD));
  return new ProgressService({ db: openDatabase(tempDir()), site: () => site, captureOf: (id) => captures[id] ?? null, now: () => Date.parse(now) });
}

function refusal(work: () => unknown): ProgressRefusal {
  try {
    work();
  } catch (error) {
    if (error instanceof ProgressRefusal) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('progress service', () => {
  it('merges the file schedule with edits and counts the delay', () => {
    const s = service();
    let a = s.overview().buildings.find((b) => b.id === 'A')!;
    // Floor 2 due 03-08 open on 03-20: 12 days; the open milestone is not yet due.
    expect(a.delayDays).toBe(12);
    expect(a.band).toBe('delayed');
    s.completeFloor({ buildingId: 'A', floor: 2, completed: '2027-03-10' }, 'mgr');
    a = s.overview().buildings.find((b) => b.id === 'A')!;
    // Floor 3 due 03-15: 5 days.
    expect(a.delayDays).toBe(5);
    expect(a.floors[1]).toMatchObject({ completed: '2027-03-10', completedSource: 'edit', completedBy: 'mgr', delayDays: 2 });
    // Re-planning floors 3–5 a week later (an approved extension): on time.
    s.setFloorPlans({ buildingId: 'A', floors: [3, 4, 5].map((floor) => ({ floor, planned: addDays('2027-03-22', (floor - 3) * 7) })) }, 'mgr');
    const o = s.overview();
    expect(o.buildings.find((b) => b.id === 'A')!.delayDays).toBe(0);
    expect(o.projectDelayDays).toBe(0);
    const changes = s.changes('A');
    expect(changes.map((c) => c.kind)).toEqual(['plan', 'plan', 'plan', 'complete']);
    expect(changes[3]).toMatchObject({ actor: 'mgr', subject: '2', before: null, after: '2027-03-10' });
  });

  it('refuses floors out of order, dates before the start, the future, unknown buildings', () => {
    const s = service();
    const order = refusal(() => s.setFloorPlans({ buildingId: 'A', floors: [{ floor: 3, planned: '2027-03-01' }] }, 'm'));
    expect(order.field).toBe('floors.0.planned');
    expect(order.message).toMatch(/before floor 2/);
    expect(refusal(() => s.setFloorPlans({ buildingId: 'A', floors: [{ floor: 1, planned: '2027-01-15' }] }, 'm')).field).toBe('floors.0.planned');
    expect(refusal(() => s.setFloorPlans({ buildingId: 'A', floors: [{ floor: 6, planned: '2027-05-01' }] }, 'm')).field).toBe('floors.0.floor');
    const future = refusal(() => s.completeFloor({ buildingId: 'A', floor: 2, completed: '2027-03-21' }, 'm'));
    expect(future.field).toBe('completed');
    expect(future.message).toMatch(/future/);
    expect(refusal(() => s.completeFloor({ buildingId: 'A', floor: 2, completed: '2027-01-31' }, 'm')).field).toBe('completed');
    const unknown = refusal(() => s.completeFloor({ buildingId: 'Z', floor: 1, completed: '2027-03-01' }, 'm'));
    expect([unknown.code, unknown.field]).toEqual(['not-found', 'buildingId']);
    expect(refusal(() => s.completeFloor({ buildingId: 'A', floor: 2 }, 'm')).field).toBe('completed');
    expect(refusal(() => s.completeFloor({ buildingId: 'A', floor: 2, completed: '2027-02-30' }, 'm')).field).toBe('completed');
    expect(s.changes(undefined)).toEqual([]);
  });

  it("confirms from a capture of the building's point, on the capture's site day", () => {
    const s = service('2027-03-20T04:00:00Z', {
      'pc-aaaaaaaaaaaaaaaa': { pointId: 'PA', capturedAt: Date.parse('2027-03-09T17:00:00Z'), ingestedAt: 0 },
      'pc-bbbbbbbbbbbbbbbb': { pointId: 'PX', capturedAt: Date.parse('2027-03-09T01:00:00Z'), ingestedAt: 0 },
    });
    s.completeFloor({ buildingId: 'A', floor: 2, captureId: 'pc-aaaaaaaaaaaaaaaa' }, 'm');
    // 17:00 UTC is 01:00 the next day in Shanghai.
    expect(s.overview().buildings[0]!.floors[1]).toMatchObject({ completed: '2027-03-10', captureId: 'pc-aaaaaaaaaaaaaaaa' });
    const other = refusal(() => s.completeFloor({ buildingId: 'A', floor: 3, captureId: 'pc-bbbbbbbbbbbbbbbb' }, 'm'));
    expect([other.field, other.message]).toEqual(['captureId', expect.stringMatching(/"PX".*its points: PA/)]);
    const missing = refusal(() => s.completeFloor({ buildingId: 'A', floor: 3, captureId: 'pc-cccccccccccccccc' }, 'm'));
    expect([missing.code, missing.field]).toEqual(['not-found', 'captureId']);
    // Taking a completion back: open again, logged.
    s.clearFloorCompletion({ buildingId: 'A', floor: 1 }, 'm');
    expect(s.overview().buildings[0]!.floors[0]!.completed).toBeNull();
    expect(s.changes('A')[0]).toMatchObject({ kind: 'clear', before: '2027-03-01', after: null });
  });

  it('the report section: floors completed in the period, delays at its end, the curve, sources', async () => {
    const s = service();
    s.completeFloor({ buildingId: 'A', floor: 2, completed: '2027-03-10' }, 'm');
    const [section] = createProgressReportSections({ progress: s });
    expect(section!.order).toBe(70);
    const content = (await section!.build({ kind: 'weekly', from: '2027-03-08', to: '2027-03-14', timeZone: 'Asia/Shanghai', startMs: 0, endMs: 0 }))!;
    expect(content.figures[0]).toMatchObject({ label: '本期完成楼层', value: 1, source: { params: { from: '2027-03-08', to: '2027-03-14' } } });
    // On 03-14 floor 3 (due 03-15) is not yet due: A on time.
    expect(content.figures.find((f) => f.label === 'A栋 滞后')).toMatchObject({ value: 0, source: { params: { building: 'A', asOf: '2027-03-14' } } });
    expect(content.tables[0]!.rows).toEqual([['A栋', 2, '2027-03-10', '—']]);
    const series = content.charts[0]!.option.series as { data: unknown[] }[];
    expect(series.length).toBe(4);
    for (const f of content.figures) expect(f.source.query.length).toBeGreaterThan(10);
  });
});

describe('progress in the site file', () => {
  const problems = (progress: SiteFile['progress']) => loadSiteFile(`${writeSiteFile(siteFile(progress))}/site.json`).problems.map((p) => `${p.field}: ${p.message}`);

  it('accepts a good schedule', () => {
    expect(problems(GOOD)).toEqual([]);
  });

  it('names each bad field, never throws', () => {
    expect(problems({ buildings: [{ building: 'Q', floors: [], milestones: [] }] })).toEqual([expect.stringMatching(/^progress\.buildings\.0\.building: no building "Q"/)]);
    expect(problems({ buildings: [{ building: 'A', floors: [{ floor: 1, planned: '2027-03-08' }, { floor: 2, planned: '2027-03-01' }], milestones: [] }] })).toEqual([
      expect.stringMatching(/^progress\.buildings\.0\.floors\.1\.planned: floor 2 is planned before floor 1/),
    ]);
    expect(problems({ projectStart: '2027-03-05', buildings: [{ building: 'A', floors: [{ floor: 1, planned: '2027-03-01' }], milestones: [] }] })).toEqual([
      expect.stringMatching(/^progress\.buildings\.0\.floors\.0\.planned: planned 2027-03-01 is before the project started/),
    ]);
    expect(problems({ buildings: [{ building: 'B', capturePoints: ['NOPE'], floors: [{ floor: 4, planned: '2027-03-01' }], milestones: [] }] })).toEqual([
      expect.stringMatching(/floors\.0\.floor: floor 4 is above/),
      expect.stringMatching(/capturePoints\.0: no capture point "NOPE"/),
    ]);
    expect(problems({ buildings: [{ building: 'A', floors: [{ floor: 1, planned: '2027-02-30' }], milestones: [] }] })).toEqual([expect.stringMatching(/floors\.0\.planned: a day YYYY-MM-DD/)]);
  });

  it("the demo site's schedule is valid", () => {
    expect(loadSiteFile('resources/demo-site/site.json').problems).toEqual([]);
  });
});

describe('site model floors', () => {
  it('the 3D model takes completed floors from progress, else keeps its own', async () => {
    const { withProgressFloors } = await import('../../../electron/core/progress/model-floors.js');
    const s = service();
    s.completeFloor({ buildingId: 'A', floor: 2, completed: '2027-03-10' }, 'm');
    const model = { buildings: [{ id: 'A', completedFloors: 0 }, { id: 'B', completedFloors: 2 }] } as unknown as Parameters<typeof withProgressFloors>[0];
    expect(withProgressFloors(model, s).buildings.map((b) => b.completedFloors)).toEqual([2, 2]);
  });
});
