import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeGb11643 } from '../../electron/common/id-number.js';
import { RealnameUplink } from '../../electron/core/realname-platform/realname-uplink.js';
import { FakeRealnamePlatform } from '../../electron/core/sim/realname-platform/fake-platform-server.js';
import type { Database } from '../../electron/core/store/database.js';
import { Outbox } from '../../electron/core/uplink/outbox.js';
import type { WorkforceStore } from '../../electron/core/workforce/workforce-store.js';
import { openTestWorkforce } from './workforce-fixtures.js';

export const PLATFORM_KEYS = { appId: 'SC-TEST-APP', appSecret: 'k8F2mQ9xV4pL7nR3tY6wZ1bC5dE0gH2j', projectCode: '4201062026120001' };

/** A site's store, a fake platform and the uplink between them; `clock.now` is the outbox's clock only (moves its backoff; the platform checks real timestamps). */
export interface RealnameSite {
  db: Database;
  store: WorkforceStore;
  photosDir: string;
  outbox: Outbox;
  platform: FakeRealnamePlatform;
  uplink: RealnameUplink;
  clock: { now: number };
  close(): Promise<void>;
}

export async function openRealnameSite(): Promise<RealnameSite> {
  const { db, store, dataDir } = openTestWorkforce();
  const photosDir = join(dataDir, 'photos');
  mkdirSync(photosDir, { recursive: true });
  const clock = { now: Date.now() };
  const now = () => clock.now;
  const outbox = new Outbox(db, now);
  const platform = await FakeRealnamePlatform.start({ ...PLATFORM_KEYS, queriesBeforeReady: 1 });
  const uplink = new RealnameUplink({ db, outbox, store, photosDir, queryPausesMs: [0, 0, 0, 0, 0], credentials: () => ({ platformUrl: platform.url, ...PLATFORM_KEYS }) });
  return { db, store, photosDir, outbox, platform, uplink, clock, close: () => platform.stop() };
}

let photo: Buffer | null = null;

/** A small head photo (JPEG, well under 50 KB) stored as the worker's. */
export async function givePhoto(site: Pick<RealnameSite, 'db' | 'photosDir'>, workerId: number): Promise<void> {
  photo ??= await sharp({ create: { width: 358, height: 441, channels: 3, background: '#8899aa' } }).jpeg({ quality: 70 }).toBuffer();
  const file = `w${workerId}-photo.jpg`;
  writeFileSync(join(site.photosDir, file), photo);
  site.db.prepare('UPDATE wf_workers SET photo_file = ? WHERE id = ?').run(file, workerId);
}

/** A roster of `count` workers in `teams` teams of one general contractor, with photos, each entered on `enteredOn`. */
export async function seedRoster(site: RealnameSite, count: number, options: { teams?: number; enteredOn?: string; region?: string } = {}): Promise<number[]> {
  const teamsN = options.teams ?? 4;
  const ids = site.store.transaction(() => {
    const companyId = site.store.createCompany({ creditCode: '91420100MA4K0000X1', name: '中建三局测试分公司', kind: 'general' });
    const teams = Array.from({ length: teamsN }, (_, i) => site.store.createTeam({ companyId, name: `班组${i + 1}` }));
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const birth = new Date(Date.UTC(1975, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const workerId = site.store.createWorker({ name: `工人${i + 1}`, idType: 'mainland', idNumber: makeGb11643(options.region ?? '420106', birth, (i % 900) + 100), trade: '钢筋工' });
      site.store.enter({ workerId, companyId, teamId: teams[i % teamsN]!, enteredOn: options.enteredOn ?? '2026-11-02', wageKind: 'daily', wageRateFen: 30_000 });
      out.push(workerId);
    }
    return out;
  });
  for (const id of ids) await givePhoto(site, id);
  return ids;
}
