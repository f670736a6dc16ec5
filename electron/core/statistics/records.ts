/**
 * The records behind one bar of a figure (drill-down): the alarms behind "crane-1 overloads in
 * November" with who drove and how long until acknowledged, a crane's lifts, the hours a monitor
 * was over its limit, a hoist's trips, a device's offline periods, the workers present, the panorama captures. Read from the statistics read
 * models (indexed by day), capped at MAX_STAT_RECORDS. Times (raisedAt, startedAt, hour, firstIn,
 * at, endedAt) are UTC epoch ms; the console shows them in the site's time.
 */
import { ApiError } from '../../common/api/errors.js';
import { MAX_STAT_RECORDS, STAT_PRIORITIES, type ResolvedStatPeriod, type StatColumn, type StatFigureId, type StatRecords } from '../../common/statistics.js';
import type { Database } from '../store/database.js';
import { siteInstant } from '../workforce/attendance-clock.js';

type Row = Record<string, string | number | null>;

const ALARM_COLUMNS: StatColumn[] = [
  { key: 'alarmId', label: '报警编号 / alarm' },
  { key: 'raisedAt', label: '发生时间 / raised' },
  { key: 'device', label: '设备 / device' },
  { key: 'quantity', label: '类型 / condition' },
  { key: 'priority', label: '优先级 / priority' },
  { key: 'operator', label: '司机 / operator' },
  { key: 'value', label: '数值 / value' },
  { key: 'ackSeconds', label: '确认用时 / to acknowledge', unit: 's' },
  { key: 'ackedBy', label: '确认人 / acknowledged by' },
  { key: 'clearSeconds', label: '恢复用时 / to clear', unit: 's' },
];
const LIFT_COLUMNS: StatColumn[] = [
  { key: 'startedAt', label: '开始 / started' },
  { key: 'device', label: '塔吊 / crane' },
  { key: 'operator', label: '司机 / operator' },
  { key: 'durationS', label: '时长 / duration', unit: 's' },
  { key: 'peakLoadT', label: '最大吊重 / peak load', unit: 't' },
  { key: 'peakMomentPct', label: '最大力矩 / peak moment', unit: '%' },
];
const TRIP_COLUMNS: StatColumn[] = [
  { key: 'startedAt', label: '开始 / started' },
  { key: 'endedAt', label: '结束 / ended' },
  { key: 'device', label: '升降机 / hoist' },
  { key: 'driver', label: '司机 / driver' },
  { key: 'fromFloor', label: '起始楼层 / from floor' },
  { key: 'toFloor', label: '到达楼层 / to floor' },
  { key: 'people', label: '载人 / people' },
];
const OFFLINE_COLUMNS: StatColumn[] = [
  { key: 'device', label: '设备 / device' },
  { key: 'startedAt', label: '离线开始 / offline from' },
  { key: 'endedAt', label: '恢复 / back at' },
  { key: 'durationS', label: '离线时长（本期内）/ offline in period', unit: 's' },
];
const HOUR_COLUMNS: StatColumn[] = [
  { key: 'hour', label: '小时 / hour' },
  { key: 'device', label: '监测点 / monitor' },
  { key: 'pollutant', label: '项目 / pollutant' },
  { key: 'mean', label: '小时均值 / hourly mean' },
  { key: 'limit', label: '限值 / limit' },
  { key: 'over', label: '超标 / over (1)' },
  { key: 'source', label: '来源 / source' },
];

interface AlarmFilter {
  sql: string;
  params: (string | number)[];
}

export class StatRecordsReader {
  constructor(
    private readonly db: Database,
    private readonly hasDevice: (id: string) => boolean,
    /** The devices serving a building now (null: no such building). */
    private readonly devicesOfBuilding: (building: string) => string[] | null = () => null,
  ) {}

  records(figure: StatFigureId, p: ResolvedStatPeriod, rowKey: string, column: string | null): StatRecords {
    const base = { figure, rowKey, column };
    switch (figure) {
      case 'alarms-by-day': {
        if (!p.days.includes(rowKey)) throw new ApiError('bad-request', `${rowKey} is not a day of the period ${p.from}…${p.to}`, 'row');
        const byPriority = column && (STAT_PRIORITIES as readonly string[]).includes(column);
        return { ...base, ...this.alarms({ sql: `day = ?${byPriority ? ' AND priority = ?' : ''}`, params: byPriority ? [rowKey, column] : [rowKey] }, p, false) };
      }
      case 'alarms-by-quantity':
        return { ...base, ...this.alarms({ sql: 'quantity = ?', params: [rowKey] }, p) };
      case 'alarm-response':
        this.checkPriority(rowKey);
        return { ...base, ...this.alarms({ sql: column === 'acked' ? 'priority = ? AND acked_at IS NOT NULL' : 'priority = ?', params: [rowKey] }, p) };
      case 'by-building':
        return { ...base, ...this.building(rowKey, column, p) };
      case 'crane-use':
      case 'crane-operators':
      case 'hoist-use': {
        const [device = '', operator] = rowKey.split('|');
        if (!this.hasDevice(device)) throw new ApiError('not-found', `no device "${device}" on this site`, 'row');
        const byOperator = figure === 'crane-operators';
        if (figure === 'hoist-use' && column !== 'overloads') return { ...base, ...this.hoistTrips([device], p) };
        if (column === 'lifts') return { ...base, ...this.lifts(device, byOperator ? (operator ?? '') : undefined, p) };
        const category = column === 'collisions' ? 'collision' : 'overload';
        const deviceSql = category === 'collision' ? "(condition_key LIKE ? || '~%' OR condition_key LIKE '%~' || ? || ':%')" : 'source_device = ?';
        const params: (string | number)[] = category === 'collision' ? [category, device, device] : [category, device];
        let sql = `category = ? AND ${deviceSql}`;
        if (byOperator) {
          sql += " AND coalesce(operator_id, '') = ?";
          params.push(operator ?? '');
        }
        return { ...base, ...this.alarms({ sql, params }, p) };
      }
      case 'dust-daily': {
        if (!p.days.includes(rowKey)) throw new ApiError('bad-request', `${rowKey} is not a day of the period ${p.from}…${p.to}`, 'row');
        const pollutant = column === 'noiseNight' ? 'noise' : column && ['pm10', 'pm25', 'tsp', 'noise'].includes(column) ? column : null;
        const onlyOver = column === 'dustHoursOver' || column === 'noiseHoursOver';
        let sql = 'SELECT hour, device_id AS device, pollutant, round(mean, 1) AS mean, limit_value AS "limit", over, source FROM stat_env_hours WHERE day = ?';
        const params: (string | number)[] = [rowKey];
        if (pollutant) {
          sql += ' AND pollutant = ?';
          params.push(pollutant);
        }
        if (onlyOver) sql += column === 'noiseHoursOver' ? " AND over = 1 AND pollutant = 'noise'" : " AND over = 1 AND pollutant <> 'noise'";
        return { ...base, columns: HOUR_COLUMNS, ...this.capped(sql + ' ORDER BY hour, device_id, pollutant', params) };
      }
      case 'attendance-by-team': {
        const team = Number(rowKey);
        if (!Number.isInteger(team)) throw new ApiError('bad-request', `"${rowKey}" is not a team id`, 'row');
        return {
          ...base,
          columns: [
            { key: 'day', label: '日期 / day' },
            { key: 'workerId', label: '工人编号 / worker id' },
            { key: 'name', label: '姓名 / name' },
            { key: 'firstIn', label: '首次进场 / first in' },
          ],
          ...this.capped(
            `SELECT p.day, p.worker_id AS workerId, w.name, p.first_in AS firstIn FROM stat_presence p JOIN wf_workers w ON w.id = p.worker_id
              WHERE p.day >= ? AND p.day <= ? AND p.team_id = ? ORDER BY p.day, w.name`,
            [p.from, p.to, team],
          ),
        };
      }
      case 'panorama-captures': {
        if (!p.days.includes(rowKey)) throw new ApiError('bad-request', `${rowKey} is not a day of the period ${p.from}…${p.to}`, 'row');
        return {
          ...base,
          columns: [
            { key: 'captureId', label: '全景 / capture' },
            { key: 'point', label: '采集点 / point' },
            { key: 'at', label: '时间 / at' },
          ],
          ...this.capped(
            `SELECT id AS captureId, point_id AS point, coalesce(captured_at, ingested_at) AS at FROM panorama_captures
              WHERE coalesce(captured_at, ingested_at) >= ? AND coalesce(captured_at, ingested_at) < ? ORDER BY at`,
            [siteInstant(rowKey, 0, p.timeZone), siteInstant(rowKey, 1440, p.timeZone)],
          ),
        };
      }
      case 'device-uptime': {
        if (!this.hasDevice(rowKey)) throw new ApiError('not-found', `no device "${rowKey}" on this site`, 'row');
        // Periods overlapping the asked one, clipped to it (an outage from yesterday 22:00 counts its part of today).
        return {
          ...base,
          columns: OFFLINE_COLUMNS,
          ...this.capped(
            `SELECT device_id AS device, started_at AS startedAt, ended_at AS endedAt,
                    round((min(ended_at, ?) - max(started_at, ?)) / 1000.0) AS durationS
               FROM stat_offline WHERE device_id = ? AND started_at < ? AND ended_at > ? ORDER BY started_at`,
            [p.endMs, p.startMs, rowKey, p.endMs, p.startMs],
          ),
        };
      }
    }
  }

  /**
   * The records behind a building's bar, read by the devices that serve it now (the read models
   * keep the device, not the building: a device moved in the site file takes its records along).
   */
  private building(building: string, column: string | null, p: ResolvedStatPeriod): { columns: StatColumn[]; rows: Row[]; truncated: boolean } {
    const devices = this.devicesOfBuilding(building);
    if (devices === null) throw new ApiError('not-found', `no building "${building}" in the site model`, 'row');
    const list = devices.length > 0 ? devices : [''];
    const marks = list.map(() => '?').join(', ');
    switch (column) {
      case 'lifts':
        return {
          columns: LIFT_COLUMNS,
          ...this.capped(
            `SELECT started_at AS startedAt, device_id AS device, operator_id AS operator, round((ended_at - started_at) / 1000.0) AS durationS,
                    round(peak_load_t, 2) AS peakLoadT, round(peak_moment_pct, 1) AS peakMomentPct
               FROM stat_lifts WHERE day >= ? AND day <= ? AND device_id IN (${marks}) ORDER BY started_at`,
            [p.from, p.to, ...list],
          ),
        };
      case 'dustHoursOver':
        return {
          columns: HOUR_COLUMNS,
          ...this.capped(
            `SELECT hour, device_id AS device, pollutant, round(mean, 1) AS mean, limit_value AS "limit", over, source FROM stat_env_hours
              WHERE day >= ? AND day <= ? AND over = 1 AND pollutant <> 'noise' AND device_id IN (${marks}) ORDER BY hour, device_id, pollutant`,
            [p.from, p.to, ...list],
          ),
        };
      case 'overloads':
        return this.alarms({ sql: `category = 'overload' AND source_device IN (${marks})`, params: list }, p);
      case 'collisions': {
        const either = list.map(() => "(condition_key LIKE ? || '~%' OR condition_key LIKE '%~' || ? || ':%')").join(' OR ');
        return this.alarms({ sql: `category = 'collision' AND (${either})`, params: list.flatMap((d) => [d, d]) }, p);
      }
      case 'hoistTrips':
        return this.hoistTrips(list, p);
      case 'alarms':
      case null:
        return this.alarms({ sql: `source_device IN (${marks})`, params: list }, p);
      default:
        throw new ApiError('bad-request', `"${column}" is not a column of by-building (alarms, overloads, collisions, lifts, hoistTrips, dustHoursOver)`, 'column');
    }
  }

  private hoistTrips(devices: string[], p: ResolvedStatPeriod): { columns: StatColumn[]; rows: Row[]; truncated: boolean } {
    const marks = devices.map(() => '?').join(', ');
    return {
      columns: TRIP_COLUMNS,
      ...this.capped(
        `SELECT started_at AS startedAt, ended_at AS endedAt, device_id AS device, driver_id AS driver, from_floor AS fromFloor, to_floor AS toFloor, people
           FROM stat_hoist_trips WHERE day >= ? AND day <= ? AND device_id IN (${marks}) ORDER BY started_at`,
        [p.from, p.to, ...devices],
      ),
    };
  }

  private checkPriority(key: string): void {
    if (!(STAT_PRIORITIES as readonly string[]).includes(key)) throw new ApiError('bad-request', `"${key}" is not a priority (${STAT_PRIORITIES.join(', ')})`, 'row');
  }

  private alarms(filter: AlarmFilter, p: ResolvedStatPeriod, inPeriod = true): { columns: StatColumn[]; rows: Row[]; truncated: boolean } {
    const period = inPeriod ? ' AND day >= ? AND day <= ?' : '';
    return {
      columns: ALARM_COLUMNS,
      ...this.capped(
        `SELECT alarm_id AS alarmId, raised_at AS raisedAt, source_device AS device, quantity, priority, operator_id AS operator, value,
                CASE WHEN acked_at IS NULL THEN NULL ELSE round((acked_at - raised_at) / 1000.0, 1) END AS ackSeconds, acked_by AS ackedBy,
                CASE WHEN cleared_at IS NULL THEN NULL ELSE round((cleared_at - raised_at) / 1000.0, 1) END AS clearSeconds
           FROM stat_alarms WHERE ${filter.sql}${period} ORDER BY raised_at`,
        inPeriod ? [...filter.params, p.from, p.to] : filter.params,
      ),
    };
  }

  private lifts(device: string, operator: string | undefined, p: ResolvedStatPeriod) {
    const byOperator = operator === undefined ? '' : " AND coalesce(operator_id, '') = ?";
    return {
      columns: LIFT_COLUMNS,
      ...this.capped(
        `SELECT started_at AS startedAt, device_id AS device, operator_id AS operator, round((ended_at - started_at) / 1000.0) AS durationS,
                round(peak_load_t, 2) AS peakLoadT, round(peak_moment_pct, 1) AS peakMomentPct
           FROM stat_lifts WHERE day >= ? AND day <= ? AND device_id = ?${byOperator} ORDER BY started_at`,
        operator === undefined ? [p.from, p.to, device] : [p.from, p.to, device, operator],
      ),
    };
  }

  private capped(sql: string, params: (string | number)[]): { rows: Row[]; truncated: boolean } {
    const rows = this.db.prepare<unknown[], Row>(`${sql} LIMIT ${MAX_STAT_RECORDS + 1}`).all(...params);
    return { rows: rows.slice(0, MAX_STAT_RECORDS), truncated: rows.length > MAX_STAT_RECORDS };
  }
}
