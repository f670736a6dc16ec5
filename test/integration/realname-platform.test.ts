import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGb11643 } from '../../electron/common/id-number.js';
import { PLATFORM_CODES, PLATFORM_METHODS } from '../../electron/core/realname-platform/methods.js';
import { RealnamePlatformClient } from '../../electron/core/realname-platform/platform-client.js';
import { encryptField } from '../../electron/core/realname-platform/signature.js';
import { givePhoto, openRealnameSite, PLATFORM_KEYS, seedRoster, type RealnameSite } from '../helpers/realname-site.js';
import { seedWorkforce } from '../helpers/workforce-fixtures.js';

let site: RealnameSite | null = null;
afterEach(async () => {
  await site?.close();
  site = null;
});

const problem = (s: RealnameSite, key: string) => s.uplink.states.problems().find((p) => p.key === key);
const uploads = (s: RealnameSite, kind: keyof typeof PLATFORM_METHODS) => s.platform.counters.uploads[PLATFORM_METHODS[kind]] ?? 0;

describe('real-name platform uplink against the fake platform', () => {
  it('uploads a site\'s roster in the platform\'s order and every record ends accepted', async () => {
    site = await openRealnameSite();
    const s = site;
    const seeded = seedWorkforce(s.store, { count: 6, enteredOn: '2026-11-02' });
    for (const id of seeded.workers) await givePhoto(s, id);
    // Attendance punches and one closed month's pay.
    const insert = s.db.prepare("INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, direction, at, received, outcome) VALUES (?, 'g1', ?, 'card', ?, ?, ?, ?)");
    const day = Date.parse('2026-11-03T08:00:00+08:00');
    for (const [i, w] of seeded.workers.entries()) {
      insert.run(`in-${i}`, w, 'in', day, day, 'admitted');
      insert.run(`out-${i}`, w, 'out', day + 9 * 3_600_000, day + 9 * 3_600_000, 'left');
    }
    const rows = seeded.workers.map((w) => ({ workerId: w, membershipId: s.store.openMembership(w)!.id, name: 'x', halfDays: 2, amountFen: 30_000, bankCardMasked: null, bankName: null }));
    s.db.prepare("INSERT INTO wf_attendance_months (month, ledger_hash, rule_version, rules_json, ledger_json, pay_json, closed_at, closed_by) VALUES ('2026-11', 'h', 'v', '[]', '{}', ?, 0, 'admin')").run(JSON.stringify({ rows }));

    await s.uplink.sync();
    const counts = s.uplink.states.counts();
    expect(s.uplink.states.problems()).toEqual([]);
    expect(counts).toMatchObject({ accepted: 1 + 1 + 6 + 6 + 12 + 6, queued: 0, submitted: 0, rejected: 0 });
    expect(s.platform.counters.rejected).toBe(0);
    expect(s.platform.counters.duplicates).toBe(0);
    expect(s.platform.state.workerIds().sort()).toEqual(seeded.workers.map((w) => s.store.openIdNumber(w)).sort());
    expect(s.outbox.stats('realname').pending).toBe(0);
    // A second pass sends nothing; a changed worker goes again (and only it).
    const before = s.platform.counters.calls;
    await s.uplink.sync();
    expect(s.platform.counters.calls).toBe(before);
    s.db.prepare("UPDATE wf_workers SET trade = '木工' WHERE id = ?").run(seeded.workers[0]);
    await s.uplink.sync();
    expect(uploads(s, 'worker')).toBe(7);
    expect(s.platform.counters.duplicates).toBe(1); // the platform sees the same person again, by design: the record changed
  });

  it('records each rejection with the platform\'s reason and sends nothing after it in the chain', async () => {
    site = await openRealnameSite();
    const s = site;
    const [good, noPhoto, badRegion, futureEntry, backwards, futurePunch, garbledPhoto] = (await seedRoster(s, 7, { teams: 1 })) as [number, number, number, number, number, number, number];
    void good;
    s.db.prepare('UPDATE wf_workers SET photo_file = NULL WHERE id = ?').run(noPhoto);
    writeFileSync(join(s.photosDir, 'garbled.jpg'), Buffer.from('this is not an image at all'));
    s.db.prepare("UPDATE wf_workers SET photo_file = 'garbled.jpg' WHERE id = ?").run(garbledPhoto);
    // Region 110199 passes GB 11643's province check but is not a county in the dictionary.
    const regionId = makeGb11643('110199', '19800101', 123);
    s.db.prepare('UPDATE wf_workers SET id_sealed = ?, id_hash = ? WHERE id = ?').run(s.store['cipher'].seal(regionId).sealed, 'h-region', badRegion);
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    s.db.prepare('UPDATE wf_memberships SET entered_on = ? WHERE worker_id = ?').run(tomorrow, futureEntry);
    s.db.prepare("UPDATE wf_memberships SET exited_on = '2026-10-01' WHERE worker_id = ?").run(backwards);
    s.db.prepare("INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, direction, at, received, outcome) VALUES ('f', 'g1', ?, 'card', 'in', ?, ?, 'admitted')").run(futurePunch, Date.now() + 86_400_000, Date.now());
    // Attendance of the worker whose region is refused: it must never be sent.
    s.db.prepare("INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, direction, at, received, outcome) VALUES ('r', 'g1', ?, 'card', 'in', ?, ?, 'admitted')").run(badRegion, Date.now() - 3_600_000, Date.now());

    await s.uplink.sync();
    expect(problem(s, `worker:${noPhoto}`)).toMatchObject({ state: 'held', reason: expect.stringContaining('缺少人员头像') });
    expect(problem(s, `worker:${garbledPhoto}`)).toMatchObject({ state: 'held', reason: expect.stringContaining('不是可读的 JPG 或 PNG') });
    expect(problem(s, `worker:${badRegion}`)).toMatchObject({ state: 'rejected', code: PLATFORM_CODES.regionCode, reason: expect.stringContaining('110199') });
    expect(problem(s, `entry:${s.store.memberships(futureEntry)[0]!.id}`)).toMatchObject({ state: 'rejected', code: PLATFORM_CODES.futureDate, reason: expect.stringContaining('晚于当前') });
    expect(problem(s, `exit:${s.store.memberships(backwards)[0]!.id}`)).toMatchObject({ state: 'rejected', code: PLATFORM_CODES.entryExitOrder, reason: expect.stringContaining('早于上一次') });
    const punch = s.db.prepare("SELECT id FROM wf_passages WHERE event_key = 'f'").get() as { id: number };
    expect(problem(s, `att:${punch.id}`)).toMatchObject({ state: 'rejected', code: PLATFORM_CODES.futureDate });
    // Nothing after a refused record: held workers were never sent, their entries and the refused
    // worker's entry and punch are blocked, not sent.
    for (const w of [noPhoto, garbledPhoto, badRegion]) {
      expect(problem(s, `entry:${s.store.memberships(w)[0]!.id}`)).toMatchObject({ state: 'blocked', reason: expect.stringContaining('未被平台接收') });
    }
    const regionPunch = s.db.prepare("SELECT id FROM wf_passages WHERE event_key = 'r'").get() as { id: number };
    expect(problem(s, `att:${regionPunch.id}`)).toMatchObject({ state: 'blocked' });
    expect(uploads(s, 'worker')).toBe(5); // 7 less the two held
    expect(uploads(s, 'entry-exit')).toBe(4 + 1); // the 4 accepted workers' entries + one exit; none for the refused or held
    expect(s.platform.counters.rejected).toBe(4);

    // A rejected record is not sent again until it changes; fixing the photo releases the chain.
    const calls = s.platform.counters.calls;
    await s.uplink.sync();
    expect(s.platform.counters.calls).toBe(calls);
    await givePhoto(s, noPhoto);
    await s.uplink.sync();
    expect(s.uplink.states.get(`worker:${noPhoto}`)?.state).toBe('accepted');
    expect(s.uplink.states.get(`entry:${s.store.memberships(noPhoto)[0]!.id}`)?.state).toBe('accepted');
  });

  it('the fake platform itself refuses what the adapter holds back or orders: photo missing, over 50 KB, not JPG/PNG; team before company; worker before team; pay for an unregistered worker; bad signature', async () => {
    site = await openRealnameSite();
    const client = new RealnamePlatformClient({ platformUrl: site.platform.url, ...PLATFORM_KEYS });
    const settle = async (method: string, data: Record<string, unknown>) => {
      const up = await client.upload(method, data);
      if (!up.ok) return up;
      for (;;) {
        const r = await client.result(up.requestCode);
        if (r.status !== 'processing') return r;
      }
    };
    const id = encryptField(makeGb11643('420106', '19800101', 101), PLATFORM_KEYS.appSecret);
    expect(await settle(PLATFORM_METHODS.team, { corpCode: '91420100MA4K0000X1', teamName: 'A' })).toMatchObject({ status: 'rejected', code: PLATFORM_CODES.companyNotUploaded });
    expect(await settle(PLATFORM_METHODS.company, { corpCode: '91420100MA4K0000X1', corpName: '测试' })).toMatchObject({ status: 'accepted' });
    const worker = { corpCode: '91420100MA4K0000X1', teamSysNo: '100000', workerName: '张三', idCardNumber: id };
    expect(await settle(PLATFORM_METHODS.worker, { ...worker, headImage: Buffer.from([0xff, 0xd8, 0xff, 0]).toString('base64') })).toMatchObject({ code: PLATFORM_CODES.teamNotUploaded });
    const team = await settle(PLATFORM_METHODS.team, { corpCode: '91420100MA4K0000X1', teamName: 'A' });
    expect(team).toMatchObject({ status: 'accepted', ref: '100000' });
    expect(await settle(PLATFORM_METHODS.worker, worker)).toMatchObject({ code: PLATFORM_CODES.photoMissing, reason: '人员头像照片缺失' });
    expect(await settle(PLATFORM_METHODS.worker, { ...worker, headImage: Buffer.from('GIF89a....').toString('base64') })).toMatchObject({ code: PLATFORM_CODES.photoFormat });
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(60 * 1024)]);
    expect(await settle(PLATFORM_METHODS.worker, { ...worker, headImage: big.toString('base64') })).toMatchObject({ code: PLATFORM_CODES.photoTooLarge, reason: expect.stringContaining('超过 50KB') });
    expect(await settle(PLATFORM_METHODS.pay, { ...worker, payMonth: '2026-11' })).toMatchObject({ code: PLATFORM_CODES.payUnregistered, reason: expect.stringContaining('未在项目中登记') });
    const wrongSecret = new RealnamePlatformClient({ platformUrl: site.platform.url, ...PLATFORM_KEYS, appSecret: 'X'.repeat(32) });
    expect(await wrongSecret.upload(PLATFORM_METHODS.company, {})).toMatchObject({ ok: false, code: PLATFORM_CODES.badSign, reason: '签名错误' });
    const slowClock = new RealnamePlatformClient({ platformUrl: site.platform.url, ...PLATFORM_KEYS }, () => Date.now() - 3_600_000);
    expect(await slowClock.upload(PLATFORM_METHODS.company, {})).toMatchObject({ ok: false, code: PLATFORM_CODES.staleTimestamp });
    // Garbage over HTTP: a clear code, and the platform still serves.
    const garbage = await fetch(site.platform.url, { method: 'POST', body: '%%%\u0000' }).then((r) => r.json());
    expect(garbage).toMatchObject({ code: expect.stringMatching(/^100\d$/) });
    expect(await settle(PLATFORM_METHODS.company, { corpCode: '91420100MA4K0000X2', corpName: '测试二' })).toMatchObject({ status: 'accepted' });
  });

  it('platform down mid-sync: the pass stops, resumes where it stopped, nothing is sent twice', async () => {
    site = await openRealnameSite();
    const s = site;
    await seedRoster(s, 40, { teams: 2 });
    s.platform.goDownAfter(20);
    await s.uplink.sync();
    expect(s.uplink.states.sync().lastError).toMatch(/could not be reached/);
    const acceptedBefore = s.uplink.states.counts().accepted;
    expect(acceptedBefore).toBeGreaterThan(0);
    expect(acceptedBefore).toBeLessThan(1 + 2 + 40 + 40);
    s.platform.recover();
    s.clock.now += 31 * 60_000; // past the backoff
    await s.uplink.sync();
    expect(s.uplink.states.counts()).toMatchObject({ accepted: 1 + 2 + 40 + 40, queued: 0, submitted: 0 });
    expect(s.uplink.states.sync().lastError).toBeNull();
    expect(s.platform.counters.duplicates).toBe(0);
    expect(s.platform.counters.accepted).toBe(1 + 2 + 40 + 40);
  });
});
