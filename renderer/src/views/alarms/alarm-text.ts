import type { TFunction } from 'i18next';
import type { Alarm } from '../../../../electron/common/alarms.js';
import { addStrings } from '../../i18n/add-strings.js';
import './workforce-alarm-text.js';
import '../quality/quality-alarm-text.js';

/**
 * Alarm messages in the operator's language. The core sends a key and formatted numbers with each
 * alarm (`alarm.text`); `alarm.message` (English) is the fallback for keys this console lacks.
 */
const en = {
  crane: {
    load: {
      warning: 'Load {{value}} % of rated ≥ {{limit}} % (pre-warning)',
      overload: 'Load {{value}} % of rated ≥ {{limit}} % (over rated)',
      cutoff: 'Load {{value}} % of rated ≥ {{limit}} % (cut-off: hoisting up stopped)',
    },
    moment: {
      warning: 'Moment {{value}} % of rated ≥ {{limit}} % (pre-warning)',
      overload: 'Moment {{value}} % of rated ≥ {{limit}} % (over rated)',
      cutoff: 'Moment {{value}} % of rated ≥ {{limit}} % (cut-off: hoisting up stopped)',
    },
    wind: { warning: 'Wind {{value}} m/s ≥ {{limit}} m/s: prepare to stop lifting', alarm: 'Wind {{value}} m/s ≥ {{limit}} m/s: stop lifting' },
    tilt: 'Mast tilt {{value}}° ≥ {{limit}}°',
  },
  hoist: {
    overload: 'Cage load {{value}} kg over rated {{limit}} kg',
    people: '{{value}} people in the cage, rated {{limit}}',
    doorMoving: 'Door open while the cage moves at {{speed}} m/s',
    unknownDriver: 'Driver {{driver}} is not on the authorised list',
    noDriver: 'No driver identified',
  },
  offline: '{{device}} has sent nothing for {{silent}} s (expected every {{interval}} s)',
  ranging: {
    displacement: 'Point {{point}} moved {{value}} mm from its baseline (limit {{limit}} mm)',
    rate: 'Point {{point}} moving {{value}} mm/day (limit {{limit}} mm/day)',
  },
  dust: {
    wuhan: {
      'pm10-1h-warning': 'PM10 hourly mean {{value}} µg/m³ > {{limit}}: increase spraying, cover stockpiles',
      'pm10-1h-stop-work': 'PM10 hourly mean {{value}} µg/m³ > {{limit}}: stop earthwork until below 150',
    },
    'hebei-db13-2934': { 'pm10-1h-boundary': 'PM10 hourly mean {{value}} µg/m³ > {{limit}} at the boundary' },
    'gb3095-grade2': {
      'pm10-24h': 'PM10 24-hour mean {{value}} µg/m³ > {{limit}} (GB 3095-2012 grade II)',
      'pm25-24h': 'PM2.5 24-hour mean {{value}} µg/m³ > {{limit}} (GB 3095-2012 grade II)',
      'tsp-24h': 'TSP 24-hour mean {{value}} µg/m³ > {{limit}} (GB 3095-2012 grade II)',
    },
    'liaoning-tsp-5min': { 'tsp-5min': 'TSP 5-minute mean {{value}} µg/m³ > {{limit}}' },
    dailyExceedances: '{{hours}} hours today with {{pollutant}} above {{limit}} µg/m³; {{allowed}} allowed',
  },
  noise: {
    day: 'Noise Leq {{value}} dB(A) over {{window}} min > day limit {{limit}} dB(A) (GB 12523-2011)',
    night: 'Noise Leq {{value}} dB(A) over {{window}} min > night limit {{limit}} dB(A) (GB 12523-2011)',
  },
  collision: {
    critical: 'Cranes {{a}} and {{b}} only {{value}} m apart ({{partA}} ↔ {{partB}}), below {{limit}} m',
    warning: 'Cranes {{a}} and {{b}} {{value}} m apart ({{partA}} ↔ {{partB}}), below {{limit}} m',
  },
};

const zhCN: typeof en = {
  crane: {
    load: {
      warning: '吊重 {{value}}% 额定 ≥ {{limit}}%（预警）',
      overload: '吊重 {{value}}% 额定 ≥ {{limit}}%（超载）',
      cutoff: '吊重 {{value}}% 额定 ≥ {{limit}}%（已切断起升）',
    },
    moment: {
      warning: '力矩 {{value}}% 额定 ≥ {{limit}}%（预警）',
      overload: '力矩 {{value}}% 额定 ≥ {{limit}}%（超限）',
      cutoff: '力矩 {{value}}% 额定 ≥ {{limit}}%（已切断起升）',
    },
    wind: { warning: '风速 {{value}} m/s ≥ {{limit}} m/s：准备停止吊装', alarm: '风速 {{value}} m/s ≥ {{limit}} m/s：停止吊装' },
    tilt: '塔身倾角 {{value}}° ≥ {{limit}}°',
  },
  hoist: {
    overload: '吊笼载重 {{value}} kg 超过额定 {{limit}} kg',
    people: '吊笼内 {{value}} 人，额定 {{limit}} 人',
    doorMoving: '吊笼运行中（{{speed}} m/s）梯门打开',
    unknownDriver: '司机 {{driver}} 不在授权名单内',
    noDriver: '未识别司机身份',
  },
  offline: '{{device}} 已 {{silent}} 秒无数据（应每 {{interval}} 秒上报）',
  ranging: {
    displacement: '测点 {{point}} 相对基准位移 {{value}} mm（限值 {{limit}} mm）',
    rate: '测点 {{point}} 位移速率 {{value}} mm/天（限值 {{limit}} mm/天）',
  },
  dust: {
    wuhan: {
      'pm10-1h-warning': 'PM10 小时均值 {{value}} µg/m³ > {{limit}}：加强喷淋、覆盖料堆',
      'pm10-1h-stop-work': 'PM10 小时均值 {{value}} µg/m³ > {{limit}}：停止土方作业，直至低于 150',
    },
    'hebei-db13-2934': { 'pm10-1h-boundary': '边界 PM10 小时均值 {{value}} µg/m³ > {{limit}}' },
    'gb3095-grade2': {
      'pm10-24h': 'PM10 日均值 {{value}} µg/m³ > {{limit}}（GB 3095-2012 二级）',
      'pm25-24h': 'PM2.5 日均值 {{value}} µg/m³ > {{limit}}（GB 3095-2012 二级）',
      'tsp-24h': 'TSP 日均值 {{value}} µg/m³ > {{limit}}（GB 3095-2012 二级）',
    },
    'liaoning-tsp-5min': { 'tsp-5min': 'TSP 5 分钟均值 {{value}} µg/m³ > {{limit}}' },
    dailyExceedances: '今日已有 {{hours}} 小时 {{pollutant}} 超过 {{limit}} µg/m³（允许 {{allowed}} 次）',
  },
  noise: {
    day: '噪声 Leq {{value}} dB(A)（{{window}} 分钟）> 昼间限值 {{limit}} dB(A)（GB 12523-2011）',
    night: '噪声 Leq {{value}} dB(A)（{{window}} 分钟）> 夜间限值 {{limit}} dB(A)（GB 12523-2011）',
  },
  collision: {
    critical: '塔吊 {{a}} 与 {{b}} 仅相距 {{value}} m（{{partA}} ↔ {{partB}}），低于 {{limit}} m',
    warning: '塔吊 {{a}} 与 {{b}} 相距 {{value}} m（{{partA}} ↔ {{partB}}），低于 {{limit}} m',
  },
};

addStrings('alarmText', en, zhCN);

/** Text parameters that hold a device id (offline, anti-collision): shown by the device's name. */
const DEVICE_PARAMS = ['device', 'a', 'b'] as const;

/**
 * The alarm's message in the console's language, or the core's English text. With `nameOf`,
 * device ids in the text read as the devices' names (an operator knows "2# 塔吊", not "crane-2").
 */
export function alarmMessage(alarm: Pick<Alarm, 'message' | 'text'>, t: TFunction, nameOf?: (deviceId: string) => string): string {
  if (!alarm.text) return alarm.message;
  const params: Record<string, string | number> = { ...alarm.text.params };
  if (nameOf) for (const p of DEVICE_PARAMS) if (typeof params[p] === 'string') params[p] = nameOf(params[p]);
  return t(`alarmText.${alarm.text.key}`, { ...params, defaultValue: alarm.message, interpolation: { escapeValue: false } });
}
