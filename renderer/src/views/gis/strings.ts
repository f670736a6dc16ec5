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
    notEncrypted: 'not encrypted (http)',
    notEncryptedHint: 'This project is reached over plain HTTP: its password and figures cross the network readable. Give it an https:// URL with certSha256 in the site file.',
    encrypted: 'HTTPS',
    setPassword: 'Set password',
    password: 'Password for signing in to this project',
    save: 'Save',
    saved: 'Saved; connecting again.',
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
    notEncrypted: '未加密（http）',
    notEncryptedHint: '该项目通过明文 HTTP 连接：其密码和数据在网络上可被读取。请在站点文件中为其配置 https:// 地址和 certSha256。',
    encrypted: 'HTTPS',
    setPassword: '设置密码',
    password: '登录该项目所用的密码',
    save: '保存',
    saved: '已保存，正在重新连接。',
  },
);
}
