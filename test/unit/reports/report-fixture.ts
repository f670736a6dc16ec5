import { insertPassage } from '../../helpers/attendance-fixtures.js';
import { insertAlarm, insertCapture, insertClip, insertMinute, seedReportWorkers } from '../../helpers/report-seed.js';
import { openTestWorkforce } from '../../helpers/workforce-fixtures.js';

/** Site-local (Asia/Shanghai) instant. */
export const at = (local: string) => Date.parse(`${local}+08:00`);

/**
 * One hand-computable day, 2026-03-14 in Asia/Shanghai, with rows on both sides of its midnights:
 * weather (3 temperature minutes → min 4, max 22, mean 65/5 = 13), 3 workers with 4 admitted
 * entries (钢筋工 2, 木工 1), 2 alarms (1 critical acknowledged after 4 min, commented, cleared;
 * 1 low, never acknowledged), 1 clip, 3 captures at 2 points.
 */
export function seedReportDay() {
  const wf = openTestWorkforce();
  const { db } = wf;
  // Weather: dust-1 and dust-2; one minute the evening before must not count.
  insertMinute(db, 'dust-1', 'tempC', at('2026-03-13T23:59:00'), { count: 1, sum: -10, min: -10, max: -10 });
  insertMinute(db, 'dust-1', 'tempC', at('2026-03-14T00:00:00'), { count: 2, sum: 10, min: 4, max: 6 });
  insertMinute(db, 'dust-1', 'tempC', at('2026-03-14T14:00:00'), { count: 2, sum: 40, min: 18, max: 22 });
  insertMinute(db, 'dust-2', 'tempC', at('2026-03-14T23:59:00'), { count: 1, sum: 15, min: 15, max: 15 });
  insertMinute(db, 'dust-1', 'rh', at('2026-03-14T14:00:00'), { count: 1, sum: 55, min: 55, max: 55 });
  insertMinute(db, 'dust-1', 'windMs', at('2026-03-14T14:00:00'), { count: 1, sum: 3, min: 2, max: 7.5 });
  // A crane's metric of the same name would not be a monitor's.
  insertMinute(db, 'crane-1', 'tempC', at('2026-03-14T12:00:00'), { count: 1, sum: 99, min: 99, max: 99 });
  // Workforce.
  const [w1, w2, w3] = seedReportWorkers(wf.store, ['钢筋工', '钢筋工', '木工'], '2026-03-01') as [number, number, number];
  insertPassage(db, { workerId: w1, direction: 'in', at: '2026-03-14T08:00:00+08:00' });
  insertPassage(db, { workerId: w1, direction: 'out', at: '2026-03-14T12:00:00+08:00' });
  insertPassage(db, { workerId: w1, direction: 'in', at: '2026-03-14T13:00:00+08:00' });
  insertPassage(db, { workerId: w2, direction: 'in', at: '2026-03-14T08:10:00+08:00' });
  insertPassage(db, { workerId: w2, direction: 'in', at: '2026-03-14T08:10:02+08:00', outcome: 'duplicate' });
  insertPassage(db, { workerId: w3, direction: 'in', at: '2026-03-13T23:50:00+08:00' });
  insertPassage(db, { workerId: w3, direction: 'in', at: '2026-03-14T00:10:00+08:00' });
  // Alarms.
  insertAlarm(db, { id: 'a-prev', device: 'crane-1', priority: 'high', message: 'previous day', raisedAt: at('2026-03-13T23:00:00'), ack: { at: at('2026-03-14T00:05:00'), by: 'op' } });
  insertAlarm(db, {
    id: 'a-1',
    device: 'crane-1',
    priority: 'critical',
    message: 'Moment 104% of rated',
    raisedAt: at('2026-03-14T09:00:00'),
    ack: { at: at('2026-03-14T09:04:00'), by: 'safety1', text: '已通知司机' },
    comments: [{ at: at('2026-03-14T09:10:00'), by: 'manager1', text: '已停止吊装' }],
    clearedAt: at('2026-03-14T09:30:00'),
  });
  insertAlarm(db, { id: 'a-2', device: 'dust-1', priority: 'low', message: 'PM10 above preset', raisedAt: at('2026-03-14T23:50:00') });
  insertClip(db, 'a-1', 'cam-1-20260314T010000000Z.mp4', at('2026-03-14T08:59:50'));
  // Panoramas.
  insertCapture(db, 'pc-0000000000000000', 'P1', at('2026-03-13T18:00:00'));
  insertCapture(db, 'pc-0000000000000001', 'P1', at('2026-03-14T10:00:00'));
  insertCapture(db, 'pc-0000000000000002', 'P1', at('2026-03-14T15:00:00'));
  insertCapture(db, 'pc-0000000000000003', 'P2', at('2026-03-14T11:00:00'));
  return wf;
}

export const MONITORS = () => [
  { id: 'dust-1', name: '扬尘监测仪1' },
  { id: 'dust-2', name: '扬尘监测仪2' },
];
export const DEVICE_NAMES: Record<string, string> = { 'crane-1': '1号塔吊', 'dust-1': '扬尘监测仪1' };
export const POINT_NAMES: Record<string, string> = { P1: '1号楼东侧', P2: '2号楼北侧' };
