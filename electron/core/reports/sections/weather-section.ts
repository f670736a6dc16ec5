import { dailyTemperatureOption } from '../../../common/charts/reports-charts.js';
import type { Database } from '../../store/database.js';
import { dayBounds, periodDays, periodParams } from '../report-period.js';
import type { ReportFigure, ReportSection, ReportSectionContent, ReportTable } from '../report-section.js';

/** A dust monitor: it measures wind, temperature and humidity beside the particulates. */
export interface WeatherMonitor {
  id: string;
  name: string;
}

/** Min, max and mean of one metric over the monitors, from the one-minute rollups (never raw rows). */
export const WEATHER_QUERY = `SELECT MIN(min) AS min, MAX(max) AS max, SUM(sum) / SUM(count) AS mean, SUM(count) AS n FROM telemetry_minute WHERE device_id IN (SELECT value FROM json_each(:devices)) AND metric = :metric AND minute >= :startMs AND minute < :endMs`;

const METRICS = [
  { metric: 'tempC', label: '气温', unit: '°C' },
  { metric: 'rh', label: '相对湿度', unit: '%' },
  { metric: 'windMs', label: '风速', unit: 'm/s' },
] as const;

interface Stat {
  min: number | null;
  max: number | null;
  mean: number | null;
  n: number | null;
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/**
 * 天气 (order 10): the weather as the site's own dust monitors measured it (施工日志 records the
 * weather of each day: temperature, wind; JGJ/T 185 建筑工程资料管理规程 lists it first in the
 * construction log) — min, max and mean temperature, humidity and wind speed per day.
 */
export function createWeatherSection(db: Database, monitors: () => WeatherMonitor[]): ReportSection {
  const stmt = db.prepare(WEATHER_QUERY);
  return {
    id: 'weather',
    order: 10,
    async build(period): Promise<ReportSectionContent | null> {
      const list = monitors();
      const heading = '一、天气';
      if (list.length === 0) return { heading, figures: [], tables: [], charts: [], notes: ['本项目未接入扬尘监测仪，无现场气象数据。'] };
      const devices = JSON.stringify(list.map((m) => m.id));
      const stat = (metric: string, startMs: number, endMs: number) => stmt.get({ devices, metric, startMs, endMs }) as Stat;
      const figures: ReportFigure[] = [];
      let any = false;
      const whole: Record<string, Stat> = {};
      for (const m of METRICS) {
        const s = stat(m.metric, period.startMs, period.endMs);
        whole[m.metric] = s;
        if (s.n) any = true;
        const params = { ...periodParams(period), devices, metric: m.metric };
        for (const [key, word] of [['min', '最低'], ['max', '最高'], ['mean', '平均']] as const) {
          if (m.metric === 'windMs' && key === 'min') continue;
          figures.push({ label: `${m.label}${word}`, value: round1(s[key]), unit: m.unit, source: { query: WEATHER_QUERY, params } });
        }
      }
      const days = periodDays(period);
      const rows = days.map((day) => {
        const b = dayBounds(day, period.timeZone);
        const t = stat('tempC', b.startMs, b.endMs);
        const h = stat('rh', b.startMs, b.endMs);
        const w = stat('windMs', b.startMs, b.endMs);
        return [day, round1(t.min), round1(t.max), round1(t.mean), round1(h.min), round1(h.max), round1(h.mean), round1(w.max), round1(w.mean)];
      });
      const table: ReportTable = {
        title: '逐日气象（现场扬尘监测仪）',
        columns: ['日期', '最低气温 °C', '最高气温 °C', '平均气温 °C', '最低湿度 %', '最高湿度 %', '平均湿度 %', '最大风速 m/s', '平均风速 m/s'],
        rows,
        source: { query: WEATHER_QUERY, params: { ...periodParams(period), devices, per: 'site day' } },
      };
      const t = whole.tempC!;
      const w = whole.windMs!;
      const headerLine = any ? `气温 ${round1(t.min) ?? '—'}～${round1(t.max) ?? '—'} °C，最大风速 ${round1(w.max) ?? '—'} m/s（${list.map((m) => m.name).join('、')}）` : '无气象数据';
      const notes = any ? [`数据来源：${list.map((m) => m.name).join('、')}，一分钟汇总值。`] : ['本期间现场监测仪无气象数据。'];
      const charts = days.length > 1 && any ? [{ title: '逐日气温', option: dailyTemperatureOption(days, rows.map((r) => r[1] as number | null), rows.map((r) => r[3] as number | null), rows.map((r) => r[2] as number | null)) }] : [];
      return { heading, figures, tables: [table], charts, notes, headerLine };
    },
  };
}
