import type { IntervalKind, IntervalSeries, IntervalValue } from '../../common/intervals.js';
import type { Database } from './database.js';

interface Row {
  data_time: number;
  code: string;
  avg: number | null;
  min: number | null;
  max: number | null;
  cou: number | null;
  flag: string | null;
  received: number;
}

/** Reads stored interval records of one device and kind, one range scan on the table's primary key. */
export class IntervalQuery {
  private readonly range;

  constructor(db: Database) {
    this.range = db.prepare<[string, string, number, number], Row>(
      `SELECT data_time, code, avg, min, max, cou, flag, received FROM interval_aggregates
        WHERE device_id = ? AND kind = ? AND data_time >= ? AND data_time <= ?
        ORDER BY data_time, code`,
    );
  }

  /** Records with a DataTime in [from, to] (UTC epoch ms), oldest first, pollutants by code. */
  between(deviceId: string, kind: IntervalKind, from: number, to: number): IntervalSeries {
    const records: IntervalSeries['records'] = [];
    let current: IntervalSeries['records'][number] | undefined;
    for (const row of this.range.iterate(deviceId, kind, from, to)) {
      if (current?.dataTime !== row.data_time) {
        current = { dataTime: row.data_time, receivedAt: row.received, values: [] };
        records.push(current);
      }
      // Codes of one interval may arrive in separate frames (a re-send with fewer codes): the latest receipt counts.
      current.receivedAt = Math.max(current.receivedAt, row.received);
      const value: IntervalValue = { code: row.code, avg: row.avg, min: row.min, max: row.max, cou: row.cou, flag: row.flag };
      current.values.push(value);
    }
    return { deviceId, kind, from, to, records };
  }
}
