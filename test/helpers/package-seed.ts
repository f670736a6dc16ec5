import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlarmStore } from '../../electron/core/alarms/alarm-store.js';
import { AUDIT_COLUMNS, GENESIS_HASH, entryHash, type AuditEntry } from '../../electron/core/alarms/audit-chain.js';
import { fixedAuditKey } from '../../electron/core/alarms/audit-key.js';
import type { Database } from '../../electron/core/store/database.js';
import { siteInstant } from '../../electron/core/workforce/attendance-clock.js';
import { alarmEventsOf } from './alarm-events.js';
import { insertCapture, insertClip, insertMinute } from './report-seed.js';

/** The audit key the seeded chain is written with (put it in the core's vault to have the site's check pass). */
export const PACKAGE_SEED_AUDIT_KEY = Buffer.alloc(32, 5);

/**
 * One site day of every kind of record a data package carries, small enough to seed in
 * milliseconds: alarm audit rows (3 written before the HMAC key existed — plain SHA-256, the part
 * an offline verifier can recompute — then keyed rows through the alarm store), day statistics,
 * attendance, gate passages, telemetry minutes, an evidence clip, a rectification notice answered
 * with a photo, a panorama capture — with their files under `dataDir`.
 */
export function seedPackageDay(db: Database, dataDir: string, day: string, tz: string): void {
  const at = (minute: number) => siteInstant(day, minute, tz);
  // Rows from before the key: plain sha256 chain (as databases before the keyed chain have).
  const ins = db.prepare(`INSERT INTO alarm_audit (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= 3; seq++) {
    const entry: AuditEntry = { seq, at: at(400 + seq), type: 'commented', alarmId: 'old-1', conditionKey: 'crane-1:load:high', sourceDevice: 'crane-1', priority: 'high', actor: 'safety1', actorRole: 'safety', text: `note ${seq}`, state: 'ack-active', detail: {} };
    const hash = entryHash(prev, entry);
    ins.run(seq, entry.at, entry.type, entry.alarmId, entry.conditionKey, entry.sourceDevice, entry.priority, entry.actor, entry.actorRole, entry.text, entry.state, '{}', prev, hash);
    prev = hash;
  }
  // As in a database upgraded from before the keyed chain: the switch-over after the old rows.
  db.prepare('UPDATE audit_chain SET keyed_from_seq = 4 WHERE id = 1 AND switch_mac IS NULL').run();
  const store = new AlarmStore(db, { keys: fixedAuditKey(PACKAGE_SEED_AUDIT_KEY), autoFlush: false });
  for (let i = 0; i < 8; i++) {
    const raisedAt = at(480 + i * 30);
    for (const e of alarmEventsOf({ id: `pkg-${i}`, conditionKey: `crane-1:moment:overload`, sourceDevice: 'crane-1', priority: 'high', raisedAt, ackedAt: raisedAt + 20_000, ackedBy: 'safety1', clearedAt: raisedAt + 60_000 })) store.enqueue(e);
  }
  while (store.getStats().queued > 0) store.flush();
  db.prepare("INSERT INTO stat_daily (metric, dim, day, count, sum, min, max) VALUES ('alarms', 'site', ?, 8, 8, NULL, NULL)").run(day);
  db.prepare('INSERT INTO stat_presence (day, worker_id, team_id, company_id, first_in) VALUES (?, 1, 1, 1, ?), (?, 2, 1, 1, ?)').run(day, at(420), day, at(425));
  const passage = db.prepare("INSERT INTO wf_passages (event_key, gate_id, worker_id, credential_kind, direction, at, received, outcome) VALUES (?, 'gate-1', NULL, 'card', ?, ?, ?, 'admitted')");
  for (let i = 0; i < 6; i++) passage.run(`g-${day}-${i}`, i % 2 ? 'out' : 'in', at(420 + i * 60), at(420 + i * 60));
  for (let m = 0; m < 120; m += 5) insertMinute(db, 'dust-1', 'pm10', at(600 + m), { count: 1, sum: 60 + m / 10, min: 60, max: 70 });
  mkdirSync(join(dataDir, 'clips'), { recursive: true });
  writeFileSync(join(dataDir, 'clips', 'cam-1-pkg.mp4'), Buffer.alloc(3000, 9));
  insertClip(db, 'pkg-0', 'cam-1-pkg.mp4', at(480));
  mkdirSync(join(dataDir, 'quality', 'photos'), { recursive: true });
  writeFileSync(join(dataDir, 'quality', 'photos', 'q-abc123.jpg'), Buffer.alloc(1500, 3));
  db.prepare(
    "INSERT INTO q_notices (id, number, origin, state, source, company_id, due_date, description, photos, raised_by, raised_at, updated_at) VALUES (1, 'ZG-1', 'site', 'answered', '{\"kind\":\"manual\"}', 1, ?, '临边防护缺失', '[]', 'safety1', ?, ?)",
  ).run(day, at(540), at(700));
  db.prepare("INSERT INTO q_notice_log (notice_id, action, state, actor, actor_role, at, text, photos) VALUES (1, 'answer', 'answered', 'foreman', 'manager', ?, '已整改', '[\"q-abc123.jpg\"]')").run(at(700));
  insertCapture(db, 'pc-pkg1', 'P1', at(660));
  mkdirSync(join(dataDir, 'panoramas', 'captures', 'pc-pkg1'), { recursive: true });
  writeFileSync(join(dataDir, 'panoramas', 'captures', 'pc-pkg1', 'original.jpg'), Buffer.alloc(4000, 1));
}
