import i18next from 'i18next';
import { addStrings } from '../../i18n/add-strings.js';

/** This view's strings (English and Simplified Chinese), the nav label too. */
function register(): void {
  addStrings('nav', { reports: 'Reports' }, { reports: '报表' });
  addStrings(
    'reports',
    {
      heading: 'Site reports',
      make: 'Make a report',
      kind: 'Kind',
      date: 'Date in the period',
      submit: 'Make',
      'kind.daily': 'Daily',
      'kind.weekly': 'Weekly',
      'kind.monthly': 'Monthly',
      period: 'Period',
      madeAt: 'Made at',
      madeBy: 'By',
      size: 'Size',
      state: 'State',
      files: 'Files',
      schedule: 'schedule',
      'state.queued': 'Queued',
      'state.gathering': 'Gathering section {{k}} of {{n}}',
      'state.rendering': 'Rendering PDF and XLSX',
      'state.done': 'Done',
      'state.failed': 'Failed',
      empty: 'No reports yet. The schedule makes the daily report at 06:00 for the day before.',
      viewerNote: 'Your role can download reports; the project manager, the safety officer and administrators make them.',
      hint: 'Daily: that day. Weekly: Monday to Sunday of that week. Monthly: that calendar month.',
    },
    {
      heading: '项目报表',
      make: '生成报表',
      kind: '类型',
      date: '所在日期',
      submit: '生成',
      'kind.daily': '日报',
      'kind.weekly': '周报',
      'kind.monthly': '月报',
      period: '期间',
      madeAt: '生成时间',
      madeBy: '生成人',
      size: '大小',
      state: '状态',
      files: '文件',
      schedule: '定时',
      'state.queued': '排队中',
      'state.gathering': '汇总数据：第 {{k}}/{{n}} 节',
      'state.rendering': '生成 PDF 与 XLSX',
      'state.done': '已完成',
      'state.failed': '失败',
      empty: '暂无报表。系统每天 06:00 自动生成前一日日报。',
      viewerNote: '您的角色可下载报表；项目经理、安全员和管理员可生成报表。',
      hint: '日报：当日；周报：该日所在周（周一至周日）；月报：该日所在自然月。',
    },
  );
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
