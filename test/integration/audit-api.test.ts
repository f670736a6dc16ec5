import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditArchiveView, AuditEntryView, AuditVerifyProgress } from '../../electron/common/api.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { MosquittoBroker } from '../helpers/mosquitto.js';
import { ServeProcess, getJson, login, loginAs, postJson } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

let broker: MosquittoBroker;
let serve: ServeProcess;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  broker = await MosquittoBroker.start();
  const site = writeSiteFile({ id: 'demo', name: 'Audit API test', devices: [{ id: 'crane-1', kind: 'crane', name: 'C1', expectedIntervalS: 600 }] });
  serve = await ServeProcess.start(['--port', '0', '--data', tempDir(), '--site', site, '--mqtt', broker.url]);
  await serve.waitFor(/connected to broker/);
  tokens['admin'] = await login(serve.url);
  for (const role of ['operator', 'viewer', 'safety', 'manager']) {
    const created = await postJson(`${serve.url}/api/users`, tokens['admin'], { username: `${role}1`, password: 'password-123', role });
    expect(created.status).toBe(200);
    tokens[role] = await loginAs(serve.url, `${role}1`, 'password-123');
  }
  const crane = await mqtt.connectAsync(broker.url, { clientId: 'crane-audit' });
  await publishCraneReading(crane, 'crane-1', craneReading({ loadT: 9.5, ratedLoadT: 8, momentPct: 118 }));
  await crane.endAsync();
}, 40_000);

afterAll(async () => {
  await serve?.stop();
  await broker?.stop();
  removeTempDirs();
});

describe('audit API', () => {
  it('refuses verification and the audit list to operators, viewers and managers', async () => {
    for (const role of ['operator', 'viewer', 'manager']) {
      expect((await getJson(`${serve.url}/api/audit/verify`, tokens[role])).status, role).toBe(403);
      expect((await postJson(`${serve.url}/api/audit/verify`, tokens[role]!, {})).status, role).toBe(403);
      expect((await getJson(`${serve.url}/api/audit`, tokens[role])).status, role).toBe(403);
      expect((await getJson(`${serve.url}/api/audit/archives`, tokens[role])).status, role).toBe(403);
    }
  });

  it('lets safety and admin start a job, share it and read its result', async () => {
    for (const role of ['safety', 'admin']) {
      const started = await postJson<AuditVerifyProgress>(`${serve.url}/api/audit/verify`, tokens[role]!, {});
      expect(started.status, role).toBe(200);
      let progress = started.body;
      for (let i = 0; i < 100 && progress.state !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        progress = (await getJson<AuditVerifyProgress>(`${serve.url}/api/audit/verify`, tokens[role])).body;
      }
      expect(progress).toMatchObject({ state: 'done', result: { ok: true, firstSeq: 1 } });
      expect(progress.result!.ok && progress.result!.rows).toBeGreaterThanOrEqual(2);
      expect(progress.checked).toBe(progress.total);
    }
  });

  it('lists the whole audit log newest first, and no archives yet', async () => {
    const list = await getJson<AuditEntryView[]>(`${serve.url}/api/audit?limit=5`, tokens['safety']);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    expect(list.body[0]!.seq).toBeGreaterThan(list.body[1]!.seq);
    expect((await getJson<AuditArchiveView[]>(`${serve.url}/api/audit/archives`, tokens['admin'])).body).toEqual([]);
  });
});
