import mqtt from 'mqtt';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../electron/common/alarms.js';
import type { BlacklistEntry } from '../../electron/common/api.js';
import type { DeviceView } from '../../electron/common/site.js';
import type { TelemetryRecord } from '../../electron/common/telemetry.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { getJson, login, ROOT, ServeProcess } from '../helpers/serve-process.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

afterAll(removeTempDirs);

/**
 * The demo site with the Wuhan dust preset (hourly PM10 mean > 150) and dust-2 from another
 * supplier. Readings carry device timestamps spread over the last hour, so the hourly window
 * fills at once instead of after an hour of waiting; the rule judges by reading time.
 */
function siteDir(): string {
  const dir = tempDir('sc-registry-site-');
  const site = JSON.parse(readFileSync(join(ROOT, 'resources', 'demo-site', 'site.json'), 'utf8')) as { devices: { id: string; supplier?: string }[]; alarms?: unknown };
  site.devices.find((d) => d.id === 'dust-2')!.supplier = 'Other Environmental Ltd.';
  site.alarms = { dustPreset: 'wuhan' };
  writeFileSync(join(dir, 'site.json'), JSON.stringify(site));
  return dir;
}

async function call<T>(url: string, token: string, verb: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: verb,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('device registry and blacklist through the built core and a real mosquitto', () => {
  it('admin-only edits that survive a restart; a blacklisted supplier stores data, alarms, and is left out of dust compliance', async () => {
    const broker = await MosquittoBroker.start();
    const data = tempDir();
    const site = siteDir();
    const args = ['--port', '0', '--data', data, '--site', site, '--mqtt', broker.url, '--no-simulate'];
    let serve = await ServeProcess.start(args);
    const api = (path: string) => `${serve.url}/api/${path}`;
    let admin = await login(serve.url);

    // A viewer may read but not change the registry or the blacklist.
    expect((await call(api('users'), admin, 'POST', { username: 'viewer1', password: 'viewer-password', role: 'viewer' })).status).toBe(200);
    const viewerLogin = await fetch(api('session'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'viewer1', password: 'viewer-password' }) });
    const viewer = ((await viewerLogin.json()) as { token: string }).token;
    expect((await call(api('devices/crane-1'), viewer, 'POST', { name: 'Hacked' })).status).toBe(403);
    expect((await call(api('blacklist'), viewer, 'POST', { supplier: 'X', reason: 'y' })).status).toBe(403);
    expect((await call(api('blacklist/1'), viewer, 'DELETE')).status).toBe(403);
    expect((await call(api('blacklist'), viewer, 'GET')).status).toBe(200);

    // Validation and unknown devices, in words.
    const unknown = await call<{ code: string }>(api('devices/crane-99'), admin, 'POST', { name: 'X' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not-found']);
    const badDate = await call<{ field: string; error: string }>(api('devices/crane-1'), admin, 'POST', { calibratedOn: '2026-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body).toMatchObject({ field: 'calibratedOn', error: 'calibratedOn: no such date' });

    const renamed = await call<DeviceView>(api('devices/crane-1'), admin, 'POST', { name: '1# Tower crane (north)', serial: 'TC-NEW-1', expectedIntervalS: 2 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '1# Tower crane (north)', serial: 'TC-NEW-1', expectedIntervalS: 2, model: 'QTZ125 (TC6013)' });
    const listed = await getJson<DeviceView[]>(api('devices'), admin);
    expect(listed.body.find((d) => d.id === 'crane-1')?.name).toBe('1# Tower crane (north)');

    // Restart on the same data folder: the edit is still there, and so is its change log.
    await serve.stop();
    serve = await ServeProcess.start(args);
    admin = await login(serve.url);
    const after = await getJson<DeviceView[]>(api('devices'), admin);
    expect(after.body.find((d) => d.id === 'crane-1')).toMatchObject({ name: '1# Tower crane (north)', serial: 'TC-NEW-1' });
    const detail = await getJson<{ changes: { actor: string; changes: Record<string, unknown> }[]; overridden: string[]; limits: { value: number }[] }>(api('devices/crane-1'), admin);
    expect(detail.body.changes[0]).toMatchObject({ actor: 'admin', changes: { name: { from: '1# 塔吊 QTZ125', to: '1# Tower crane (north)' } } });
    expect(detail.body.overridden).toEqual(['name', 'serial', 'expectedIntervalS']);
    expect(detail.body.limits.map((l) => l.value)).toEqual([90, 100, 110, 10.8, 13.8]);

    // Blacklist dust-1's supplier (typed differently from the site file).
    const added = await call<BlacklistEntry>(api('blacklist'), admin, 'POST', { supplier: '  demo ENVIRONMENTAL instruments', reason: 'not certified for HJ 212 data (test)' });
    expect(added.status).toBe(200);
    const devicesNow = await getJson<DeviceView[]>(api('devices'), admin);
    expect(devicesNow.body.find((d) => d.id === 'dust-1')).toMatchObject({ blacklisted: true, blacklistReason: 'not certified for HJ 212 data (test)' });
    expect(devicesNow.body.find((d) => d.id === 'dust-2')?.blacklisted).toBeUndefined();

    // One hour of PM10 at 260 µg/m³ (above Wuhan's 150 and 200) from both monitors, one a minute.
    await serve.waitFor(/connected to broker/);
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'registry-test' });
    const start = Date.now() - 60 * 60_000;
    for (let i = 0; i <= 60; i++) {
      for (const id of ['dust-1', 'dust-2']) {
        await publisher.publishAsync(`site/demo/dust/${id}/telemetry`, JSON.stringify({ ts: start + i * 60_000, pm10: 260, pm25: 40 }), { qos: 1 });
      }
    }
    const annunciated = () => getJson<Alarm[]>(api('alarms?state=all'), admin).then((r) => r.body);
    const alarms = await until(annunciated, (list) => list.some((a) => a.conditionKey === 'dust-2:pm10-1h-stop-work') && list.some((a) => a.conditionKey === 'dust-1:blacklisted'));
    const keys = alarms.map((a) => a.conditionKey);
    expect(keys).toContain('dust-2:pm10-1h-warning');
    expect(keys).toContain('dust-2:pm10-1h-stop-work');
    expect(keys.filter((k) => k.startsWith('dust-1:pm10'))).toEqual([]);
    expect(alarms.find((a) => a.conditionKey === 'dust-1:blacklisted')).toMatchObject({ priority: 'medium' });
    expect(keys).not.toContain('dust-2:blacklisted');

    // Still stored: every reading of the blacklisted monitor is in telemetry.
    const stored = await until(
      () => getJson<TelemetryRecord[]>(api(`telemetry/dust-1?from=${new Date(start - 1000).toISOString()}`), admin).then((r) => r.body),
      (rows) => rows.length === 61,
    );
    expect(stored.length).toBe(61);

    // Lifting the entry clears the device's mark.
    expect((await call(api(`blacklist/${added.body.id}`), admin, 'DELETE')).status).toBe(200);
    const cleared = await getJson<DeviceView[]>(api('devices'), admin);
    expect(cleared.body.find((d) => d.id === 'dust-1')?.blacklisted).toBeUndefined();
    expect((await call(api(`blacklist/${added.body.id}`), admin, 'DELETE')).status).toBe(404);

    await publisher.endAsync();
    await serve.stop();
    await broker.stop();
  });
});
