/**
 * The demo site's quality records: two inspections of the last days (a JGJ 59 safety inspection
 * with a failed edge-protection item, a quality patrol that passed) and one open rectification
 * notice raised from the failed item, due in three days, to the scaffolding subcontractor. Seeded
 * once, when the demo simulator runs and nothing is recorded yet, after the demo roster.
 */
import sharp from 'sharp';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import { addDays } from '../workforce/certificate-watch.js';
import { storeQualityPhoto } from './photo-files.js';
import type { QualityActor, QualityService } from './quality-service.js';

const SAFETY_OFFICER: QualityActor = { username: 'demo-safety', role: 'safety' };

/** A drawn stand-in for a site photo (no real site's): a slab edge with a missing guard rail. */
async function demoPhoto(label: string, colour: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="800" height="600" fill="#9aa4ad"/><rect y="380" width="800" height="220" fill="#6b6f73"/>
    <rect x="60" y="300" width="680" height="30" fill="${colour}"/><rect x="80" y="200" width="14" height="180" fill="#d8d8d8"/>
    <rect x="700" y="200" width="14" height="180" fill="#d8d8d8"/><text x="40" y="80" font-size="44" fill="#fff" font-family="sans-serif">${label}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer();
}

export class DemoQualitySeeder implements Service {
  readonly name = 'demo-quality';
  readonly required = false;

  constructor(
    private readonly quality: QualityService,
    private readonly photosDir: string,
    private readonly assignees: () => { companyId: number; companyName: string; teams: { id: number; name: string }[] }[],
    private readonly buildings: () => { id: string; plannedFloors: number }[],
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const store = this.quality.store;
    if (store.inspections({ limit: 1 }).length > 0) return;
    const companies = this.assignees();
    const scaffold = companies.find((c) => c.companyName.includes('脚手架')) ?? companies[companies.length - 1];
    if (!scaffold) return;
    const photo = async (label: string, colour: string) => {
      const r = await storeQualityPhoto(this.photosDir, await demoPhoto(label, colour));
      if (!r.ok) throw new Error(r.message);
      store.addPhoto({ file: r.file, format: r.format, bytes: r.bytes, width: r.width, height: r.height, by: SAFETY_OFFICER.username, at: Date.now() });
      return r.file;
    };
    const edge = await photo('5F edge: guard rail missing', '#c9a227');
    const building = this.buildings()[0];
    const location = building ? { kind: 'building' as const, buildingId: building.id, floor: Math.min(5, building.plannedFloors) } : null;
    const now = Date.now();
    const safety = this.quality.recordInspection(
      {
        checklistId: 'safety-jgj59',
        at: new Date(now - 26 * 3600_000).toISOString(),
        location,
        remark: '周检',
        items: [
          { code: '3.1', result: 'pass' },
          { code: '3.2', result: 'pass' },
          { code: '3.3', result: 'pass' },
          { code: '3.13', result: 'fail', remark: '5层东侧临边防护栏杆缺失约6米', photos: [edge] },
          { code: '3.14', result: 'pass' },
          { code: '3.16', result: 'pass' },
        ],
      },
      SAFETY_OFFICER,
    );
    this.quality.recordInspection(
      {
        checklistId: 'quality-patrol',
        at: new Date(now - 3 * 3600_000).toISOString(),
        location: building ? { kind: 'building', buildingId: building.id, floor: Math.min(4, building.plannedFloors) } : null,
        items: [
          { code: 'q-rebar', result: 'pass' },
          { code: 'q-formwork', result: 'pass' },
          { code: 'q-concrete', result: 'pass' },
          { code: 'q-finish', result: 'na' },
        ],
      },
      { username: 'demo-quality', role: 'manager' },
    );
    this.quality.raiseNotice(
      {
        source: { kind: 'inspection', inspectionId: safety.id, itemCode: '3.13' },
        companyId: scaffold.companyId,
        teamId: scaffold.teams[0]?.id ?? null,
        dueDate: addDays(this.quality.today(), 3),
        description: '5层东侧临边防护栏杆缺失，立即设置两道防护栏杆及挡脚板（JGJ 80-2016 第4.1节），整改后回复照片。',
        photos: [edge],
      },
      SAFETY_OFFICER,
    );
    this.log.info('demo quality records seeded', { inspections: 2, notices: 1 });
  }

  async stop(): Promise<void> {}
}
