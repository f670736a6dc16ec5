import { afterEach, describe, expect, it } from 'vitest';
import { DemoQualitySeeder } from '../../../electron/core/quality/demo-quality.js';
import { onSiteAssignees } from '../../../electron/core/quality/on-site.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';
import { qualityRig, quiet } from './quality-rig.js';

afterEach(() => removeTempDirs());

describe('demo quality records', () => {
  it('seeds two inspections and one open notice from the failed item, once', async () => {
    const r = qualityRig(Date.now());
    const seeder = new DemoQualitySeeder(r.service, tempDir(), () => onSiteAssignees(r.db), () => [{ id: 'b1', plannedFloors: 18 }], quiet);
    await seeder.start();
    await seeder.start();
    const inspections = r.service.inspections();
    expect(inspections.map((i) => i.result).sort()).toEqual(['fail', 'pass']);
    const notices = r.service.notices();
    expect(notices).toEqual([expect.objectContaining({ state: 'raised', overdue: false, companyId: r.seeded.companyId, locationText: '1号楼 5层', source: expect.objectContaining({ kind: 'inspection', itemCode: '3.13' }) })]);
    expect(r.service.notice(notices[0]!.id).photos).toHaveLength(1);
  });
});
