import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../electron/common/api/errors.js';
import { removeTempDirs } from '../../helpers/temp-dir.js';
import { LABOUR, qualityRig, SAFETY } from './quality-rig.js';

afterEach(() => removeTempDirs());

const P1 = 'q-00000000000000000001.jpg';
const P2 = 'q-00000000000000000002.png';

function failing<T>(work: () => T): ApiError {
  try {
    work();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

function inspectionWithFailure(r: ReturnType<typeof qualityRig>) {
  r.photo(P1);
  return r.service.recordInspection(
    {
      checklistId: 'safety-jgj59',
      location: { kind: 'building', buildingId: 'b1', floor: 5 },
      items: [
        { code: '3.1', result: 'pass' },
        { code: '3.13', result: 'fail', remark: '临边防护缺失', photos: [P1] },
        { code: '3.17', result: 'na' },
      ],
    },
    SAFETY,
  );
}

describe('inspections', () => {
  it('records a checklist with results, photos and location; fails when any item fails', () => {
    const r = qualityRig();
    const v = inspectionWithFailure(r);
    expect(v).toMatchObject({ result: 'fail', passed: 1, failed: 1, notApplicable: 1, inspector: 'an.quan', locationText: '1号楼 5层', checklistName: '安全检查（JGJ 59）' });
    expect(v.items[1]).toMatchObject({ code: '3.13', clause: 'JGJ 59-2011 表3.13', result: 'fail', photos: [{ file: P1, url: expect.stringContaining(P1) }] });
    expect(r.service.inspections()).toEqual([expect.objectContaining({ id: v.id, passed: 1, failed: 1, notApplicable: 1 })]);
    expect(r.audit.map((a) => a.type)).toEqual(['quality-inspection']);
  });

  it('refuses an unknown checklist or item, a building not in the model, a floor it does not have, and photos never uploaded', () => {
    const r = qualityRig();
    expect(failing(() => r.service.recordInspection({ checklistId: 'nope', items: [{ code: '3.1', result: 'pass' }] }, SAFETY))).toMatchObject({ field: 'checklistId' });
    expect(failing(() => r.service.recordInspection({ checklistId: 'safety-jgj59', items: [{ code: '9.9', result: 'pass' }] }, SAFETY)).message).toMatch(/not an item/);
    expect(failing(() => r.service.recordInspection({ checklistId: 'safety-jgj59', items: [{ code: '3.1', result: 'pass' }], location: { kind: 'building', buildingId: 'b9', floor: 1 } }, SAFETY))).toMatchObject({ field: 'location.buildingId' });
    expect(failing(() => r.service.recordInspection({ checklistId: 'safety-jgj59', items: [{ code: '3.1', result: 'pass' }], location: { kind: 'building', buildingId: 'b1', floor: 19 } }, SAFETY))).toMatchObject({ field: 'location.floor' });
    expect(failing(() => r.service.recordInspection({ checklistId: 'safety-jgj59', items: [{ code: '3.1', result: 'pass', photos: [P2] }] }, SAFETY)).message).toMatch(/was not uploaded/);
    expect(failing(() => r.service.recordInspection({ checklistId: 'safety-jgj59', items: [{ code: '3.1', result: 'pass' }], location: { kind: 'panorama', captureId: 'pc-9', yawDeg: 0, pitchDeg: 0 } }, SAFETY)).message).toMatch(/no panorama capture/);
  });
});

describe('rectification notices', () => {
  it('goes raised → rectifying → answered → (fail) rectifying → answered → closed, each step logged with who and when', () => {
    const r = qualityRig();
    const insp = inspectionWithFailure(r);
    const n = r.service.raiseNotice({ source: { kind: 'inspection', inspectionId: insp.id, itemCode: '3.13' }, companyId: r.seeded.companyId, teamId: r.seeded.teamId, dueDate: '2026-12-09', description: '补设防护栏杆', photos: [P1] }, SAFETY);
    expect(n).toMatchObject({ number: 'ZG-20261207-001', state: 'raised', origin: 'site', externalRef: null, companyName: '中建测试工程局', teamName: '钢筋一班', locationText: '1号楼 5层', overdue: false });
    r.photo(P2);
    r.clock.now += 3600_000;
    r.service.step(n.id, 'acknowledge', LABOUR, '');
    r.service.step(n.id, 'answer', LABOUR, '已补设', [P2]);
    r.service.step(n.id, 'verify-fail', SAFETY, '挡脚板未设');
    r.service.step(n.id, 'answer', LABOUR, '挡脚板已设', [P2]);
    const closed = r.service.step(n.id, 'verify-pass', SAFETY, '');
    expect(closed.state).toBe('closed');
    expect(closed.closedAt).toBe(r.clock.now);
    expect(closed.log.map((l) => [l.action, l.state, l.actor])).toEqual([
      ['raise', 'raised', 'an.quan'],
      ['acknowledge', 'rectifying', 'lao.wu'],
      ['answer', 'answered', 'lao.wu'],
      ['verify-fail', 'rectifying', 'an.quan'],
      ['answer', 'answered', 'lao.wu'],
      ['verify-pass', 'closed', 'an.quan'],
    ]);
    expect(closed.log[3]!.text).toBe('挡脚板未设');
    expect(r.audit.filter((a) => a.type.startsWith('quality-notice-')).map((a) => a.type)).toEqual(['quality-notice-raise', 'quality-notice-acknowledge', 'quality-notice-answer', 'quality-notice-verify-fail', 'quality-notice-answer', 'quality-notice-verify-pass']);
    expect(insp.id && r.service.inspection(insp.id).notices).toBe(1);
    // The log is append-only in the database itself.
    expect(() => r.db.prepare('UPDATE q_notice_log SET actor = ? WHERE notice_id = ?').run('someone', n.id)).toThrow(/append-only/);
    expect(() => r.db.prepare('DELETE FROM q_notice_log WHERE notice_id = ?').run(n.id)).toThrow(/append-only/);
  });

  it('refuses a step not allowed from the current state with 409, an answer without photos or text, a failed verification without a reason', () => {
    const r = qualityRig();
    const n = r.service.raiseNotice({ source: { kind: 'direct' }, companyId: r.seeded.companyId, dueDate: '2026-12-07', description: '材料乱堆' }, SAFETY);
    expect(failing(() => r.service.step(n.id, 'answer', LABOUR, 'done', []))).toMatchObject({ code: 'conflict' });
    expect(failing(() => r.service.step(n.id, 'verify-pass', SAFETY, ''))).toMatchObject({ code: 'conflict' });
    r.service.step(n.id, 'acknowledge', LABOUR, '');
    expect(failing(() => r.service.step(n.id, 'acknowledge', LABOUR, ''))).toMatchObject({ code: 'conflict' });
    expect(failing(() => r.service.step(n.id, 'answer', LABOUR, '已整改', []))).toMatchObject({ code: 'bad-request', field: 'photos' });
    r.photo(P1);
    expect(failing(() => r.service.step(n.id, 'answer', LABOUR, ' ', [P1]))).toMatchObject({ field: 'text' });
    r.service.step(n.id, 'answer', LABOUR, '已整改', [P1]);
    expect(failing(() => r.service.step(n.id, 'verify-fail', SAFETY, ''))).toMatchObject({ field: 'text' });
    expect(failing(() => r.service.step(999, 'acknowledge', LABOUR, ''))).toMatchObject({ code: 'not-found' });
  });

  it('refuses a company not on site, a team of another company, a due date in the past, an unknown inspection or a passed item', () => {
    const r = qualityRig();
    const base = { source: { kind: 'direct' as const }, companyId: r.seeded.companyId, dueDate: '2026-12-08', description: 'x' };
    expect(failing(() => r.service.raiseNotice({ ...base, companyId: r.gone }, SAFETY)).message).toBe('已退场劳务 has nobody on the project now; a notice goes to a company on site');
    expect(failing(() => r.service.raiseNotice({ ...base, companyId: 4242 }, SAFETY))).toMatchObject({ field: 'companyId', message: expect.stringMatching(/no company 4242/) });
    expect(failing(() => r.service.raiseNotice({ ...base, teamId: 4242 }, SAFETY))).toMatchObject({ field: 'teamId' });
    expect(failing(() => r.service.raiseNotice({ ...base, dueDate: '2026-12-06' }, SAFETY)).message).toMatch(/in the past \(today is 2026-12-07\)/);
    expect(failing(() => r.service.raiseNotice({ ...base, source: { kind: 'inspection', inspectionId: 77, itemCode: '3.1' } }, SAFETY))).toMatchObject({ field: 'source.inspectionId' });
    const insp = inspectionWithFailure(r);
    expect(failing(() => r.service.raiseNotice({ ...base, source: { kind: 'inspection', inspectionId: insp.id, itemCode: '3.1' } }, SAFETY)).message).toMatch(/passed/);
    // A panorama pin gives the location.
    const pinned = r.service.raiseNotice({ ...base, source: { kind: 'panorama', captureId: 'pc-0001', yawDeg: 30.4, pitchDeg: -5 } }, SAFETY);
    expect(pinned.locationText).toBe('全景 P-01 东门（30°, -5°）');
  });

  it('takes an authority notice with its reference once, however often it is delivered', () => {
    const r = qualityRig();
    const input = { source: { kind: 'direct' as const }, companyId: r.seeded.companyId, dueDate: '2026-12-10', description: '监督站：塔吊附着检查记录不全' };
    const first = r.service.raiseNotice(input, { username: 'supervision', role: 'admin' }, { origin: 'authority', externalRef: 'JD-2026-0815' });
    const again = r.service.raiseNotice(input, { username: 'supervision', role: 'admin' }, { origin: 'authority', externalRef: 'JD-2026-0815' });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ origin: 'authority', externalRef: 'JD-2026-0815' });
    expect(r.service.notices()).toHaveLength(1);
  });

  it('lists by state, company and overdue; the filters agree with the summary', () => {
    const r = qualityRig();
    const a = r.service.raiseNotice({ source: { kind: 'direct' }, companyId: r.seeded.companyId, dueDate: '2026-12-07', description: 'a' }, SAFETY);
    r.service.raiseNotice({ source: { kind: 'direct' }, companyId: r.seeded.companyId, dueDate: '2026-12-20', description: 'b' }, SAFETY);
    r.clock.now += 2 * 86_400_000;
    expect(r.service.notices({ overdue: true }).map((n) => n.id)).toEqual([a.id]);
    expect(r.service.notices({ overdue: false }).map((n) => n.description)).toEqual(['b']);
    expect(r.service.notices({ state: 'open', companyId: r.seeded.companyId })).toHaveLength(2);
    expect(r.service.notices({ state: 'closed' })).toHaveLength(0);
    expect(r.service.summary()).toMatchObject({ today: '2026-12-09', openNotices: 2, overdueNotices: 1 });
  });
});

describe('overdue watch (fake clock)', () => {
  it('raises an alarm for a notice still open the day after its due date, and clears it when the notice is closed', () => {
    const r = qualityRig(Date.parse('2026-12-07T23:30:00+08:00'));
    const n = r.service.raiseNotice({ source: { kind: 'direct' }, companyId: r.seeded.companyId, dueDate: '2026-12-07', description: '洞口未封闭' }, SAFETY);
    r.watch.check();
    expect(r.raised).toHaveLength(0);
    // 00:30 the next day, site time: overdue.
    r.clock.now += 3600_000;
    r.watch.check();
    expect(r.raised).toEqual([
      expect.objectContaining({ conditionKey: `quality:notice-overdue:${n.id}`, sourceDevice: 'quality', priority: 'medium', beyond: true, text: { key: 'quality.overdue', params: { number: n.number, company: '中建测试工程局', date: '2026-12-07' } } }),
    ]);
    r.photo(P1);
    r.service.step(n.id, 'acknowledge', LABOUR, '');
    r.service.step(n.id, 'answer', LABOUR, '已封闭', [P1]);
    r.watch.check();
    expect(r.active.size).toBe(1);
    r.service.step(n.id, 'verify-pass', SAFETY, '');
    r.watch.check();
    expect(r.raised.at(-1)).toMatchObject({ conditionKey: `quality:notice-overdue:${n.id}`, beyond: false, clearable: true });
    expect(r.active.size).toBe(0);
  });
});
