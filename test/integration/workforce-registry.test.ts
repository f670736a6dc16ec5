/**
 * The real-name registry over HTTP with a real core: registration, duplicate refused, audited
 * reveal, roles, imports that refuse bad rows and never half-write, photos, the change log, and
 * the database file holding no clear ID or bank-card number.
 */
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView, ImportReport, WorkerDetail, WorkerPage } from '../../electron/common/api.js';
import { makeGb11643 } from '../../electron/common/id-number.js';
import { withLuhnDigit } from '../../electron/core/workforce/id-rules.js';
import { ServeProcess, getJson, login, loginAs, postJson } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';
import { testIdNumber } from '../helpers/workforce-fixtures.js';

let serve: ServeProcess;
let dataDir: string;
const tokens: Record<string, string> = {};
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());
const CREDIT = '91110000600037341L';
const HEADERS = ['姓名', '证件号码', '工种', '参建单位', '统一社会信用代码', '班组', '进场日期', '银行卡号', '考勤卡号'];
const clearNumbers: string[] = [];

/** Polls a URL every 5 ms until stdin closes; prints the longest answer time (ms) and the count. */
const PROBE = `
let maxGap = 0, polls = 0, running = true;
process.stdin.on('end', () => { running = false; }); process.stdin.resume();
(async () => {
  while (running) {
    const t0 = performance.now();
    await fetch(process.argv[1]).then((r) => r.arrayBuffer());
    maxGap = Math.max(maxGap, performance.now() - t0); polls++;
    await new Promise((r) => setTimeout(r, 5));
  }
  process.stdout.write(JSON.stringify({ maxGap, polls }));
})();`;

/** A valid ID for person n, up to 56,000 people (birth 1960 + n mod 14,000 days, sequence from n). */
function idOf(n: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % 14_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return makeGb11643('510122', birth, 101 + 2 * Math.floor(n / 14_000));
}

function row(n: number, company = '恒达劳务有限公司', team = '钢筋班'): string[] {
  const id = n >= 100_000 ? idOf(n - 100_000) : testIdNumber(n);
  const card = withLuhnDigit(`6217${String(n).padStart(14, '0')}`);
  clearNumbers.push(id, card);
  return [`工人${n}`, id, '钢筋工', company, CREDIT, team, '2026-11-01', card, `K${n}`];
}

async function xlsx(rows: string[][], merge?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const r of rows) ws.addRow(r);
  if (merge) ws.mergeCells(merge);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload<T>(path: string, body: Buffer, token: string, type = 'application/octet-stream'): Promise<{ status: number; body: T }> {
  const response = await fetch(`${serve.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body });
  return { status: response.status, body: (await response.json()) as T };
}

const count = async (): Promise<number> => (await getJson<{ registered: number }>(`${serve.url}/api/workforce/counts`, tokens.admin)).body.registered;

beforeAll(async () => {
  dataDir = tempDir();
  const site = writeSiteFile({ id: 'demo', name: 'Registry test', devices: [] });
  serve = await ServeProcess.start(['--port', '0', '--data', dataDir, '--site', site, '--no-simulate']);
  tokens.admin = await login(serve.url);
  for (const role of ['labour', 'operator', 'viewer', 'safety', 'manager']) {
    expect((await postJson(`${serve.url}/api/users`, tokens.admin, { username: `${role}1`, password: 'password-123', role })).status).toBe(200);
    tokens[role] = await loginAs(serve.url, `${role}1`, 'password-123');
  }
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

describe('registry over HTTP', () => {
  let companyId = 0;
  let workerId = 0;

  it('registers a worker; the same ID again is refused naming the first, masked', async () => {
    const company = await postJson<{ id: number }>(`${serve.url}/api/workforce/companies`, tokens.labour!, { creditCode: '91350100M000100Y43', name: '中建测试', kind: 'general' });
    expect(company.status).toBe(200);
    companyId = company.body.id;
    expect((await postJson(`${serve.url}/api/workforce/companies`, tokens.labour!, { creditCode: '91350100M000100Y44', name: 'x', kind: 'general' })).body).toMatchObject({ error: expect.stringMatching(/check character/) });
    const id = makeGb11643('510122', '19850607', 135);
    const card = withLuhnDigit('621700000000009999');
    clearNumbers.push(id, card);
    const r = await postJson<WorkerDetail>(`${serve.url}/api/workforce/workers`, tokens.labour!, {
      worker: { name: '张建国', idType: 'mainland', idNumber: id, trade: '木工', bankCard: card, phone: '13800138000' },
      membership: { companyId, enteredOn: today, wageKind: 'daily', wageRateFen: 40000 },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: '张建国', gender: 'M', birthDate: '1985-06-07', active: true });
    expect(JSON.stringify(r.body)).not.toContain(id);
    workerId = r.body.id;
    const again = await postJson<{ error: string; field: string }>(`${serve.url}/api/workforce/workers`, tokens.labour!, {
      worker: { name: '李四', idType: 'mainland', idNumber: id.toLowerCase(), trade: '木工' },
      membership: { companyId, enteredOn: today },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already registered as 张\*\* \(510\*+\d{3}[\dX]\)/);
    const bad = await postJson<{ error: string; field: string }>(`${serve.url}/api/workforce/workers`, tokens.labour!, {
      worker: { name: '王五', idType: 'mainland', idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), trade: '木工' },
      membership: { companyId, enteredOn: today },
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'worker.idNumber', error: expect.stringMatching(/check digit/) } });
  });

  it('reveals the clear numbers to labour and admin only, and each reveal is in the audit chain', async () => {
    for (const role of ['operator', 'viewer', 'safety', 'manager']) {
      expect((await postJson(`${serve.url}/api/workforce/workers/${workerId}/reveal`, tokens[role]!, {})).status, role).toBe(403);
    }
    const revealed = await postJson<{ idNumber: string; bankCard: string }>(`${serve.url}/api/workforce/workers/${workerId}/reveal`, tokens.labour!, {});
    expect(revealed.status).toBe(200);
    expect(revealed.body.idNumber).toBe(clearNumbers[0]);
    const audit = await getJson<AuditEntryView[]>(`${serve.url}/api/audit?limit=50`, tokens.admin);
    const row = audit.body.find((a) => a.eventType === 'workforce-reveal');
    expect(row).toMatchObject({ actor: 'labour1', actorRole: 'labour' });
    expect(JSON.stringify(row)).not.toContain(clearNumbers[0]);
    expect((await getJson<{ ok: boolean }>(`${serve.url}/api/audit/verify`, tokens.admin)).status).toBe(200);
  });

  it('hides names from viewers (counts only), pay from operators, and refuses writes to readers', async () => {
    expect((await getJson(`${serve.url}/api/workforce/workers`, tokens.viewer)).status).toBe(403);
    expect((await getJson(`${serve.url}/api/workforce/counts`, tokens.viewer)).body).toMatchObject({ registered: 1 });
    const seen = await getJson<WorkerDetail>(`${serve.url}/api/workforce/workers/${workerId}`, tokens.operator);
    expect(seen.body.memberships[0]!.wageRateFen).toBeNull();
    expect((await getJson<WorkerDetail>(`${serve.url}/api/workforce/workers/${workerId}`, tokens.manager)).body.memberships[0]!.wageRateFen).toBe(40000);
    expect((await postJson(`${serve.url}/api/workforce/workers/${workerId}`, tokens.safety!, { changes: { trade: 'x' } })).status).toBe(403);
  });

  it('keeps the change log: before and after of an update, numbers masked', async () => {
    const r = await postJson<WorkerDetail>(`${serve.url}/api/workforce/workers/${workerId}`, tokens.labour!, { changes: { trade: '钢筋工', phone: '13900139000' } });
    expect(r.status).toBe(200);
    const change = r.body.changes.find((c) => c.action === 'update')!;
    expect(change).toMatchObject({ actor: 'labour1', before: { trade: '木工', phone: '13800138000' }, after: { trade: '钢筋工', phone: '13900139000' } });
    expect(JSON.stringify(r.body.changes)).not.toContain(clearNumbers[0]);
  });

  it('takes a real photo as a ≤ 50 KB JPEG served by ticket; refuses a file that is not an image with 415', async () => {
    const notImage = await upload<{ error: string }>(`/api/workforce/workers/${workerId}/photo`, Buffer.from('GIF89a? no, just text pretending'), tokens.labour!, 'image/jpeg');
    expect(notImage.status).toBe(415);
    expect(notImage.body.error).toMatch(/not a JPEG or PNG/);
    const gif = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#888' } }).gif().toBuffer();
    expect((await upload(`/api/workforce/workers/${workerId}/photo`, gif, tokens.labour!)).status).toBe(415);
    const png = await sharp({ create: { width: 1200, height: 1500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
    expect((await upload(`/api/workforce/workers/${workerId}/photo`, png, tokens.operator!)).status).toBe(403);
    expect(png.length).toBeGreaterThan(50 * 1024);
    const huge = await upload<{ error: string }>(`/api/workforce/workers/${workerId}/photo`, Buffer.alloc(11 * 1024 * 1024), tokens.labour!);
    expect(huge).toMatchObject({ status: 413, body: { error: expect.stringMatching(/over the 10 MiB limit/) } });
    const ok = await upload<{ photoUrl: string; bytes: number }>(`/api/workforce/workers/${workerId}/photo`, png, tokens.labour!);
    expect(ok.status).toBe(201);
    expect(ok.body.bytes).toBeLessThanOrEqual(50 * 1024);
    const image = await fetch(`${serve.url}${ok.body.photoUrl}`);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).format).toBe('jpeg');
    expect((await fetch(`${serve.url}${ok.body.photoUrl.replace(/\?.*$/, '')}`)).status).toBe(401);
  });

  it('imports: preview writes nothing; commit takes the good rows, refuses the bad, and writes no half row', async () => {
    const bad1 = row(11);
    bad1[1] = bad1[1]!.slice(0, 17) + (bad1[1]![17] === '0' ? '1' : '0');
    const bad2 = row(12);
    bad2[6] = '2026-02-30';
    const file = await xlsx([HEADERS, row(10), bad1, bad2, row(13, '恒达劳务有限公司', '木工班'), row(10)]);
    const before = await count();
    const preview = await upload<ImportReport>('/api/workforce/import?format=xlsx&mode=preview', file, tokens.labour!);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ rows: 5, taken: 2, refused: 3, committed: false, companiesCreated: ['恒达劳务有限公司'] });
    expect(preview.body.report.map((r) => [r.row, r.status])).toEqual([
      [2, 'taken'],
      [3, 'refused'],
      [4, 'refused'],
      [5, 'taken'],
      [6, 'refused'],
    ]);
    expect(preview.body.report[1]!.problems[0]).toMatchObject({ column: '证件号码', reason: expect.stringMatching(/check digit/) });
    expect(preview.body.report[2]!.problems[0]).toMatchObject({ column: '进场日期' });
    expect(await count()).toBe(before);
    const commit = await upload<ImportReport>('/api/workforce/import?format=xlsx&mode=commit', file, tokens.labour!);
    expect(commit.body).toMatchObject({ taken: 2, refused: 3, committed: true, teamsCreated: ['恒达劳务有限公司 钢筋班', '恒达劳务有限公司 木工班'] });
    expect(await count()).toBe(before + 2);
    const page = await getJson<WorkerPage>(`${serve.url}/api/workforce/workers?search=${testIdNumber(13)}`, tokens.operator);
    expect(page.body.rows.map((r) => [r.name, r.teamName])).toEqual([['工人13', '木工班']]);
    // Again: every row is now a duplicate of the registry or refused; nothing more is written.
    const again = await upload<ImportReport>('/api/workforce/import?format=xlsx&mode=commit', file, tokens.labour!);
    expect(again.body).toMatchObject({ taken: 0, committed: false });
    expect(again.body.report[0]!.problems[0]!.reason).toMatch(/already registered as 工\*/);
    expect(await count()).toBe(before + 2);
  });

  it('refuses files whole: merged cells, missing columns, not XLSX, empty, a viewer', async () => {
    const before = await count();
    const merged = await upload<{ error: string }>('/api/workforce/import?format=xlsx&mode=commit', await xlsx([HEADERS, row(20), row(21)], 'D2:D3'), tokens.labour!);
    expect(merged).toMatchObject({ status: 400, body: { error: expect.stringMatching(/merged cells in the data area/) } });
    const missing = await upload<{ error: string }>('/api/workforce/import?format=xlsx&mode=commit', await xlsx([HEADERS.slice(0, 3), row(22).slice(0, 3)]), tokens.labour!);
    expect(missing.body.error).toMatch(/required columns are missing: 参建单位, 统一社会信用代码, 进场日期/);
    expect((await upload<{ error: string }>('/api/workforce/import?format=xlsx&mode=commit', Buffer.from('姓名,证件号码'), tokens.labour!)).body.error).toMatch(/not an XLSX/);
    expect((await upload<{ error: string }>('/api/workforce/import?format=csv&mode=commit', Buffer.alloc(0), tokens.labour!)).body.error).toMatch(/empty/);
    expect((await upload('/api/workforce/import?format=xlsx&mode=commit', await xlsx([HEADERS, row(23)]), tokens.viewer!)).status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('imports 50,000 rows in one transaction while the core keeps answering (no gap ≥ 200 ms beyond the idle baseline)', async () => {
    const rows = [HEADERS];
    for (let i = 0; i < 50_000; i++) rows.push(row(100_000 + i, `公司${i % 3}`, `班组${i % 8}`).map((v, c) => (c === 4 ? ['91110000600037341L', '91350100M000100Y43', '91110000600037341L'][i % 3]! : v)));
    // Two companies may not share a credit code in one file: company names follow the code.
    for (let i = 1; i < rows.length; i++) rows[i]![3] = rows[i]![4] === CREDIT ? '恒达劳务有限公司' : '中建测试';
    const file = await xlsx(rows);
    const tooMany = await xlsx([...rows, row(155_000)]);
    const refused = await upload<{ error: string }>('/api/workforce/import?format=xlsx&mode=commit', tooMany, tokens.labour!);
    expect(refused.body.error).toMatch(/more than 50000/);
    const before = await count();
    // The probe runs in its own process, so this test process's garbage collection (it has just
    // built a 50,000-row workbook) does not count as the core's stall.
    const probe = spawn(process.execPath, ['-e', PROBE, `${serve.url}/api/health`], { stdio: ['pipe', 'pipe', 'inherit'] });
    let probeOut = '';
    probe.stdout.on('data', (d: Buffer) => (probeOut += d.toString()));
    // A same-run baseline: the probe's longest answer over 3 s of an idle core on this (shared) machine.
    await new Promise((r) => setTimeout(r, 3000));
    const baseline = JSON.parse(await new Promise<string>((resolve) => {
      const idle = spawn(process.execPath, ['-e', PROBE, `${serve.url}/api/health`], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      idle.stdout.on('data', (d: Buffer) => (out += d.toString()));
      setTimeout(() => idle.stdin.end(), 3000);
      idle.once('exit', () => resolve(out));
    })) as { maxGap: number };
    const result = await upload<ImportReport>('/api/workforce/import?format=xlsx&mode=commit', file, tokens.labour!);
    probe.stdin.end();
    await new Promise((r) => probe.once('exit', r));
    const { maxGap, polls } = JSON.parse(probeOut) as { maxGap: number; polls: number };
    expect(polls).toBeGreaterThan(100);
    expect(result.body).toMatchObject({ rows: 50_000, taken: 50_000, committed: true });
    expect(await count()).toBe(before + 50_000);
    console.log(`50,000-row import: longest core answer ${maxGap.toFixed(0)} ms during the import, ${baseline.maxGap.toFixed(0)} ms idle (same run)`);
    // The core's answers may be no later than 200 ms beyond what this shared machine does to an
    // idle core (its scheduler alone can hold a process for that long).
    expect(maxGap).toBeLessThan(200 + baseline.maxGap);
  }, 300_000);

  it('the database file holds no clear ID or bank-card number', async () => {
    const exported = await fetch(`${serve.url}/api/workforce/export?format=csv`, { headers: { Authorization: `Bearer ${tokens.labour}` } });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain(clearNumbers[0]);
    await serve.stop();
    const bytes = readFileSync(join(dataDir, 'site-command.db')).toString('latin1');
    expect(bytes.length).toBeGreaterThan(0);
    for (const n of clearNumbers.slice(0, 40)) expect(bytes.includes(n), n).toBe(false);
  });
});
