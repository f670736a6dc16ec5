import { addStrings } from '../../i18n/add-strings.js';

let registered = false;

/**
 * Registers the GIS view's words (both languages; read as `t('gis.…')`) once, on first render.
 * Not at module load: this module is imported with the shell, before `setupI18n()` has run, and
 * i18next refuses resource bundles before its `init` ("addResourceBundle is not a function").
 */
export function useGisStrings(): void {
  if (registered) return;
  registered = true;
  addStrings(
  'gis',
  {
    title: 'Sites',
    authority: 'Supervising authority',
    noAuthority: 'No supervising authority configured',
    noSites: 'The site file lists no projects (federation).',
    thisSite: 'this site',
    open3d: 'Open 3D model',
    showAll: 'Show all projects',
    workers: 'Workers',
    pm10: 'PM10',
    noAlarms: 'No alarms',
    noReading: 'no reading',
    loading: 'Loading the map…',
    mapFailed: 'The map cannot be shown: {{message}}',
    status: {
      ok: 'Live',
      unreachable: 'Unreachable',
      'not-configured': 'Not connected',
      'auth-failed': 'Sign-in refused',
      pending: 'Connecting…',
    },
    priority: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' },
    readAt: 'read {{time}}',
    noOrigin: 'The site file gives no origin: the site itself is not drawn.',
  },
  {
    title: '项目',
    authority: '监督机构',
    noAuthority: '未配置监督机构',
    noSites: '站点文件未列出任何项目（federation）。',
    thisSite: '本项目',
    open3d: '打开三维模型',
    showAll: '显示全部项目',
    workers: '在场人数',
    pm10: 'PM10',
    noAlarms: '无报警',
    noReading: '无读数',
    loading: '正在加载地图…',
    mapFailed: '无法显示地图：{{message}}',
    status: {
      ok: '在线',
      unreachable: '无法连接',
      'not-configured': '未接入',
      'auth-failed': '登录被拒绝',
      pending: '正在连接…',
    },
    priority: { critical: '紧急', high: '高', medium: '中', low: '低' },
    readAt: '读取于 {{time}}',
    noOrigin: '站点文件未给出原点：本项目场地未绘制。',
  },
);
}
