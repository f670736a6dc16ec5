import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Screen, ScreenDraft, ScreenSummary } from '../../electron/common/api.js';
import { login, loginAs, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

// Wall screens through the built core (demo site, no simulator: the screens need no data):
// the default wall on first start, admin-only saves, the layout rules, stale overwrites refused,
// and deletes (a restart's keeping of them: test/unit/core/screens-wiring.test.ts).
let serve: ServeProcess;
let admin: string;
let viewer: string;
const data = tempDir();
const args = ['--port', '0', '--data', data, '--no-simulate'];

async function call<T>(path: string, token: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${serve.url}/api/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const draft = (extra: Partial<ScreenDraft> = {}): ScreenDraft => ({
  name: 'cranes',
  title: '塔吊屏',
  columns: 12,
  rows: 6,
  panels: [
    { id: 'c', kind: 'cranes', x: 0, y: 0, w: 6, h: 6, options: { devices: ['crane-1'] } },
    { id: 'a', kind: 'alarms', x: 6, y: 0, w: 6, h: 6, options: { maxRows: 5 } },
  ],
  ...extra,
});

beforeAll(async () => {
  serve = await ServeProcess.start(args);
  admin = await login(serve.url);
  expect((await call('users', admin, 'POST', { username: 'wallviewer', password: 'viewer-password', role: 'operator' })).status).toBe(200);
  viewer = await loginAs(serve.url, 'wallviewer', 'viewer-password');
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  removeTempDirs();
});

describe('wall screens through the core', () => {
  it('writes the default wall (主屏) on first start; anyone logged in reads it', async () => {
    const list = await call<ScreenSummary[]>('screens', viewer);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ name: 'default', title: '主屏', version: 1, panels: 9 })]);
    const screen = await call<Screen>('screens/default', viewer);
    expect(screen.body.panels.map((p) => p.kind).sort()).toEqual(['alarm-kpis', 'alarms', 'cameras', 'cranes', 'environment', 'headcount', 'hoists', 'map', 'site3d']);
    expect((await fetch(`${serve.url}/api/screens`)).status).toBe(401);
    const missing = await call<{ error: string }>('screens/nowhere', viewer);
    expect([missing.status, missing.body.error]).toEqual([404, 'no screen "nowhere"; see the list of screens']);
  });

  it('only admins save and delete', async () => {
    const refused = await call<{ code: string }>('screens/cranes', viewer, 'POST', draft());
    expect([refused.status, refused.body.code]).toEqual([403, 'forbidden']);
    expect((await call('screens/default', viewer, 'DELETE')).status).toBe(403);
  });

  it('refuses bad layouts in words: unknown kind, overlap, outside the grid, options of another kind', async () => {
    const cases: Array<[Partial<ScreenDraft>, RegExp]> = [
      [{ panels: [{ id: 'x', kind: 'weather' as 'alarms', x: 0, y: 0, w: 2, h: 2, options: {} }] }, /kind/],
      [{ panels: [draft().panels[0]!, { ...draft().panels[1]!, x: 5 }] }, /panels "c" and "a" overlap; move one of them/],
      [{ panels: [{ ...draft().panels[1]!, x: 8 }] }, /reaches past the 12 × 6 grid/],
      [{ panels: [{ ...draft().panels[0]!, options: { devices: ['hoist-1'] } }] }, /device "hoist-1" is a hoist, not a crane/],
      [{ panels: [{ ...draft().panels[0]!, options: { devices: ['crane-99'] } }] }, /no device "crane-99" on this site/],
      [{ name: 'Bad Name' }, /lower-case letters/],
    ];
    for (const [change, message] of cases) {
      const reply = await call<{ error: string; code: string }>(`screens/${encodeURIComponent(change.name ?? 'cranes')}`, admin, 'POST', draft(change));
      expect(reply.status, JSON.stringify(change)).toBe(400);
      expect(reply.body.error).toMatch(message);
    }
    expect((await call<ScreenSummary[]>('screens', admin)).body.map((s) => s.name)).toEqual(['default']);
  });

  it('saves a new screen, refuses a stale overwrite with a clear message, accepts the fresh one', async () => {
    const created = await call<Screen>('screens/cranes', admin, 'POST', draft());
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'cranes', version: 1, updatedBy: 'admin' });
    // Creating it again as new (version 0) is a stale write too.
    const again = await call<{ code: string; error: string }>('screens/cranes', admin, 'POST', draft());
    expect([again.status, again.body.code]).toEqual([409, 'conflict']);
    const edited = await call<Screen>('screens/cranes', admin, 'POST', draft({ title: '塔吊与报警', version: 1 }));
    expect(edited.body.version).toBe(2);
    // A second editor who opened version 1 is refused, naming who changed it and what to do.
    const stale = await call<{ code: string; error: string; field: string }>('screens/cranes', admin, 'POST', draft({ title: 'old copy', version: 1 }));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'conflict', field: 'version' });
    expect(stale.body.error).toBe('screen "cranes" was changed by admin since you opened it (version 2, yours 1); reload it and make your change again');
    expect((await call<Screen>('screens/cranes', viewer)).body.title).toBe('塔吊与报警');
  });

  it('deletes a screen once', async () => {
    expect((await call('screens/default', admin, 'DELETE')).status).toBe(200);
    expect((await call('screens/default', admin, 'DELETE')).status).toBe(404);
    expect((await call<ScreenSummary[]>('screens', admin)).body.map((s) => [s.name, s.version])).toEqual([['cranes', 2]]);
  });
});
