import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseDetail, CourseSummary, ExamResultView, PortalLinkView, TrainingWorkerView, WorkerCodeView } from '../../electron/common/api.js';
import type { ExamAttemptView, ExamResultDetail, WorkerCourseDetail, WorkerCourseView, WorkerSelfView, WorkerSessionView } from '../../electron/common/api/worker-portal.js';
import { DATABASE_FILE } from '../../electron/core/store/database.js';
import { freePort } from '../helpers/free-port.js';
import { getJson, login, loginAs, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';
import { codeHashFor, seedWorkersForCore, type SeededPhoneWorker } from '../helpers/training-fixtures.js';

// A real core (demo site, simulator on: the demo courses are seeded) on a data folder where
// workers were registered before it started.
let serve: ServeProcess;
let admin: string;
let dataDir: string;
let workers: SeededPhoneWorker[];
let induction: CourseDetail;
let viewer: string;

async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${serve.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

async function identify(w: SeededPhoneWorker): Promise<string> {
  const { status, body } = await call<WorkerSessionView>('POST', '/api/worker/session', null, { idNumber: w.idNumber, phone: w.phone });
  expect(status).toBe(200);
  return body.token;
}

function rightAnswers(exam: ExamAttemptView): Record<string, number[]> {
  return Object.fromEntries(exam.questions.map((q) => [String(q.id), induction.questions.find((x) => x.id === q.id)!.answer]));
}

beforeAll(async () => {
  dataDir = tempDir('sc-training-');
  workers = seedWorkersForCore(dataDir, 9);
  serve = await ServeProcess.start(['--port', String(await freePort()), '--data', dataDir]);
  admin = await login(serve.url);
  await postJson(`${serve.url}/api/users`, admin, { username: 'viewer1', password: 'viewer-password', role: 'viewer' });
  viewer = await loginAs(serve.url, 'viewer1', 'viewer-password');
  const courses = (await getJson<CourseSummary[]>(`${serve.url}/api/training/courses`, admin)).body;
  const id = courses.find((c) => c.kind === 'induction')!.id;
  induction = (await getJson<CourseDetail>(`${serve.url}/api/training/courses/${id}`, admin)).body;
});
afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

describe('the demo courses', () => {
  it('are seeded at start: an induction of 15 questions, 10 drawn, pass mark 80, 20 minutes, and a pre-shift talk', async () => {
    expect(induction).toMatchObject({ kind: 'induction', bankSize: 15, questionCount: 10, passMark: 80, timeLimitMinutes: 20 });
    const courses = (await getJson<CourseSummary[]>(`${serve.url}/api/training/courses`, admin)).body;
    expect(courses.map((c) => c.kind)).toContain('pre-shift');
  });
});

describe('identification', () => {
  it('by ID number and phone (spaces and +86 allowed) opens a worker session that sees only its own record', async () => {
    const spaced = { idNumber: workers[0]!.idNumber.toLowerCase(), phone: `+86 ${workers[0]!.phone.slice(0, 3)} ${workers[0]!.phone.slice(3)}` };
    const { status, body } = await call<WorkerSessionView>('POST', '/api/worker/session', null, spaced);
    expect(status).toBe(200);
    expect(body.name).toBe('工人1');
    const me = await call<WorkerSelfView>('GET', '/api/worker/me', body.token);
    expect(me.body).toMatchObject({ name: '工人1', inductionPassed: false, trainingHours: 0 });
    expect(me.body.idMasked).not.toBe(workers[0]!.idNumber);
  });

  it('refuses a wrong phone and an unknown ID with the same clear answer', async () => {
    const wrongPhone = await call<{ error: string; code: string }>('POST', '/api/worker/session', null, { idNumber: workers[1]!.idNumber, phone: '13999999999' });
    const unknown = await call<{ error: string; code: string }>('POST', '/api/worker/session', null, { idNumber: '110101199001011237', phone: workers[1]!.phone });
    for (const r of [wrongPhone, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body.error).toMatch(/do not match a registered worker.*one-time code/);
    }
  });

  it('throttles guessing: the sixth wrong try for one ID is refused even with the right phone', async () => {
    const w = workers[7]!;
    for (let i = 0; i < 5; i++) expect((await call('POST', '/api/worker/session', null, { idNumber: w.idNumber, phone: `1390000000${i}` })).status).toBe(401);
    const locked = await call<{ error: string; code: string }>('POST', '/api/worker/session', null, { idNumber: w.idNumber, phone: w.phone });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatch(/too many wrong tries for this ID number/);
  });

  it('keeps console and worker sessions apart: each token is refused by the other side', async () => {
    const token = await identify(workers[0]!);
    const consoleAtWorker = await call<{ error: string }>('GET', '/api/worker/me', admin);
    expect(consoleAtWorker.status).toBe(401);
    expect(consoleAtWorker.body.error).toMatch(/console sessions are not accepted/);
    expect((await getJson(`${serve.url}/api/training/courses`, token)).status).toBe(401);
    expect((await getJson(`${serve.url}/api/devices`, token)).status).toBe(401);
  });

  it('by a one-time code from the office: once; a replayed, an expired and a wrong code are refused with the reason', async () => {
    const made = await postJson<WorkerCodeView>(`${serve.url}/api/training/worker-codes`, admin, { workerId: workers[2]!.id });
    expect(made.status).toBe(200);
    expect(made.body.code).toMatch(/^\d{6}$/);
    const first = await call<WorkerSessionView>('POST', '/api/worker/session', null, { code: made.body.code });
    expect(first.status).toBe(200);
    expect(first.body.name).toBe('工人3');
    const replay = await call<{ error: string }>('POST', '/api/worker/session', null, { code: made.body.code });
    expect(replay.status).toBe(401);
    expect(replay.body.error).toMatch(/already been used/);
    // An expired code, planted with the core's own keyed hash.
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare('INSERT INTO wf_worker_codes (code_hash, worker_id, created_at, expires_at, created_by) VALUES (?, ?, ?, ?, ?)').run(codeHashFor(dataDir, '424242'), workers[2]!.id, Date.now() - 3_600_000, Date.now() - 60_000, 'test');
    db.close();
    const expired = await call<{ error: string }>('POST', '/api/worker/session', null, { code: '424242' });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatch(/expired/);
    const malformed = await call<{ error: string }>('POST', '/api/worker/session', null, { code: '12ab56' });
    expect(malformed.status).toBe(400);
    // The office's action is in the change log, without the code itself.
    const log = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const changes = log.prepare("SELECT actor, after FROM wf_changes WHERE entity = 'worker-code' AND entity_id = ?").all(workers[2]!.id) as { actor: string; after: string }[];
    log.close();
    expect(changes).toHaveLength(1);
    expect(changes[0]!.actor).toBe('admin');
    expect(changes[0]!.after).not.toContain(made.body.code);
  });

  it('a viewer may not make codes', async () => {
    expect((await postJson(`${serve.url}/api/training/worker-codes`, viewer, { workerId: workers[2]!.id })).status).toBe(403);
  });
});

describe('exams', () => {
  it('a pass writes the training record and hours; the office sees the score and time', async () => {
    const token = await identify(workers[3]!);
    const courses = (await call<WorkerCourseView[]>('GET', '/api/worker/courses', token)).body;
    expect(courses[0]).toMatchObject({ id: induction.id, required: true, passed: false });
    const exam = (await call<ExamAttemptView>('POST', `/api/worker/courses/${induction.id}/exam`, token)).body;
    expect(exam.questions).toHaveLength(10);
    expect(JSON.stringify(exam)).not.toMatch(/"answer"|explanation/);
    const answers = rightAnswers(exam);
    const first = exam.questions[0]!;
    expect((await call('POST', `/api/worker/attempts/${exam.attemptId}/answer`, token, { questionId: first.id, choice: answers[String(first.id)] })).status).toBe(200);
    const result = await call<ExamResultDetail>('POST', `/api/worker/attempts/${exam.attemptId}/submit`, token, { answers });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ score: 100, passed: true, hoursCredited: 24, timedOut: false });
    const me = (await call<WorkerSelfView>('GET', '/api/worker/me', token)).body;
    expect(me).toMatchObject({ inductionPassed: true, trainingHours: 24 });
    const rows = (await getJson<ExamResultView[]>(`${serve.url}/api/training/results?courseId=${induction.id}`, admin)).body;
    expect(rows.find((r) => r.workerId === workers[3]!.id)).toMatchObject({ score: 100, passed: true, status: 'submitted' });
    expect(rows[0]!.durationSeconds).toBeGreaterThanOrEqual(0);
    const found = (await getJson<TrainingWorkerView[]>(`${serve.url}/api/training/workers?query=${encodeURIComponent('工人4')}`, admin)).body;
    expect(found[0]).toMatchObject({ inductionPassed: true, trainingHours: 24 });
  });

  it('the worker comes from the session: a forged worker id in the body is refused, another worker’s exam is not found', async () => {
    const owner = await identify(workers[4]!);
    const other = await identify(workers[5]!);
    const exam = (await call<ExamAttemptView>('POST', `/api/worker/courses/${induction.id}/exam`, owner)).body;
    const forged = await call<{ error: string; code: string }>('POST', `/api/worker/attempts/${exam.attemptId}/submit`, owner, { workerId: workers[5]!.id, answers: {} });
    expect(forged.status).toBe(400);
    expect(forged.body.error).toMatch(/workerId|Unrecognized/i);
    const stolen = await call<{ error: string }>('POST', `/api/worker/attempts/${exam.attemptId}/submit`, other, { answers: rightAnswers(exam) });
    expect(stolen.status).toBe(404);
    expect((await call('GET', `/api/worker/attempts/${exam.attemptId}`, other)).status).toBe(404);
    // The owner's attempt is untouched by the attempts above.
    expect((await call<ExamAttemptView>('POST', `/api/worker/courses/${induction.id}/exam`, owner)).body.attemptId).toBe(exam.attemptId);
  });

  it("counts this month's days by the site's attendance rule, from admitted passages only", async () => {
    const w = workers[6]!;
    const other = workers[8]!;
    const now = Date.now();
    const entry = now - 5 * 3600_000;
    const db = new Database(join(dataDir, DATABASE_FILE));
    const add = db.prepare("INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, direction, at, received, outcome) VALUES (?, 'G1', ?, 'card', ?, ?, ?, ?)");
    // Five hours inside: a whole day by the default rule (a span of at least 4 h).
    add.run('t1', w.id, 'in', entry, now, 'admitted');
    add.run('t2', w.id, 'out', now - 60_000, now, 'left');
    // Kept out at the gate (no induction) for the same five hours: no day.
    add.run('t3', other.id, 'in', entry, now, 'no-induction');
    add.run('t4', other.id, 'out', now - 60_000, now, 'left');
    db.close();
    // The day is the entry's (a punch before 04:00 site time belongs to the day before); it counts
    // for this month unless that day fell in the last month (the first hours of a month).
    const siteDay = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
    const expected = siteDay(entry - 4 * 3600_000).slice(0, 7) === siteDay(now).slice(0, 7) ? 1 : 0;
    expect((await call<WorkerSelfView>('GET', '/api/worker/me', await identify(w))).body.attendanceDaysThisMonth).toBe(expected);
    expect((await call<WorkerSelfView>('GET', '/api/worker/me', await identify(other))).body.attendanceDaysThisMonth).toBe(0);
  });
});

describe('materials', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const upload = (token: string, body: Buffer, title = 'pic') =>
    fetch(`${serve.url}/api/training/materials`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-Course-Id': String(induction.id), 'X-Title': encodeURIComponent(title) }, body });

  it('takes an image by its bytes, refuses HTML named like a picture, and serves the file to a worker with a ticket only', async () => {
    const ok = await upload(admin, png, '安全帽佩戴');
    expect(ok.status).toBe(201);
    const refused = await upload(admin, Buffer.from('<html><script>alert(1)</script></html>'), 'fake.png');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/contents were checked/);
    const token = await identify(workers[0]!);
    const course = (await call<WorkerCourseDetail>('GET', `/api/worker/courses/${induction.id}`, token)).body;
    const image = course.materials.find((m) => m.kind === 'image')!;
    expect(image.url).toMatch(/^\/api\/worker\/files\/\d+\?ticket=/);
    const file = await fetch(`${serve.url}${image.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${serve.url}${image.url!.replace(/ticket=.*/, 'ticket=forged')}`)).status).toBe(401);
    expect((await fetch(`${serve.url}${image.url!.split('?')[0]}`)).status).toBe(401);
  });

  it('refuses uploads without a console session or from a viewer', async () => {
    const token = await identify(workers[0]!);
    expect((await upload(token, png)).status).toBe(401);
    expect((await upload(viewer, png)).status).toBe(403);
    expect((await postJson(`${serve.url}/api/training/courses`, viewer, { kind: 'topic', level: null, title: 'x', description: '', hours: 1, questionCount: 1, passMark: 60, timeLimitMinutes: 5, attemptsAllowed: 0, active: true })).status).toBe(403);
  });
});

describe('QR links', () => {
  it('gives the worker page URL for a course with its QR code as SVG', async () => {
    const { status, body } = await getJson<PortalLinkView>(`${serve.url}/api/training/portal-link?courseId=${induction.id}`, admin);
    expect(status).toBe(200);
    expect(body.urls[0]).toMatch(new RegExp(`/worker\\.html#/course/${induction.id}$`));
    expect(body.qrSvg).toMatch(/^<svg[^>]*viewBox/);
    const page = await fetch(`${serve.url}/worker.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/worker-root/);
  });
});

describe('fuzzing the worker page routes', () => {
  it('answers anything with 4xx, never 500', async () => {
    const token = await identify(workers[0]!);
    const paths = ['/api/worker/session', '/api/worker/me', '/api/worker/courses', `/api/worker/courses/${induction.id}`, `/api/worker/courses/${induction.id}/exam`, '/api/worker/attempts/1/answer', '/api/worker/attempts/1/submit', '/api/worker/attempts/1', '/api/worker/files/1'];
    const segment = fc.oneof(fc.constantFrom('1', '0', '-1', '99999999999', '%zz', '%E0%A4%A', 'NaN', '1e3', '..', '%00'), fc.string({ maxLength: 12 }).map(encodeURIComponent));
    const body = fc.oneof(fc.jsonValue(), fc.record({ idNumber: fc.string(), phone: fc.string() }), fc.record({ code: fc.string() }), fc.record({ questionId: fc.anything(), choice: fc.anything() }), fc.record({ answers: fc.dictionary(fc.string(), fc.anything()) }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), segment, fc.constantFrom('GET', 'POST', 'DELETE'), body, fc.boolean(), fc.boolean(), async (path, seg, verb, json, withToken, mangle) => {
        const target = mangle ? path.replace(/\/\d+(\/|$)/, `/${seg}$1`) : path;
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (withToken) headers.Authorization = `Bearer ${token}`;
        const response = await fetch(`${serve.url}${target}`, { method: verb, headers, body: verb === 'GET' ? undefined : JSON.stringify(json) });
        await response.arrayBuffer();
        expect(response.status, `${verb} ${target} ${JSON.stringify(json)?.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    expect(serve.output).not.toMatch(/worker portal failed/);
  });
});
