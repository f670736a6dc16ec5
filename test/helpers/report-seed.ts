import { createHash } from 'node:crypto';
import type { Database } from '../../electron/core/store/database.js';
import type { WorkforceStore } from '../../electron/core/workforce/workforce-store.js';
import { insertPassage } from './attendance-fixtures.js';
import { testIdNumber } from './workforce-fixtures.js';

/**
 * Rows the report sections read, written straight into SQLite (the paths that write them in
 * production — rollups, the alarm engine, evidence recorder, panorama ingest — are tested on
 * their own): one-minute rollups, alarm audit events, evidence clips, panorama captures, gate
 * passages. Audit rows carry placeholder hashes: the sections read the events, not the chain.
 */
let auditSeq = 0;

export function insertMinute(db: Database, device: string, metric: string, minute: number, v: { count: number; sum: number; min: number; max: number }): void {
  db.prepare('INSERT OR REPLACE INTO telemetry_minute (device_id, metric, minute, count, sum, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)').run(device, metric, minute, v.count, v.sum, v.min, v.max);
}

export interface SeedAlarm {
  id: string;
  device: string;
  priority: 'critical' | 'high' | 'medium' | 'low';
  message: string;
  raisedAt: number;
  ack?: { at: number; by: string; text?: string };
  comments?: Array<{ at: number; by: string; text: string }>;
  clearedAt?: number;
}

export function insertAlarm(db: Database, a: SeedAlarm): void {
  const max = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS m FROM alarm_audit').get() as { m: number }).m;
  auditSeq = Math.max(auditSeq, max);
  const ins = db.prepare('INSERT INTO alarm_audit (seq, at, event_type, alarm_id, condition_key, source_device, priority, actor, actor_role, text, state, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const row = (type: string, at: number, actor: string, text: string | null, state: string) => {
    const seq = ++auditSeq;
    ins.run(seq, at, type, a.id, `${a.device}:q:${a.priority}`, a.device, a.priority, actor, actor === 'system' ? 'system' : 'safety', text, state, JSON.stringify({ message: a.message }), '0'.repeat(64), createHash('sha256').update(String(seq)).digest('hex'));
  };
  row('activated', a.raisedAt, 'system', null, 'unack-active');
  if (a.ack) row('acknowledged', a.ack.at, a.ack.by, a.ack.text ?? null, 'ack-active');
  for (const c of a.comments ?? []) row('commented', c.at, c.by, c.text, 'ack-active');
  if (a.clearedAt !== undefined) row('returned-to-normal', a.clearedAt, 'system', null, 'normal');
}

export function insertClip(db: Database, alarmId: string, file: string, startedAt: number): void {
  db.prepare('INSERT INTO alarm_clips (alarm_id, condition_key, camera_id, file, started_at, duration_s, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(alarmId, 'k', 'cam-1', file, startedAt, 30, 1000, startedAt);
}

export function insertCapture(db: Database, id: string, pointId: string | null, capturedAt: number): void {
  db.prepare(
    "INSERT INTO panorama_captures (id, sha256, point_id, assigned_by, source, original_name, format, width, height, bytes, captured_at, ingested_at, state) VALUES (?, ?, ?, 'hand', 'upload', 'x.jpg', 'jpeg', 8000, 4000, 1, ?, ?, 'ready')",
  ).run(id, createHash('sha256').update(id).digest('hex'), pointId, capturedAt, capturedAt);
}

/** Companies and workers (trade per worker) through the workforce store; returns worker ids. */
export function seedReportWorkers(store: WorkforceStore, trades: string[], enteredOn: string): number[] {
  return store.transaction(() => {
    const a = store.createCompany({ creditCode: '91320100MA1X000001', name: '江苏华建劳务有限公司', kind: 'labour-sub' });
    const b = store.createCompany({ creditCode: '91320100MA1X000002', name: '南通恒达建筑安装公司', kind: 'sub' });
    return trades.map((trade, i) => {
      const id = store.createWorker({ name: `工人${i + 1}`, idType: 'mainland', idNumber: testIdNumber(2000 + i), trade });
      store.enter({ workerId: id, companyId: i % 2 === 0 ? a : b, enteredOn });
      return id;
    });
  });
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * A busy site for the report bench, sized like the (the data the report's own sections
 * read): `days` days ending `endDay` (Asia/Shanghai) with 4 dust monitors' minute rollups
 * (temperature, humidity, wind and PM10), 500 workers' gate passages a day, about
 * 5,000 alarms a month with their audit events (acks, comments, clears) and clips, and a few
 * panorama captures a day.
 */
export function seedReportBusySite(db: Database, store: WorkforceStore, o: { days: number; endDay: string; seed?: number }): void {
  let s = o.seed ?? 1;
  const rand = () => ((s = (s * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
  const trades = ['钢筋工', '木工', '混凝土工', '架子工', '水电工', '塔吊司机', '信号工', '普工'];
  const workers = seedReportWorkers(store, Array.from({ length: 500 }, (_, i) => trades[i % trades.length]!), '2020-01-01');
  const end = Date.parse(`${o.endDay}T00:00:00+08:00`) + DAY;
  const start = end - o.days * DAY;
  const monitors = ['dust-1', 'dust-2', 'dust-3', 'dust-4'];
  const rollup = db.prepare('INSERT OR REPLACE INTO telemetry_minute (device_id, metric, minute, count, sum, min, max) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const devices = ['crane-1', 'crane-2', 'hoist-1', ...monitors];
  const priorities = ['critical', 'high', 'medium', 'low'] as const;
  let alarmNo = 0;
  for (let day = start; day < end; day += DAY) {
    db.transaction(() => {
      for (let m = day; m < day + DAY; m += MINUTE) {
        const hour = ((m - day) / 3_600_000) | 0;
        for (const d of monitors) {
          const t = 8 + 8 * Math.sin(((hour - 8) / 24) * 2 * Math.PI) + rand();
          const values: Array<[string, number]> = [['tempC', t], ['rh', 60 - t + rand() * 5], ['windMs', 1 + rand() * 4], ['pm10', 60 + rand() * 40]];
          for (const [metric, v] of values) rollup.run(d, metric, m, 60, v * 60, v - 0.5, v + 0.5);
        }
      }
      for (const [i, w] of workers.entries()) {
        if ((i + day / DAY) % 9 === 0) continue;
        const inAt = day + 7.5 * 3_600_000 + ((i * 37) % 3_600) * 1000;
        insertPassage(db, { workerId: w, direction: 'in', at: inAt });
        insertPassage(db, { workerId: w, direction: 'out', at: inAt + 9.5 * 3_600_000 });
      }
      for (let k = 0; k < 167; k++) {
        const raisedAt = day + Math.floor(rand() * (DAY - 2 * 3_600_000));
        const id = `al-${++alarmNo}`;
        insertAlarm(db, {
          id,
          device: devices[alarmNo % devices.length]!,
          priority: priorities[alarmNo % 4]!,
          message: alarmNo % 2 ? 'Moment 96% of rated (limit 90%)' : 'PM10 exceeds the preset',
          raisedAt,
          ack: { at: raisedAt + (1 + (alarmNo % 9)) * MINUTE, by: 'safety1', text: alarmNo % 3 ? '已通知司机' : undefined },
          comments: alarmNo % 5 ? [] : [{ at: raisedAt + 20 * MINUTE, by: 'safety1', text: '现场已整改' }],
          clearedAt: raisedAt + 30 * MINUTE,
        } as SeedAlarm);
        if (alarmNo % 10 === 0) insertClip(db, id, `cam-1-${id}.mp4`, raisedAt - 10_000);
      }
      for (let c = 0; c < 3; c++) insertCapture(db, `pc-${(day / DAY).toString(16).padStart(12, '0')}${c.toString(16).padStart(4, '0')}`, `P${c + 1}`, day + (9 + c) * 3_600_000);
    })();
  }
}
