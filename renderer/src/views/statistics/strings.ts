import i18next from 'i18next';
import { addStrings } from '../../i18n/add-strings.js';

/** This view's strings (English and Simplified Chinese), the nav label too. */
function register(): void {
  addStrings('nav', { statistics: 'Statistics' }, { statistics: '统计分析' });
  addStrings(
    'statistics',
    {
      title: 'Statistics',
      period: { label: 'Period', day: 'Today', week: 'This week', month: 'This month', range: 'Custom', from: 'From', to: 'To', apply: 'Show' },
      section: { safety: 'Safety', environment: 'Environment', equipment: 'Equipment', workforce: 'Workforce', progress: 'Progress', quality: 'Quality' },
      exportCsv: 'Export CSV',
      exportXlsx: 'Export XLSX',
      loading: 'Loading…',
      noData: 'No data in this period',
      drillHint: 'Click a bar for the records behind it',
      records: { title: 'Records: {{figure}} · {{row}}', close: 'Close', truncated: 'Only the first {{count}} records are listed', none: 'No records' },
      panel: { safety: 'Safety today', environment: 'Dust and noise today', equipment: 'Equipment today', alarms: 'Alarms', unacked: 'Acknowledged', meanAck: 'Mean time to acknowledge', lifts: 'Crane lifts', overloads: 'Overloads', trips: 'Hoist trips', hoursOver: 'Hours over limit', limit: 'limit', noiseDay: 'Noise by day', noiseNight: 'Noise by night' },
    },
    {
      title: '统计分析',
      period: { label: '统计周期', day: '今日', week: '本周', month: '本月', range: '自定义', from: '起', to: '止', apply: '查询' },
      section: { safety: '安全', environment: '环境', equipment: '设备', workforce: '劳务', progress: '进度', quality: '质量' },
      exportCsv: '导出 CSV',
      exportXlsx: '导出 XLSX',
      loading: '加载中…',
      noData: '本期无数据',
      drillHint: '点击柱条查看明细',
      records: { title: '明细：{{figure}} · {{row}}', close: '关闭', truncated: '仅列出前 {{count}} 条', none: '无记录' },
      panel: { safety: '今日安全', environment: '今日扬尘噪声', equipment: '今日设备', alarms: '报警', unacked: '已确认', meanAck: '平均确认用时', lifts: '塔吊吊次', overloads: '超载', trips: '升降机运行', hoursOver: '超标小时', limit: '限值', noiseDay: '昼间噪声', noiseNight: '夜间噪声' },
    },
  );
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
