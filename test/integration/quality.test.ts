import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import type { InspectionView, NoticeView, QualityPhotoUploaded } from '../../electron/common/api.js';
import { makeGb11643 } from '../../electron/common/id-number.js';
import { siteLocalTime } from '../../electron/core/alarms/rules/site-clock.js';
import { DATABASE_FILE } from '../../electron/core/store/database.js';
import { addDays } from '../../electron/core/workforce/certificate-watch.js';
import { eventually } from '../helpers/eventually.js';
import { getJson, login, loginAs, postJson, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// Inspections and rectification notices through a real core: photos uploaded and checked from
// their bytes, a notice from a failed item raised → acknowledged → answered with a real JPEG →
// verified → closed, the bad inputs the issue lists, and an overdue notice as an alarm.
let serve: ServeProcess;
let dataDir: string;
const tokens: Record<string, string> = {};
const today = siteLocalTime(Date.now(), 'Asia/Shanghai').day;
let companyId = 0;
let teamId = 0;
let absentCompanyId = 0;

async function upload(body: Buffer, token: string): Promise<{ status: number; body: QualityPhotoUploaded & { error?: string } }> {
  const r = await fetch(`${serve.url}/api/quality/photos`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg' }, body });
  return { status: r.status, body: (await r.json()) as QualityPhotoUploaded & { error?: string } };
}
const jpeg = (colour: string) => sharp({ create: { width: 320, height: 240, channels: 3, background: colour } }).jpeg().toBuffer();

beforeAll(async () => {
  dataDir = tempDir();
  const site = writeSiteFile({
    id: 'q',
    name: 'Quality test',
    devices: [],
    model: { buildings: [{ id: 'b1', name: '1号楼', footprint: [{ e: 0, n: 0 }, { e: 20, n: 0 }, { e: 20, n: 20 }, { e: 0, n: 20 }], plannedFloors: 12, completedFloors: 3 }] },
  });
  serve = await ServeProcess.start(['--port', '0', '--data', dataDir, '--site', site, '--no-simulate']);
  tokens.admin = await login(serve.url);
  for (const role of ['safety', 'labour', 'viewer']) {
    expect((await postJson(`${serve.url}/api/users`, tokens.admin, { username: `${role}1`, password: 'password-123', role })).status).toBe(200);
    tokens[role] = await loginAs(serve.url, `${role}1`, 'password-123');
  }
  const company = await postJson<{ id: number }>(`${serve.url}/api/workforce/companies`, tokens.labour!, { creditCode: '91350100M000100Y43', name: '宏远脚手架', kind: 'sub' });
  companyId = company.body.id;
  teamId = (await postJson<{ id: number }>(`${serve.url}/api/workforce/teams`, tokens.labour!, { companyId, name: '架子一班' })).body.id;
  const worker = await postJson(`${serve.url}/api/workforce/workers`, tokens.labour!, {
    worker: { name: '张建国', idType: 'mainland', idNumber: makeGb11643('510122', '19850607', 135), trade: '架子工' },
    membership: { companyId, teamId, enteredOn: today },
  });
  expect(worker.status).toBe(200);
  absentCompanyId = (await postJson<{ id: number }>(`${serve.url}/api/workforce/companies`, tokens.labour!, { creditCode: '91110000600037341L', name: '未进场公司', kind: 'sub' })).body.id;
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

describe('quality over HTTP', () => {
  let photo = '';
  let answerPhoto = '';
  let inspection: InspectionView;

  it('takes a JPEG by its bytes and serves it behind a ticket; a text file as photo is refused with 415', async () => {
    const up = await upload(await jpeg('#777777'), tokens.safety!);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ format: 'jpeg', width: 320, height: 240, file: expect.stringMatching(/^q-[0-9a-f]{20}\.jpg$/) });
    photo = up.body.file;
    const served = await fetch(`${serve.url}${up.body.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(`${serve.url}/api/quality/photos/${photo}`)).status).toBe(401);
    const text = await upload(Buffer.from('not a photo, just some text pretending to be one'), tokens.safety!);
    expect(text).toMatchObject({ status: 415, body: { error: expect.stringMatching(/not an image/) } });
    expect((await upload(await jpeg('#123456'), tokens.viewer!)).status).toBe(403);
    answerPhoto = (await upload(await jpeg('#335533'), tokens.labour!)).body.file;
  });

  it('records an inspection with a failed item, its photo and location', async () => {
    const r = await postJson<InspectionView>(`${serve.url}/api/quality/inspections`, tokens.safety!, {
      checklistId: 'safety-jgj59',
      location: { kind: 'building', buildingId: 'b1', floor: 5 },
      items: [
        { code: '3.1', result: 'pass' },
        { code: '3.13', result: 'fail', remark: '临边防护缺失', photos: [photo] },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ result: 'fail', locationText: '1号楼 5层', inspector: 'safety1' });
    inspection = r.body;
    expect((await postJson(`${serve.url}/api/quality/inspections`, tokens.viewer!, { checklistId: 'safety-jgj59', items: [{ code: '3.1', result: 'pass' }] })).status).toBe(403);
  });

  it('refuses a notice for a company not on site, a due date in the past, an unknown inspection', async () => {
    const base = { source: { kind: 'inspection', inspectionId: inspection.id, itemCode: '3.13' }, companyId, dueDate: addDays(today, 2), description: '补设防护栏杆' };
    const absent = await postJson<{ error: string; field: string }>(`${serve.url}/api/quality/notices`, tokens.safety!, { ...base, companyId: absentCompanyId });
    expect(absent).toMatchObject({ status: 400, body: { field: 'companyId', error: '未进场公司 has nobody on the project now; a notice goes to a company on site' } });
    expect(await postJson(`${serve.url}/api/quality/notices`, tokens.safety!, { ...base, dueDate: addDays(today, -1) })).toMatchObject({ status: 400, body: { field: 'dueDate' } });
    expect(await postJson(`${serve.url}/api/quality/notices`, tokens.safety!, { ...base, source: { kind: 'inspection', inspectionId: 9999, itemCode: '3.13' } })).toMatchObject({ status: 400, body: { field: 'source.inspectionId' } });
    expect((await getJson(`${serve.url}/api/quality/inspections/9999`, tokens.viewer!)).status).toBe(404);
  });

  it('a notice goes raised → rectifying → answered (with a JPEG) → closed; a step out of turn is 409; each step is in the log and the audit chain', async () => {
    const raised = await postJson<NoticeView>(`${serve.url}/api/quality/notices`, tokens.safety!, {
      source: { kind: 'inspection', inspectionId: inspection.id, itemCode: '3.13' },
      companyId,
      teamId,
      dueDate: addDays(today, 2),
      description: '补设防护栏杆',
      photos: [photo],
    });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ state: 'raised', origin: 'site', companyName: '宏远脚手架', teamName: '架子一班', locationText: '1号楼 5层' });
    const id = raised.body.id;
    const at = (step: string) => `${serve.url}/api/quality/notices/${id}/${step}`;
    expect(await postJson(at('answer'), tokens.labour!, { text: '已整改', photos: [answerPhoto] })).toMatchObject({ status: 409, body: { error: expect.stringMatching(/acknowledge the notice first/) } });
    expect((await postJson(at('acknowledge'), tokens.safety!, {})).status).toBe(403);
    expect((await postJson<NoticeView>(at('acknowledge'), tokens.labour!, {})).body.state).toBe('rectifying');
    expect((await postJson<NoticeView>(at('answer'), tokens.labour!, { text: '已补设两道栏杆及挡脚板', photos: [answerPhoto] })).body.state).toBe('answered');
    expect((await postJson(at('verify'), tokens.labour!, { pass: true })).status).toBe(403);
    const closed = await postJson<NoticeView>(at('verify'), tokens.safety!, { pass: true, text: '复查合格' });
    expect(closed.body).toMatchObject({ state: 'closed', closedAt: expect.any(Number) });
    expect(closed.body.log.map((l) => [l.action, l.actor])).toEqual([
      ['raise', 'safety1'],
      ['acknowledge', 'labour1'],
      ['answer', 'labour1'],
      ['verify-pass', 'safety1'],
    ]);
    expect(closed.body.log[2]!.photos[0]!.file).toBe(answerPhoto);
    expect((await fetch(`${serve.url}${closed.body.log[2]!.photos[0]!.url}`)).status).toBe(200);
    expect((await postJson(at('acknowledge'), tokens.labour!, {})).body).toMatchObject({ error: expect.stringMatching(/closed/) });
    const audit = await getJson<{ eventType: string; actor: string }[]>(`${serve.url}/api/audit?limit=50`, tokens.admin!);
    expect(audit.body.filter((a) => a.eventType.startsWith('quality-notice-')).map((a) => a.eventType).sort()).toEqual(
      ['quality-notice-acknowledge', 'quality-notice-answer', 'quality-notice-raise', 'quality-notice-verify-pass'].sort(),
    );
    const viewerList = await getJson<{ id: number; state: string }[]>(`${serve.url}/api/quality/notices?state=closed`, tokens.viewer!);
    expect(viewerList.body.map((n) => n.id)).toContain(id);
  });

  it('an overdue notice raises an alarm, which clears when the notice is closed', async () => {
    const n = await postJson<NoticeView>(`${serve.url}/api/quality/notices`, tokens.safety!, { source: { kind: 'direct' }, companyId, dueDate: today, description: '洞口未封闭' });
    expect(n.status).toBe(200);
    // The notice's due day passes: moved back in the store (a real day cannot pass in a test), then any change re-checks.
    const db = new Sqlite(join(dataDir, DATABASE_FILE));
    db.pragma('busy_timeout = 5000');
    db.prepare('UPDATE q_notices SET due_date = ? WHERE id = ?').run(addDays(today, -1), n.body.id);
    db.close();
    await postJson(`${serve.url}/api/quality/notices/${n.body.id}/acknowledge`, tokens.labour!, {});
    const key = `quality:notice-overdue:${n.body.id}`;
    const alarms = () => getJson<Alarm[]>(`${serve.url}/api/alarms?state=all`, tokens.admin!).then((r) => r.body);
    const active = (list: Alarm[]) => list.find((a) => a.conditionKey === key && a.conditionActive);
    const alarm = active(await eventually(alarms, (list) => active(list) !== undefined));
    expect(alarm).toMatchObject({ sourceDevice: 'quality', priority: 'medium' });
    expect((await getJson<{ overdueNotices: number }>(`${serve.url}/api/quality/summary`, tokens.viewer!)).body.overdueNotices).toBe(1);
    expect((await getJson<{ id: number }[]>(`${serve.url}/api/quality/notices?overdue=true`, tokens.viewer!)).body.map((x) => x.id)).toEqual([n.body.id]);
    await postJson(`${serve.url}/api/quality/notices/${n.body.id}/answer`, tokens.labour!, { text: '已封闭', photos: [answerPhoto] });
    await postJson(`${serve.url}/api/quality/notices/${n.body.id}/verify`, tokens.safety!, { pass: true });
    expect(active(await eventually(alarms, (list) => active(list) === undefined))).toBeUndefined();
  });
});
