/**
 * The core under fuzz: the built `serve` process with the demo site and its simulator, one user
 * per role created through the API, the ids it knows (so generated requests hit real records),
 * and the checks run between batches: alive, healthy, and every list endpoint still answering.
 */
import mqtt from 'mqtt';
import type { UserRole } from '../../electron/common/api.js';
import { craneReading, publishCraneReading } from '../helpers/crane-telemetry.js';
import { eventually } from '../helpers/eventually.js';
import { ADMIN_PASSWORD, getJson, login, loginAs, postJson, ServeProcess } from '../helpers/serve-process.js';
import { METRIC_FIELDS } from '../../electron/core/store/metrics.js';
import { ROLES, type KnownIds } from './api-cases.js';
import { creditCodeCheckCharacter } from '../../electron/core/workforce/id-rules.js';

export const FUZZ_USER_PASSWORD = 'fuzz-password-1';

export interface FuzzTarget {
  serve: ServeProcess;
  /** A session token per role. */
  tokens: Record<UserRole, string>;
  known: KnownIds;
  deviceIds: string[];
}

/** Logs in a user of every role (admin is the first-start one; the others are created here). */
export async function prepareTarget(serve: ServeProcess): Promise<FuzzTarget> {
  const admin = await login(serve.url, ADMIN_PASSWORD);
  const tokens = { admin } as Record<UserRole, string>;
  const known: Record<string, readonly string[]> = {};
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    const created = await postJson(`${serve.url}/api/users`, admin, { username: `fuzz-${role}`, password: FUZZ_USER_PASSWORD, role });
    if (created.status !== 200) throw new Error(`creating the ${role} user: ${created.status} ${JSON.stringify(created.body)}`);
    tokens[role] = await loginAs(serve.url, `fuzz-${role}`, FUZZ_USER_PASSWORD);
  }
  known['field.username'] = ROLES.map((r) => (r === 'admin' ? 'admin' : `fuzz-${r}`));
  known['field.password'] = [FUZZ_USER_PASSWORD];
  // One record of each editable kind, so ids in paths can name something that exists.
  await postJson(`${serve.url}/api/blacklist`, admin, { model: 'FZ-1', reason: 'fuzz fixture' });
  const ids = async (path: string, key = 'id'): Promise<string[]> => {
    const { status, body } = await getJson<Record<string, unknown>[] | { items?: Record<string, unknown>[] }>(`${serve.url}${path}`, admin);
    if (status !== 200) throw new Error(`${path}: ${status}`);
    const rows = Array.isArray(body) ? body : (body.items ?? []);
    return rows.map((r) => String(r[key]));
  };
  await raiseAlarms(serve);
  const deviceIds = await ids('/api/devices');
  Object.assign(known, {
    devices: deviceIds,
    telemetry: deviceIds,
    history: deviceIds,
    alarms: (await ids('/api/alarms?state=all')).slice(0, 20),
    cameras: await ids('/api/cameras'),
    blacklist: await ids('/api/blacklist'),
    'panorama-captures': await ids('/api/panorama-captures'),
    'panorama-measurements': ['1', '2'],
    'panorama-issues': ['1', '2'],
    'panorama-export': ['measurements', 'issues'],
    // Wall screens: the default one exists from first start.
    screens: ['default'],
    'history.metric': [...new Set(Object.values(METRIC_FIELDS).flat())].flatMap((m) => [m, `${m}:P1`]),
  });
  known['field.captureId'] = known['panorama-captures']!;
  known['field.pointId'] = await ids('/api/panorama-points');
  known['field.deviceId'] = deviceIds;
  known['field.device'] = deviceIds;
  // Gate push tokens are issued for the site file's gates only.
  known.gates = (await getJson<{ id: string; kind: string }[]>(`${serve.url}/api/devices`, admin)).body.filter((d) => d.kind === 'gate').map((d) => d.id);
  Object.assign(known, await workforceRegistryPools(serve.url, admin));
  // One report, so report ids in paths can name one; yesterday (site time) as a day to report on.
  const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() - 86_400_000);
  await postJson(`${serve.url}/api/reports`, admin, { kind: 'daily', from: yesterday });
  known.reports = await ids('/api/reports');
  known['field.from'] = [yesterday];
  return { serve, tokens, known, deviceIds };
}

/**
 * The real-name registry: one company, team and worker to name in paths, and values its checks
 * accept (credit codes with their check character, today's date), so the fuzzer reaches past them.
 */
async function workforceRegistryPools(url: string, admin: string): Promise<KnownIds> {
  const company = await postJson<{ id: number }>(`${url}/api/workforce/companies`, admin, { creditCode: '91110000600037341L', name: '模糊测试公司', kind: 'general' });
  const team = await postJson<{ id: number }>(`${url}/api/workforce/teams`, admin, { companyId: company.body.id, name: '模糊班' });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now());
  const worker = await postJson<{ id: number }>(`${url}/api/workforce/workers`, admin, {
    worker: { name: '模糊', idType: 'passport', idNumber: 'FZ1234567', trade: '木工' },
    membership: { companyId: company.body.id, teamId: team.body.id, enteredOn: today },
  });
  if (worker.status !== 200) throw new Error(`registering the fuzz worker: ${worker.status} ${JSON.stringify(worker.body)}`);
  const codes = Array.from({ length: 40 }, (_, i) => {
    const first17 = `9111000060003${String(1000 + i)}`;
    return first17 + creditCodeCheckCharacter(first17);
  });
  return {
    workforce: [String(worker.body.id), String(company.body.id), String(team.body.id)],
    'field.creditCode': codes,
    'field.companyId': [String(company.body.id)],
    'field.workerId': [String(worker.body.id)],
    'field.exitedOn': [today],
    'field.on': [today],
    'field.enteredOn': [today],
  };
}

/**
 * Crane overloads published on the core's embedded broker, so the alarm routes have occurrences
 * to acknowledge, shelve and comment on (the demo simulator's readings stay within limits).
 */
async function raiseAlarms(serve: ServeProcess): Promise<void> {
  const brokerUrl = (await serve.waitFor(/embedded MQTT broker listening \{"url":"([^"]+)"/))[1]!;
  const device = await mqtt.connectAsync(brokerUrl, { clientId: 'fuzz-crane' });
  try {
    for (const crane of ['crane-1', 'crane-2']) await publishCraneReading(device, crane, craneReading({ loadT: 9.6, ratedLoadT: 8, momentPct: 120, windMs: 25 }));
    const admin = await login(serve.url, ADMIN_PASSWORD);
    await eventually(() => getJson<unknown[]>(`${serve.url}/api/alarms?state=all`, admin), (r) => r.body.length >= 2, 15_000);
  } finally {
    await device.endAsync();
  }
}

/**
 * Alive, healthy, and the list endpoints still answer with what they answered before the batch:
 * random bodies on state-changing routes must not have corrupted anything.
 */
export async function checkTarget(target: FuzzTarget): Promise<void> {
  const { serve, tokens } = target;
  if (serve.exitCode !== null) throw new Error(`the core exited (${serve.exitCode}):\n${serve.output.slice(-3000)}`);
  const health = await getJson<{ status: string; services: Record<string, string> }>(`${serve.url}/api/health`);
  if (health.status !== 200 || health.body.status !== 'ok') throw new Error(`health: ${health.status} ${JSON.stringify(health.body)}`);
  const lists = ['/api/devices', '/api/alarms?state=all', '/api/blacklist', '/api/users', '/api/cameras', '/api/panorama-points', '/api/panorama-captures', '/api/panorama-issues', '/api/panorama-measurements', '/api/sites', '/api/site', '/api/site-model', '/api/alarm-kpis'];
  for (const path of lists) {
    const { status, body } = await getJson<unknown>(`${serve.url}${path}`, tokens.admin);
    if (status !== 200) throw new Error(`${path} answers ${status} after the batch: ${JSON.stringify(body).slice(0, 500)}`);
  }
  const devices = await getJson<{ id: string }[]>(`${serve.url}/api/devices`, tokens.admin);
  const now = devices.body.map((d) => d.id).sort();
  if (JSON.stringify(now) !== JSON.stringify([...target.deviceIds].sort())) throw new Error(`device list changed: ${now.join(', ')}`);
  const users = await getJson<{ username: string; role: string }[]>(`${serve.url}/api/users`, tokens.admin);
  for (const role of ROLES) {
    const name = role === 'admin' ? 'admin' : `fuzz-${role}`;
    if (!users.body.some((u) => u.username === name && u.role === role)) throw new Error(`user ${name} (${role}) is gone or changed role`);
  }
}
