import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteLocalTime } from '../../electron/core/alarms/rules/site-clock.js';
import type { SiteCore } from '../../electron/core/site-core.js';
import { addDays } from '../../electron/core/workforce/certificate-watch.js';
import type { WorkforceWiring } from '../../electron/core/wiring/workforce.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { captureJpeg, RENDERER_DIST, startGateCore } from '../helpers/gate-core.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ADMIN_PASSWORD } from '../helpers/serve-process.js';
import { removeTempDirs } from '../helpers/temp-dir.js';
import { testIdNumber } from '../helpers/workforce-fixtures.js';

// The on-site and certificate sections against a real core and mosquitto: turnstiles push
// passages over POST /api/gate-events, the headcount in the console and the top bar rises live,
// an unknown card's capture shows in the passages and on its alarm, and a crane driven on an
// expired certificate shows on the certificate board.
let broker: MosquittoBroker;
let core: SiteCore;
let url: string;
let wf: WorkforceWiring;
let browser: Browser;
let page: Page;
let token: string;
let device: MqttClient;
const errors: string[] = [];
const today = siteLocalTime(Date.now(), 'Asia/Shanghai').day;

function seed(): void {
  const s = wf.store;
  s.transaction(() => {
    const general = s.createCompany({ creditCode: '91110000600037341L', name: '中建八局', kind: 'general' });
    const subA = s.createCompany({ creditCode: '91110000600037342J', name: '江苏华建劳务', kind: 'labour-sub' });
    const subB = s.createCompany({ creditCode: '91110000600037343E', name: '浙江宏达机电', kind: 'sub' });
    const teams = [s.createTeam({ companyId: subA, name: '钢筋一班' }), s.createTeam({ companyId: subA, name: '木工二班' }), s.createTeam({ companyId: subB, name: '机电安装班' })];
    const trades = ['钢筋工', '木工', '电工'];
    const names = ['张伟', '王芳', '李强', '刘洋', '陈杰', '杨磊', '赵敏', '黄勇', '周涛', '吴静', '徐鹏', '孙浩'];
    names.forEach((name, i) => {
      const team = i % 3;
      const id = s.createWorker({ name, idType: 'mainland', idNumber: testIdNumber(i + 1), trade: trades[team]!, cardNo: `C${String(i + 1).padStart(4, '0')}` });
      s.enter({ workerId: id, companyId: team === 2 ? subB : subA, teamId: teams[team]!, enteredOn: '2026-10-01' });
      if (i !== 11) s.addTrainingRecord({ workerId: id, courseId: null, kind: 'induction', title: '三级安全教育', hours: 24, passed: true, score: 92, at: Date.parse('2026-10-01T08:00:00+08:00'), source: 'office' });
      if (i === 2) s.addCertificate({ workerId: id, type: 'tower-crane-driver', number: '苏A042019000123', validFrom: '2024-11-01', validTo: addDays(today, -5) });
      if (i === 5) s.addCertificate({ workerId: id, type: 'tower-crane-driver', number: '苏A042019000456', validFrom: '2025-01-01', validTo: addDays(today, 9) });
      if (i === 8) s.addCertificate({ workerId: id, type: 'electrician', number: '浙D032020000789', validFrom: '2025-01-01', validTo: addDays(today, 21) });
    });
    for (const [n, name, post] of [[20, '马建国', '项目经理'], [21, '林安', '安全员']] as const) {
      const id = s.createWorker({ name, idType: 'mainland', idNumber: testIdNumber(n), trade: '管理人员', isManager: true, post, cardNo: `M${n}` });
      s.enter({ workerId: id, companyId: general, enteredOn: '2026-09-01', role: 'manager' });
      s.addTrainingRecord({ workerId: id, courseId: null, kind: 'induction', title: '三级安全教育', hours: 24, passed: true, score: 95, at: Date.parse('2026-09-01T08:00:00+08:00'), source: 'office' });
    }
  });
}

let seq = 0;
async function push(card: string, direction: 'in' | 'out', photo?: string): Promise<{ open: boolean; outcome: string }> {
  const body = { gateId: 'gate-1', eventId: `e2e-${++seq}`, at: new Date().toISOString(), direction, credential: { kind: 'card', value: card }, ...(photo ? { photo } : {}) };
  const r = await fetch(`${url}/api/gate-events`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return (await r.json()) as { open: boolean; outcome: string };
}

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  ({ core, url, workforce: wf } = await startGateCore({ mqttUrl: broker.url, staticRoot: RENDERER_DIST }));
  seed();
  token = wf.gates!.tokens.issue('gate-1');
  device = await mqtt.connectAsync(broker.url, { clientId: 'gates-e2e-device' });
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=live-link].link-live');
});

afterAll(async () => {
  await browser?.close();
  await device?.endAsync();
  await core?.stop();
  await broker?.stop();
  removeTempDirs();
});

describe('on site now and certificates', () => {
  it('a worker in through POST /api/gate-events raises the headcount in the console and the top bar', async () => {
    await page.goto(`${url}/#/workforce/onsite`);
    await expect.poll(() => page.locator('[data-testid=onsite-total]').textContent()).toBe('0');
    expect(await push('C0001', 'in')).toMatchObject({ open: true, outcome: 'admitted' });
    await expect.poll(() => page.locator('[data-testid=onsite-total]').textContent(), { timeout: 5000 }).toBe('1');
    await expect.poll(() => page.locator('[data-testid=workers-on-site]').textContent()).toBe('1');
    for (const card of ['C0002', 'C0003', 'C0004', 'C0005', 'C0006', 'C0007', 'C0009', 'C0010', 'M20', 'M21']) await push(card, 'in');
    await push('C0004', 'out');
    expect(await push('C0012', 'in')).toMatchObject({ open: false, outcome: 'no-induction' });
    expect(await push('9F3A77C2', 'in', await captureJpeg())).toMatchObject({ open: false, outcome: 'unknown' });
    await expect.poll(() => page.locator('[data-testid=onsite-total]').textContent(), { timeout: 5000 }).toBe('10');
    await expect.poll(() => page.locator('[data-testid=workers-on-site]').textContent()).toBe('10');
    await expect.poll(() => page.locator('[data-testid=onsite-managers] tbody tr').count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid=onsite-passages] img.passage-thumb').count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid=onsite-byTeam]').textContent()).toContain('钢筋一班');
    await screenshot(page, 'workforce-onsite');
  });

  it('the certificate board shows the crane driven on an expired certificate, those expiring, and workers without induction', async () => {
    await device.publishAsync('site/demo/crane/crane-1/telemetry', JSON.stringify({ loadT: 2, ratedLoadT: 8, momentPct: 25, radiusM: 20, heightM: 30, slewDeg: 90, windMs: 3, tiltDeg: 0.1, operatorId: 'C0003' }), { qos: 1 });
    await device.publishAsync('site/demo/crane/crane-2/telemetry', JSON.stringify({ loadT: 2, ratedLoadT: 8, momentPct: 25, radiusM: 20, heightM: 30, slewDeg: 90, windMs: 3, tiltDeg: 0.1, operatorId: 'C0006' }), { qos: 1 });
    await page.goto(`${url}/#/workforce/certificates`);
    await expect.poll(() => page.locator('[data-testid=cert-operators] tbody tr').count(), { timeout: 5000 }).toBe(2);
    const operators = await page.locator('[data-testid=cert-operators]').textContent();
    expect(operators).toContain('李强');
    expect(operators).toContain('证书过期');
    expect(await page.locator('[data-testid=cert-expiring] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-testid=cert-no-induction]').textContent()).toContain('孙浩');
    await screenshot(page, 'workforce-certificates');
  });

  it("the unknown card's alarm shows its capture photo", async () => {
    await page.goto(`${url}/#/alarms`);
    const row = page.locator('tr', { hasText: '未登记' }).first();
    await row.waitFor({ timeout: 5000 });
    await row.click();
    await page.waitForSelector('[data-testid=alarm-photo] img');
    const loaded = await page.locator('[data-testid=alarm-photo] img').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0);
    expect(loaded).toBe(true);
    await screenshot(page, 'workforce-alarm-photo');
    expect(errors).toEqual([]);
  });
});
