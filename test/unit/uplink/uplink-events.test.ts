import { afterEach, describe, expect, it } from 'vitest';
import type { Alarm } from '../../../electron/common/alarms.js';
import type { DeviceView } from '../../../electron/common/site.js';
import { closeDatabase, openDatabase, type Database } from '../../../electron/core/store/database.js';
import { buildSiteSummary } from '../../../electron/core/uplink/site-summary.js';
import { UplinkEventFeed } from '../../../electron/core/uplink/uplink-events.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

let db: Database;
afterEach(() => {
  closeDatabase(db);
  removeTempDirs();
});

const HOUR = 3_600_000;
const noon = Date.UTC(2026, 11, 6, 4); // 12:00 in Asia/Shanghai

/** An hour judged by the statistics fold: its row, and the device's mark moved past it (as env-fold.ts does). */
function envHour(device: string, hour: number, over: 0 | 1) {
  db.prepare(`INSERT INTO stat_env_hours (device_id, pollutant, hour, day, mean, minutes, source, limit_value, over) VALUES (?, 'pm10', ?, '2026-12-06', ?, 60, 'minute-rollups', 150, ?)`).run(device, hour, over ? 180 : 90, over);
  db.prepare('INSERT INTO stat_watermarks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)').run(`env:${device}`, hour + HOUR);
}

function notice(number: string, due: string, state = 'raised'): number {
  const id = Number(
    db
      .prepare(`INSERT INTO q_notices (number, state, source, company_id, due_date, description, raised_by, raised_at, updated_at) VALUES (?, ?, '{}', 1, ?, '脚手架连墙件缺失', 'qa', ?, ?)`)
      .run(number, state, due, noon, noon).lastInsertRowid,
  );
  db.prepare(`INSERT INTO q_notice_log (notice_id, action, state, actor, actor_role, at) VALUES (?, 'raise', ?, 'qa', 'safety', ?)`).run(id, state, noon);
  return id;
}

describe('UplinkEventFeed', () => {
  it('sends each exceedance hour and notice step once, from what is new after it starts, also after a restart', () => {
    db = openDatabase(tempDir());
    envHour('dust-1', noon - 3 * HOUR, 1); // before the feed existed: not backfilled
    notice('ZG-001', '2026-12-10');
    const sent: Array<{ kind: string; body: Record<string, unknown> }> = [];
    const feed = () => new UplinkEventFeed(db, (kind, body) => sent.push({ kind, body: body as unknown as Record<string, unknown> }), (id) => (id === 'dust-1' ? '扬尘 1' : id));
    expect(feed().poll()).toBe(0);
    envHour('dust-1', noon - 2 * HOUR, 0);
    envHour('dust-1', noon - HOUR, 1);
    notice('ZG-002', '2026-12-08');
    expect(feed().poll()).toBe(2);
    expect(feed().poll()).toBe(0); // a new feed object (a restart) reads the stored watermarks
    expect(sent).toEqual([
      { kind: 'exceedance', body: { deviceId: 'dust-1', deviceName: '扬尘 1', quantity: 'pm10', value: 180, limit: 150, unit: 'µg/m³', hourStart: noon - HOUR } },
      { kind: 'rectification', body: { noticeId: 'ZG-002', title: '脚手架连墙件缺失', state: 'raised', dueDate: '2026-12-08', at: noon } },
    ]);
  });
});

describe('UplinkEventFeed with several monitors', () => {
  it('sends a monitor\'s hour judged late (after another monitor\'s newer hours), and the first hours of a monitor added later', () => {
    db = openDatabase(tempDir());
    envHour('dust-1', noon - 4 * HOUR, 0);
    const sent: number[][] = [];
    const feed = () => new UplinkEventFeed(db, (_kind, body) => sent.push([Number((body as { deviceId: string }).deviceId.slice(-1)), (body as { hourStart: number }).hourStart]), (id) => id);
    expect(feed().poll()).toBe(0);
    envHour('dust-1', noon - HOUR, 1);
    envHour('dust-2', noon - 3 * HOUR, 1); // a monitor first judged after the feed started
    expect(feed().poll()).toBe(2);
    // dust-2's data came late: its hour before dust-1's newest is judged now.
    envHour('dust-2', noon - 2 * HOUR, 1);
    envHour('dust-1', noon - 2 * HOUR + 1, 0);
    expect(feed().poll()).toBe(1);
    expect(feed().poll()).toBe(0);
    expect(sent).toEqual([
      [1, noon - HOUR],
      [2, noon - 3 * HOUR],
      [2, noon - 2 * HOUR],
    ]);
  });
});

describe('buildSiteSummary', () => {
  it('counts open alarms by priority, overdue notices, device states and certificate problems for the site day', () => {
    db = openDatabase(tempDir());
    notice('ZG-003', '2026-12-05'); // due yesterday (site day): overdue
    notice('ZG-004', '2026-12-06'); // due today: not yet
    notice('ZG-005', '2026-12-01', 'closed');
    envHour('dust-1', noon - HOUR, 1);
    envHour('dust-1', noon - 2 * HOUR, 0);
    const alarm = (priority: Alarm['priority'], state: Alarm['state'], conditionKey = 'crane-1:moment') => ({ priority, state, conditionKey }) as Alarm;
    const device = (id: string, kind: DeviceView['kind'], status: DeviceView['status'], blacklisted = false) => ({ id, kind, status, blacklisted }) as DeviceView;
    const summary = buildSiteSummary(db, {
      timeZone: () => 'Asia/Shanghai',
      alarms: () => [alarm('critical', 'unack-active'), alarm('high', 'ack-active'), alarm('medium', 'normal'), alarm('medium', 'unack-active', 'workforce:certificate:7:electrician')],
      devices: () => [device('crane-1', 'crane', 'online'), device('dust-1', 'dust', 'offline'), device('dust-2', 'dust', 'online', true)],
      headcount: () => ({ total: 120, managers: 4 }),
      consoleUrl: 'https://site.example:8420',
      now: () => noon,
    });
    expect(summary).toMatchObject({
      day: '2026-12-06',
      openAlarms: { critical: 1, high: 1, medium: 1, low: 0 },
      certificateProblems: 1,
      overdueRectifications: 1,
      dustExceedancesToday: 1,
      dustComplianceRate: 0.5,
      headcount: 120,
      managersPresent: 4,
      attendanceRate: null,
      devicesOffline: 1,
      devicesTotal: 3,
      blacklistedDevicesInUse: 1,
      consoleUrl: 'https://site.example:8420',
    });
  });
});
