/**
 * Each dashboard figure as one table over a period, from the statistics read models. The same
 * table is charted, exported (CSV/XLSX) and printed in reports, so all three show one number.
 */
import { STAT_PRIORITIES, type ResolvedStatPeriod, type StatColumn, type StatFigureId, type StatRow, type StatTable } from '../../common/statistics.js';
import type { DustPresetId } from '../alarms/rules/dust-presets.js';
import type { Database } from '../store/database.js';
import { allowedHoursOver, dailyLimit, ENV_POLLUTANTS, levelOfEnergy } from './env-limits.js';
import { StatReader, type Sums } from './stat-reader.js';
import { siteLocal } from '../workforce/attendance-clock.js';

export interface FigureContext {
  db: Database;
  reader: StatReader;
  devices: () => Array<{ id: string; name: string; kind: string }>;
  /** The site model's buildings, in the site file's order. */
  buildings: () => Array<{ id: string; name: string }>;
  preset: () => DustPresetId;
  now: () => number;
}

type Builder = (ctx: FigureContext, p: ResolvedStatPeriod) => Omit<StatTable, 'figure' | 'period'>;

/** Summed sound energy of a day over its devices (env-fold.ts adds one 10^(L/10) per judged hour). */
function energyOf(devices: Map<string, Sums> | undefined): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (const s of devices?.values() ?? []) {
    sum += s.sum;
    count += s.count;
  }
  return { sum, count };
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
const mean = (s: Sums | undefined) => (s && s.count > 0 ? s.sum / s.count : null);
const PRIORITY_LABEL: Record<string, string> = { critical: '紧急 / critical', high: '高 / high', medium: '中 / medium', low: '低 / low' };

function totalsOf(rows: StatRow[], columns: StatColumn[], means: readonly string[] = []): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const c of columns) {
    const values = rows.map((r) => r.values[c.key]).filter((v): v is number => typeof v === 'number');
    if (values.length === 0) out[c.key] = null;
    else if (means.includes(c.key)) out[c.key] = round(values.reduce((a, b) => a + b, 0) / values.length, 2);
    else out[c.key] = round(values.reduce((a, b) => a + b, 0), 2);
  }
  return out;
}

function devicesOf(ctx: FigureContext, kind: string) {
  return ctx.devices().filter((d) => d.kind === kind);
}

const alarmsByDay: Builder = (ctx, p) => {
  const perDay = ctx.reader.perDayDim('alarms.raised', 'priority:', p.from, p.to);
  const columns: StatColumn[] = [...STAT_PRIORITIES.map((k) => ({ key: k, label: PRIORITY_LABEL[k]! })), { key: 'total', label: '合计 / total' }];
  const rows = p.days.map((day) => {
    const d = perDay.get(day);
    const values: Record<string, number | null> = {};
    let total = 0;
    for (const k of STAT_PRIORITIES) total += values[k] = d?.get(k)?.count ?? 0;
    values.total = total;
    return { key: day, label: day.slice(5), values };
  });
  return {
    title: '每日报警 / Alarms per day', columns, rows, totals: totalsOf(rows, columns), drillColumns: [...STAT_PRIORITIES, 'total'],
    source: { query: "stat_daily metric='alarms.raised' dim='priority:*' per day", params: { from: p.from, to: p.to } },
  };
};

const alarmsByQuantity: Builder = (ctx, p) => {
  const per = ctx.reader.perDim('alarms.raised', 'quantity:', p.from, p.to);
  const columns: StatColumn[] = [{ key: 'count', label: '报警次数 / alarms' }];
  const rows = [...per.entries()].sort((a, b) => b[1].count - a[1].count).map(([q, s]) => ({ key: q, label: q, values: { count: s.count } }));
  return {
    title: '报警类型 / Alarms by condition', columns, rows, totals: totalsOf(rows, columns), drillColumns: ['count'],
    source: { query: "stat_daily metric='alarms.raised' dim='quantity:*'", params: { from: p.from, to: p.to } },
  };
};

const alarmResponse: Builder = (ctx, p) => {
  const raised = ctx.reader.perDim('alarms.raised', 'priority:', p.from, p.to);
  const ack = ctx.reader.perDim('alarms.ackSeconds', 'priority:', p.from, p.to);
  const clear = ctx.reader.perDim('alarms.clearSeconds', 'priority:', p.from, p.to);
  const columns: StatColumn[] = [
    { key: 'raised', label: '报警 / raised' },
    { key: 'acked', label: '已确认 / acknowledged' },
    { key: 'ackMeanS', label: '平均确认用时 / mean time to acknowledge', unit: 's' },
    { key: 'ackMaxS', label: '最长确认用时 / longest to acknowledge', unit: 's' },
    { key: 'clearMeanS', label: '平均恢复用时 / mean time to clear', unit: 's' },
  ];
  const rows = STAT_PRIORITIES.map((k) => {
    const a = ack.get(k);
    const m = mean(a);
    const c = mean(clear.get(k));
    return {
      key: k,
      label: PRIORITY_LABEL[k]!,
      values: { raised: raised.get(k)?.count ?? 0, acked: a?.count ?? 0, ackMeanS: m === null ? null : round(m), ackMaxS: a?.max ?? null, clearMeanS: c === null ? null : round(c) },
    };
  });
  return {
    title: '报警响应 / Alarm response', columns, rows, totals: totalsOf(rows, columns, ['ackMeanS', 'clearMeanS']), drillColumns: ['raised', 'acked'],
    source: { query: "stat_daily metrics 'alarms.raised', 'alarms.ackSeconds', 'alarms.clearSeconds' dim='priority:*'", params: { from: p.from, to: p.to } },
  };
};

const EQUIPMENT_COLUMNS: StatColumn[] = [
  { key: 'lifts', label: '吊次 / lifts' },
  { key: 'liftHours', label: '吊运时长 / lifting time', unit: 'h' },
  { key: 'overloads', label: '超载 / overloads' },
  { key: 'collisions', label: '防碰撞 / anti-collision' },
];

const craneUse: Builder = (ctx, p) => {
  const lifts = ctx.reader.perDim('crane.lifts', 'device:', p.from, p.to);
  const secs = ctx.reader.perDim('crane.liftSeconds', 'device:', p.from, p.to);
  const over = ctx.reader.perDim('equipment.overloads', 'device:', p.from, p.to);
  const coll = ctx.reader.perDim('equipment.collisions', 'device:', p.from, p.to);
  const online = ctx.reader.perDim('device.onlineSeconds', 'device:', p.from, p.to);
  const columns = [...EQUIPMENT_COLUMNS, { key: 'onlineHours', label: '在线时长 / powered', unit: 'h' }];
  const rows = devicesOf(ctx, 'crane').map((d) => ({
    key: d.id,
    label: d.name,
    values: {
      lifts: lifts.get(d.id)?.count ?? 0,
      liftHours: round((secs.get(d.id)?.sum ?? 0) / 3600, 2),
      overloads: over.get(d.id)?.count ?? 0,
      collisions: coll.get(d.id)?.count ?? 0,
      onlineHours: round((online.get(d.id)?.sum ?? 0) / 3600, 2),
    },
  }));
  return {
    title: '塔吊使用 / Tower cranes', columns, rows, totals: totalsOf(rows, columns), drillColumns: ['lifts', 'overloads', 'collisions'],
    source: { query: "stat_daily metrics 'crane.lifts', 'crane.liftSeconds', 'equipment.overloads', 'equipment.collisions', 'device.onlineSeconds' dim='device:*'", params: { from: p.from, to: p.to } },
  };
};

const craneOperators: Builder = (ctx, p) => {
  const lifts = ctx.reader.perDim('crane.lifts', 'crew:', p.from, p.to);
  const secs = ctx.reader.perDim('crane.liftSeconds', 'crew:', p.from, p.to);
  const over = ctx.reader.perDim('equipment.overloads', 'crew:', p.from, p.to);
  const coll = ctx.reader.perDim('equipment.collisions', 'crew:', p.from, p.to);
  const names = new Map(ctx.devices().map((d) => [d.id, d.name]));
  const keys = new Set([...lifts.keys(), ...over.keys(), ...coll.keys()]);
  const rows = [...keys].sort().map((key) => {
    const [device = '', operator = ''] = key.split('|');
    return {
      key,
      label: `${names.get(device) ?? device} · ${operator || '未识别 / unknown'}`,
      values: {
        lifts: lifts.get(key)?.count ?? 0,
        liftHours: round((secs.get(key)?.sum ?? 0) / 3600, 2),
        overloads: over.get(key)?.count ?? 0,
        collisions: coll.get(key)?.count ?? 0,
      },
    };
  });
  return {
    title: '塔吊司机 / Crane operators', columns: EQUIPMENT_COLUMNS, rows, totals: totalsOf(rows, EQUIPMENT_COLUMNS), drillColumns: ['lifts', 'overloads', 'collisions'],
    source: { query: "stat_daily metrics 'crane.lifts', 'crane.liftSeconds', 'equipment.overloads', 'equipment.collisions' dim='crew:CRANE|OPERATOR'", params: { from: p.from, to: p.to } },
  };
};

const hoistUse: Builder = (ctx, p) => {
  const trips = ctx.reader.perDim('hoist.trips', 'device:', p.from, p.to);
  const people = ctx.reader.perDim('hoist.people', 'device:', p.from, p.to);
  const over = ctx.reader.perDim('equipment.overloads', 'device:', p.from, p.to);
  const columns: StatColumn[] = [
    { key: 'trips', label: '运行次数 / trips' },
    { key: 'people', label: '载人 / people carried' },
    { key: 'overloads', label: '超载 / overloads' },
  ];
  const rows = devicesOf(ctx, 'hoist').map((d) => ({
    key: d.id,
    label: d.name,
    values: { trips: trips.get(d.id)?.count ?? 0, people: people.get(d.id)?.sum ?? 0, overloads: over.get(d.id)?.count ?? 0 },
  }));
  return {
    title: '施工升降机 / Hoists', columns, rows, totals: totalsOf(rows, columns), drillColumns: ['trips', 'people', 'overloads'],
    source: { query: "stat_daily metrics 'hoist.trips', 'hoist.people', 'equipment.overloads' dim='device:*'", params: { from: p.from, to: p.to } },
  };
};

/**
 * Safety per building (the issue's "per building" dimension): alarms raised by the building's
 * devices, crane overloads and anti-collision events, lifts, hoist trips, and dust monitors' hours
 * over the preset's limit, from the `building:ID` counters the folds keep.
 */
const byBuilding: Builder = (ctx, p) => {
  const metrics = {
    alarms: 'alarms.raised',
    overloads: 'equipment.overloads',
    collisions: 'equipment.collisions',
    lifts: 'crane.lifts',
    hoistTrips: 'hoist.trips',
  } as const;
  const per = Object.fromEntries(Object.entries(metrics).map(([k, m]) => [k, ctx.reader.perDim(m, 'building:', p.from, p.to)])) as Record<keyof typeof metrics, Map<string, Sums>>;
  const dustOver = (['pm10', 'pm25', 'tsp'] as const).map((k) => ctx.reader.perDim(`env.${k}.over`, 'building:', p.from, p.to));
  const columns: StatColumn[] = [
    { key: 'alarms', label: '报警 / alarms' },
    { key: 'overloads', label: '超载 / overloads' },
    { key: 'collisions', label: '防碰撞 / anti-collision' },
    { key: 'lifts', label: '吊次 / crane lifts' },
    { key: 'hoistTrips', label: '升降机运行 / hoist trips' },
    { key: 'dustHoursOver', label: '扬尘超标小时 / dust hours over limit' },
  ];
  const rows = ctx.buildings().map((b) => ({
    key: b.id,
    label: b.name,
    values: {
      alarms: per.alarms.get(b.id)?.count ?? 0,
      overloads: per.overloads.get(b.id)?.count ?? 0,
      collisions: per.collisions.get(b.id)?.count ?? 0,
      lifts: per.lifts.get(b.id)?.count ?? 0,
      hoistTrips: per.hoistTrips.get(b.id)?.count ?? 0,
      dustHoursOver: dustOver.reduce((a, m) => a + (m.get(b.id)?.sum ?? 0), 0),
    },
  }));
  return {
    title: '分楼栋安全 / Safety by building', columns, rows, totals: totalsOf(rows, columns), drillColumns: columns.map((c) => c.key),
    notes: ['devices count for the building the site file names for them, else the building whose footprint holds them; devices in no building are not in this table'],
    source: { query: "stat_daily metrics 'alarms.raised', 'equipment.overloads', 'equipment.collisions', 'crane.lifts', 'hoist.trips', 'env.{pm10,pm25,tsp}.over' dim='building:*'", params: { from: p.from, to: p.to } },
  };
};

/** GB 3095-2012 §4.4: a 24-hour mean needs at least 20 hourly values. */
const MIN_HOURS_FOR_DAILY = 20;

const dustDaily: Builder = (ctx, p) => {
  const preset = ctx.preset();
  const perPollutant = Object.fromEntries(ENV_POLLUTANTS.map((k) => [k, ctx.reader.perDayDim(`env.${k}`, 'device:', p.from, p.to)]));
  const overs = Object.fromEntries(ENV_POLLUTANTS.map((k) => [k, ctx.reader.perDayDim(`env.${k}.over`, 'device:', p.from, p.to)]));
  const noiseEnergy = { day: ctx.reader.perDayDim('env.noise.energy.day', 'device:', p.from, p.to), night: ctx.reader.perDayDim('env.noise.energy.night', 'device:', p.from, p.to) };
  const periodEnergy = { day: { sum: 0, count: 0 }, night: { sum: 0, count: 0 } };
  const columns: StatColumn[] = [
    { key: 'pm10', label: 'PM10 日均 / daily mean', unit: 'µg/m³' },
    { key: 'pm25', label: 'PM2.5 日均 / daily mean', unit: 'µg/m³' },
    { key: 'tsp', label: 'TSP 日均 / daily mean', unit: 'µg/m³' },
    { key: 'noise', label: '昼间噪声 Leq / day-time Leq', unit: 'dB(A)' },
    { key: 'noiseNight', label: '夜间噪声 Leq / night-time Leq', unit: 'dB(A)' },
    { key: 'dustHoursOver', label: '扬尘超标小时 / dust hours over limit' },
    { key: 'noiseHoursOver', label: '噪声超标小时 / noise hours over limit' },
    { key: 'compliant', label: '达标 / compliant (1 yes, 0 no)' },
  ];
  const rows: StatRow[] = [];
  for (const day of p.days) {
    const values: Record<string, number | null> = {};
    let judged = false;
    let compliant = true;
    let dustOver = 0;
    for (const k of ENV_POLLUTANTS) {
      const devices = perPollutant[k]!.get(day);
      let sum = 0;
      let count = 0;
      for (const [device, s] of devices ?? []) {
        sum += s.sum;
        count += s.count;
        const over = overs[k]!.get(day)?.get(device)?.sum ?? 0;
        if (k === 'noise') continue;
        dustOver += over;
        judged = true;
        if (over > allowedHoursOver(preset, k)) compliant = false;
        const limit = dailyLimit(preset, k);
        if (limit !== null && s.count >= MIN_HOURS_FOR_DAILY && s.sum / s.count > limit) compliant = false;
      }
      values[k] = count > 0 ? round(sum / count) : null;
      if (k === 'noise') values.noiseHoursOver = [...(overs.noise!.get(day)?.values() ?? [])].reduce((a, s) => a + s.sum, 0);
    }
    // Noise is read as Leq by day and by night (energy means, env-limits.ts leqOf); a day folded
    // before the energy counters existed keeps its arithmetic mean of hourly levels as day-time.
    const dayEnergy = energyOf(noiseEnergy.day.get(day));
    const nightEnergy = energyOf(noiseEnergy.night.get(day));
    if (dayEnergy.count > 0 || nightEnergy.count > 0) {
      values.noise = dayEnergy.count > 0 ? round(levelOfEnergy(dayEnergy.sum / dayEnergy.count)) : null;
      values.noiseNight = nightEnergy.count > 0 ? round(levelOfEnergy(nightEnergy.sum / nightEnergy.count)) : null;
    } else values.noiseNight = null;
    for (const part of ['day', 'night'] as const) {
      const e = part === 'day' ? dayEnergy : nightEnergy;
      periodEnergy[part].sum += e.sum;
      periodEnergy[part].count += e.count;
    }
    values.dustHoursOver = dustOver;
    values.compliant = judged ? (compliant ? 1 : 0) : null;
    rows.push({ key: day, label: day.slice(5), values });
  }
  const totals = totalsOf(rows, columns, ['pm10', 'pm25', 'tsp', 'noise', 'noiseNight', 'compliant']);
  // The period's noise is the Leq of all its hours, not the mean of daily levels.
  if (periodEnergy.day.count > 0) totals.noise = round(levelOfEnergy(periodEnergy.day.sum / periodEnergy.day.count));
  if (periodEnergy.night.count > 0) totals.noiseNight = round(levelOfEnergy(periodEnergy.night.sum / periodEnergy.night.count));
  const judgedDays = rows.filter((r) => r.values.compliant !== null);
  const rate = judgedDays.length > 0 ? round((judgedDays.filter((r) => r.values.compliant === 1).length / judgedDays.length) * 100) : null;
  return {
    title: '扬尘与噪声 / Dust and noise', columns, rows, totals: { ...totals, compliant: rate }, drillColumns: ['pm10', 'pm25', 'tsp', 'noise', 'noiseNight', 'dustHoursOver', 'noiseHoursOver'],
    limits: { pm10: dailyLimit(preset, 'pm10')!, pm25: dailyLimit(preset, 'pm25')!, tsp: dailyLimit(preset, 'tsp')! },
    notes: [`preset ${preset}; compliance rate ${rate ?? '—'} % of ${judgedDays.length} judged days (total of "compliant" is the rate in %)`],
    source: { query: "stat_daily metrics 'env.POLLUTANT' (mean of hourly means), 'env.noise.energy.{day,night}' (Leq = 10·lg(sum/count)) and 'env.POLLUTANT.over' dim='device:*' per day", params: { from: p.from, to: p.to, preset } },
  };
};

const deviceUptime: Builder = (ctx, p) => {
  const online = ctx.reader.perDim('device.onlineSeconds', 'device:', p.from, p.to);
  const elapsed = Math.max(0, Math.min(ctx.now(), p.endMs) - p.startMs) / 1000;
  const columns: StatColumn[] = [
    { key: 'onlineHours', label: '在线 / online', unit: 'h' },
    { key: 'offlineHours', label: '离线 / offline', unit: 'h' },
    { key: 'uptimePct', label: '在线率 / uptime', unit: '%' },
  ];
  const rows = ctx.devices().filter((d) => d.kind !== 'gate').map((d) => {
    const on = Math.min(online.get(d.id)?.sum ?? 0, elapsed);
    return { key: d.id, label: d.name, values: { onlineHours: round(on / 3600, 2), offlineHours: round((elapsed - on) / 3600, 2), uptimePct: elapsed > 0 ? round((on / elapsed) * 100) : null } };
  });
  return {
    title: '设备在线 / Device uptime', columns, rows, totals: totalsOf(rows, columns, ['uptimePct']), drillColumns: ['offlineHours', 'uptimePct'],
    source: { query: "stat_daily metric='device.onlineSeconds' dim='device:*'; offline = elapsed period − online", params: { from: p.from, to: p.to } },
  };
};

const attendanceByTeam: Builder = (ctx, p) => {
  const present = ctx.reader.perDim('workforce.present', 'team:', p.from, p.to);
  const teams = ctx.db
    .prepare<[], { id: number; name: string; company: string; members: number }>(
      `SELECT t.id, t.name, c.name AS company, (SELECT count(*) FROM wf_memberships m WHERE m.team_id = t.id AND m.exited_on IS NULL) AS members
         FROM wf_teams t JOIN wf_companies c ON c.id = t.company_id ORDER BY c.name, t.name`,
    )
    .all();
  const elapsedDays = Math.max(1, p.days.filter((d) => d <= siteLocal(ctx.now(), p.timeZone).day).length);
  const columns: StatColumn[] = [
    { key: 'members', label: '在册 / on roster' },
    { key: 'meanPresent', label: '日均出勤 / mean present per day' },
    { key: 'attendancePct', label: '出勤率 / attendance rate', unit: '%' },
  ];
  const rows = teams.map((t) => {
    const n = present.get(String(t.id))?.count ?? 0;
    const meanPresent = round(n / elapsedDays, 1);
    return { key: String(t.id), label: `${t.company} · ${t.name}`, values: { members: t.members, meanPresent, attendancePct: t.members > 0 ? round((meanPresent / t.members) * 100) : null } };
  });
  return {
    title: '班组出勤 / Attendance by team', columns, rows, totals: totalsOf(rows, columns, ['attendancePct']), drillColumns: ['meanPresent'],
    source: { query: "stat_daily metric='workforce.present' dim='team:*' / active memberships", params: { from: p.from, to: p.to, days: elapsedDays } },
  };
};

const panoramaCaptures: Builder = (ctx, p) => {
  const perDay = ctx.reader.perDayDim('panorama.captures', 'site', p.from, p.to);
  const columns: StatColumn[] = [{ key: 'captures', label: '全景采集 / panorama captures' }];
  const rows = p.days.map((day) => ({ key: day, label: day.slice(5), values: { captures: perDay.get(day)?.get('')?.count ?? 0 } }));
  return {
    title: '全景采集 / Panorama captures', columns, rows, totals: totalsOf(rows, columns), drillColumns: ['captures'],
    source: { query: "stat_daily metric='panorama.captures' dim='site' per day", params: { from: p.from, to: p.to } },
  };
};

export const FIGURE_BUILDERS: Record<StatFigureId, Builder> = {
  'alarms-by-day': alarmsByDay,
  'alarms-by-quantity': alarmsByQuantity,
  'alarm-response': alarmResponse,
  'by-building': byBuilding,
  'crane-use': craneUse,
  'crane-operators': craneOperators,
  'hoist-use': hoistUse,
  'dust-daily': dustDaily,
  'device-uptime': deviceUptime,
  'attendance-by-team': attendanceByTeam,
  'panorama-captures': panoramaCaptures,
};

export function buildFigure(ctx: FigureContext, figure: StatFigureId, period: ResolvedStatPeriod): StatTable {
  return { figure, period, ...FIGURE_BUILDERS[figure](ctx, period) };
}
