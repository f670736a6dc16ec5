/**
 * The statistics' contributions to the daily, weekly and monthly reports: equipment (order 30:
 * crane lifts per crane and operator, overloads, anti-collision events, hoist trips and people)
 * and environment (order 50: dust and noise means against the preset, hours over, compliance).
 * Built from the same tables as the dashboards, so a report's number is the dashboard's; each
 * figure carries its source (the read-model query and the period) for the report's appendix.
 */
import type { StatFigureRequest } from '../../common/api/statistics.js';
import { statFigureOption } from '../../common/charts/stats-figure.js';
import type { StatTable } from '../../common/statistics.js';
import type { ReportFigure, ReportPeriod, ReportSection, ReportTable } from '../reports/report-section.js';
import type { StatisticsQueries } from './statistics-queries.js';

export interface StatisticsReportDeps {
  queries: StatisticsQueries;
  /** Devices on the site now (a section without its devices is left out). */
  devices: () => Array<{ id: string; kind: string }>;
}

function request(figure: StatFigureRequest['figure'], period: ReportPeriod): StatFigureRequest {
  return { figure, period: 'range', from: period.from, to: period.to };
}

function sourceOf(table: StatTable) {
  return { query: table.source.query, params: { ...table.source.params, figure: table.figure, from: table.period.from, to: table.period.to } };
}

function figure(table: StatTable, label: string, column: string, unit?: string): ReportFigure {
  return { label, value: table.totals[column] ?? null, ...(unit ? { unit } : {}), source: { ...sourceOf(table), params: { ...sourceOf(table).params, column } } };
}

function tableOf(table: StatTable, title = table.title): ReportTable {
  return {
    title,
    columns: ['名称', ...table.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label))],
    rows: table.rows.map((r) => [r.label, ...table.columns.map((c) => r.values[c.key] ?? null)]),
    source: sourceOf(table),
  };
}

export function createStatisticsReportSections(deps: StatisticsReportDeps): ReportSection[] {
  const has = (kind: string) => deps.devices().some((d) => d.kind === kind);
  const equipment: ReportSection = {
    id: 'equipment',
    order: 30,
    async build(period) {
      if (!has('crane') && !has('hoist')) return null;
      const cranes = deps.queries.figure(request('crane-use', period));
      const operators = deps.queries.figure(request('crane-operators', period));
      const hoists = deps.queries.figure(request('hoist-use', period));
      return {
        heading: '三、机械设备使用',
        figures: [
          figure(cranes, '塔吊吊次', 'lifts', '次'),
          figure(cranes, '塔吊吊运时长', 'liftHours', 'h'),
          figure(cranes, '塔吊超载', 'overloads', '次'),
          figure(cranes, '群塔防碰撞报警', 'collisions', '次'),
          figure(hoists, '升降机运行', 'trips', '次'),
          figure(hoists, '升降机载人', 'people', '人次'),
        ],
        tables: [tableOf(cranes, '塔吊使用'), tableOf(operators, '塔吊司机'), tableOf(hoists, '施工升降机')].filter((t) => t.rows.length > 0),
        charts: cranes.rows.length > 0 ? [{ title: '塔吊吊次与超载', option: statFigureOption(cranes, 'paper'), width: 640, height: 280 }] : [],
        notes: cranes.totals.overloads ? [] : ['本期无塔吊超载'],
      };
    },
  };
  const environment: ReportSection = {
    id: 'environment',
    order: 50,
    async build(period) {
      if (!has('dust')) return null;
      const dust = deps.queries.figure(request('dust-daily', period));
      const judged = dust.rows.some((r) => r.values.compliant !== null);
      return {
        heading: '五、扬尘与噪声',
        figures: [
          figure(dust, 'PM10 平均', 'pm10', 'µg/m³'),
          figure(dust, 'PM2.5 平均', 'pm25', 'µg/m³'),
          figure(dust, 'TSP 平均', 'tsp', 'µg/m³'),
          figure(dust, '昼间噪声 Leq', 'noise', 'dB(A)'),
          figure(dust, '夜间噪声 Leq', 'noiseNight', 'dB(A)'),
          figure(dust, '扬尘超标小时', 'dustHoursOver', 'h'),
          figure(dust, '噪声超标小时', 'noiseHoursOver', 'h'),
          figure(dust, '达标率', 'compliant', '%'),
        ],
        tables: [tableOf(dust, '扬尘与噪声日均值')],
        charts: judged ? [{ title: '扬尘日均值与限值', option: statFigureOption(dust, 'paper'), width: 640, height: 280 }] : [],
        notes: [
          ...(dust.notes ?? []),
          judged ? ((dust.totals.dustHoursOver ?? 0) > 0 ? `本期扬尘超标 ${dust.totals.dustHoursOver} 小时` : '本期扬尘无超标') : '本期无扬尘监测数据',
        ],
      };
    },
  };
  return [equipment, environment];
}
