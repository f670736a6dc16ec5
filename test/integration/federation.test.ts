import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import type { SiteEntry, SitesReply } from '../../electron/common/api.js';
import type { SiteSummary } from '../../electron/common/site.js';
import { getJson, login, ServeProcess } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// Core B: the demo site with its simulator (workers pass the gates, alarms come and go).
// Core A: a quiet site whose `federation` block lists B by URL — once with good credentials, once
// with a wrong password, once without credentials — plus a "remote" that accepts connections and
// never answers, to show that A's API does not wait for it.
let coreA: ServeProcess;
let coreB: ServeProcess;
let tokenA: string;
let tokenB: string;
let silent: Server;
const silentSockets: Socket[] = [];

beforeAll(async () => {
  // B's demo without its scheduled incidents: its alarm count then holds still long enough for A's cached copy to match it.
  coreB = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--no-incidents']);
  tokenB = await login(coreB.url);
  for (const username of ['federation', 'auditor']) {
    const created = await fetch(`${coreB.url}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenB}` },
      body: JSON.stringify({ username, password: 'federation-password', role: 'viewer' }),
    });
    expect(created.status).toBe(200);
  }
  silent = createServer((socket) => silentSockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;

  const project = (id: string, extra: object) => ({ id, name: `Project ${id}`, enterprise: 'Enterprise B', latDeg: 30.5, lonDeg: 114.4, ...extra });
  const siteDir = writeSiteFile({
    id: 'site-a',
    name: 'Site A',
    origin: { latDeg: 30.6, lonDeg: 114.3, heightM: 20 },
    federation: {
      authority: 'Test Authority',
      projects: [
        { id: 'site-a', name: 'Site A', enterprise: 'Enterprise A', latDeg: 30.6, lonDeg: 114.3 },
        project('b-good', { url: coreB.url, username: 'federation', password: 'federation-password' }),
        project('b-wrong-password', { url: coreB.url, username: 'auditor', password: 'not-the-password' }),
        project('b-no-credentials', { url: coreB.url }),
        project('no-url', {}),
        project('silent', { url: silentUrl, username: 'x', password: 'y' }),
      ],
    },
  });
  coreA = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', siteDir, '--no-simulate']);
  tokenA = await login(coreA.url);
});

afterAll(async () => {
  await coreA?.stop();
  await coreB?.stop();
  for (const socket of silentSockets) socket.destroy();
  silent?.close();
  removeTempDirs();
});

async function sites(): Promise<{ reply: SitesReply; ms: number }> {
  const started = performance.now();
  const { status, body } = await getJson<SitesReply>(`${coreA.url}/api/sites`, tokenA);
  expect(status).toBe(200);
  return { reply: body, ms: performance.now() - started };
}

const entry = (reply: SitesReply, id: string): SiteEntry => reply.enterprises.flatMap((e) => e.projects).find((p) => p.id === id)!;
const total = (e: SiteEntry) => Object.values(e.live!.alarmsByPriority).reduce((a, b) => a + b, 0);

describe('GET /api/sites (federation)', () => {
  it('groups authority → enterprises → projects, this site first and from its own state', async () => {
    const { reply } = await sites();
    expect(reply.authority).toBe('Test Authority');
    expect(reply.enterprises.map((e) => e.name)).toEqual(['Enterprise A', 'Enterprise B']);
    expect(reply.enterprises[1]!.projects.map((p) => p.id)).toEqual(['b-good', 'b-wrong-password', 'b-no-credentials', 'no-url', 'silent']);
    const self = entry(reply, 'site-a');
    expect(self).toMatchObject({ self: true, status: 'ok', latDeg: 30.6, lonDeg: 114.3 });
    expect(self.live).toMatchObject({ workersOnSite: 0, unackedAlarms: 0, pm10UgM3: null });
    expect(entry(reply, 'no-url')).toMatchObject({ status: 'not-configured', live: null });
    expect(entry(reply, 'b-no-credentials').status).toBe('not-configured');
  });

  it("shows B's live status (workers, alarms, PM10) read from B's core", async () => {
    // The simulator lets workers in and raises alarms; A's figures must follow B's own.
    await expect
      .poll(
        async () => {
          const [{ reply }, site, alarms] = await Promise.all([
            sites(),
            getJson<SiteSummary>(`${coreB.url}/api/site`, tokenB),
            getJson<Alarm[]>(`${coreB.url}/api/alarms`, tokenB),
          ]);
          const b = entry(reply, 'b-good');
          if (b.status !== 'ok' || !b.live) return `status ${b.status} ${b.reason ?? ''}`;
          return { workers: b.live.workersOnSite === site.body.workersOnSite && site.body.workersOnSite > 0, alarms: total(b) === alarms.body.length, pm10: b.live.pm10UgM3 !== null };
        },
        // B's demo gates walk the shift's workers in over its first minute, at any hour: outside the
        // working day the demo plays a compressed one (sim/gate-traffic.ts).
        { timeout: 80_000, interval: 1000 },
      )
      .toEqual({ workers: true, alarms: true, pm10: true });
  }, 100_000);

  it('says auth-failed for a wrong password, with the reason', async () => {
    await expect.poll(async () => entry((await sites()).reply, 'b-wrong-password').status, { timeout: 10_000 }).toBe('auth-failed');
    const wrong = entry((await sites()).reply, 'b-wrong-password');
    expect(wrong.reason).toMatch(/auditor.*401/);
    expect(wrong.live).toBeNull();
  });

  it('answers at once while a remote hangs, then says unreachable after the timeout', async () => {
    const first = await sites();
    expect(first.ms).toBeLessThan(500);
    await expect.poll(async () => entry((await sites()).reply, 'silent'), { timeout: 10_000, interval: 250 }).toMatchObject({
      status: 'unreachable',
      reason: expect.stringMatching(/no answer within 3\.0 s/),
    });
  });

  it('says unreachable when B stops, within the cache age plus the timeout, and A keeps answering fast', async () => {
    const before = entry((await sites()).reply, 'b-good');
    expect(before.status).toBe('ok');
    await coreB.stop();
    const stoppedAt = Date.now();
    const slowest: number[] = [];
    await expect
      .poll(
        async () => {
          const { reply, ms } = await sites();
          slowest.push(ms);
          return entry(reply, 'b-good').status;
        },
        { timeout: 20_000, interval: 250 },
      )
      .toBe('unreachable');
    // 10 s cache + 3 s deadline at most (a refused connection fails at once).
    expect(Date.now() - stoppedAt).toBeLessThan(14_000);
    expect(Math.max(...slowest)).toBeLessThan(500);
    const after = entry((await sites()).reply, 'b-good');
    expect(after.reason).toMatch(/connection refused/);
    // The last figures read stay, with their time, so the authority sees what was last known.
    expect(after.live?.readAt).toBeGreaterThan(0);
  });
});
