import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '../../electron/common/api.js';
import { eventually } from '../helpers/eventually.js';
import { getJson, login, loginAs, postJson, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

let serve: ServeProcess;
let admin: string;
let viewer: string;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());

beforeAll(async () => {
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir()]);
  admin = await login(serve.url);
  for (const [username, role] of [['manager1', 'manager'], ['viewer1', 'viewer']]) expect((await postJson(`${serve.url}/api/users`, admin, { username, password: 'password-123', role })).status).toBe(200);
  viewer = await loginAs(serve.url, 'viewer1', 'password-123');
});
afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

describe('reports through a real core', () => {
  it('a manager makes today’s daily report on demand, polls it to done, and anyone downloads both files', async () => {
    const manager = await loginAs(serve.url, 'manager1', 'password-123');
    const made = await postJson<ReportView>(`${serve.url}/api/reports`, manager, { kind: 'daily', from: today });
    expect(made.status).toBe(200);
    expect(made.body.state).toBe('queued');
    expect(made.body.madeBy).toBe('manager1');
    const done = await eventually(
      async () => (await getJson<ReportView>(`${serve.url}/api/reports/${made.body.id}`, viewer)).body,
      (r) => r.state === 'done' || r.state === 'failed',
      50_000,
    );
    expect(done.error).toBeNull();
    expect(done.files.map((f) => f.format)).toEqual(['pdf', 'xlsx']);
    // Download with the session header, and with the ticketed URL the list gives (no header).
    const pdf = await fetch(`${serve.url}/api/report-files/${done.id}.pdf`, { headers: { Authorization: `Bearer ${viewer}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const doc = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), useSystemFonts: false }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    expect(text).toContain(`施工与安全日志（日报）${today}`);
    const xlsx = await fetch(`${serve.url}${done.downloads.xlsx!}`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toContain('附录 数据来源');
    const list = await getJson<ReportView[]>(`${serve.url}/api/reports`, viewer);
    expect(list.body.map((r) => r.id)).toContain(done.id);
  });

  it('roles and bad input: viewers cannot make reports; a year, a future day, from after to: 4xx with the reason', async () => {
    const post = (token: string, body: unknown) => postJson<{ error: string; field?: string }>(`${serve.url}/api/reports`, token, body);
    expect((await post(viewer, { kind: 'daily', from: today })).status).toBe(403);
    const year = await post(admin, { kind: 'monthly', from: '2025-01-01', to: '2025-12-31' });
    expect(year.status).toBe(400);
    expect(year.body.error).toContain('one calendar month');
    const future = await post(admin, { kind: 'daily', from: '2099-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error).toContain('future');
    const reversed = await post(admin, { kind: 'weekly', from: '2025-03-09', to: '2025-03-03' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.field).toBe('from');
    expect((await post(admin, { kind: 'yearly', from: '2025-01-01' })).status).toBe(400);
    expect((await fetch(`${serve.url}/api/report-files/000000000000.pdf`)).status).toBe(401);
    expect((await fetch(`${serve.url}/api/report-files/000000000000.pdf`, { headers: { Authorization: `Bearer ${viewer}` } })).status).toBe(404);
    expect((await fetch(`${serve.url}/api/report-files/..%2F..%2Fsite-command.db`, { headers: { Authorization: `Bearer ${viewer}` } })).status).toBe(404);
  });
});
