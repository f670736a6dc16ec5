import i18next from 'i18next';
import { addStrings } from '../../../i18n/add-strings.js';

/** The real-name platform section (workforcePlatform.*), Chinese first. */
function register(): void {
  addStrings(
    'workforcePlatform',
    {
      title: 'National real-name platform',
      configured: 'Credentials set',
      notConfigured: 'Credentials not set: an admin enters them below',
      lastSync: 'Last sync',
      never: 'never',
      lastError: 'Last pass stopped',
      pending: 'Waiting to send',
      syncNow: 'Sync now',
      syncing: 'Syncing…',
      state: { queued: 'Queued', submitted: 'Awaiting result', accepted: 'Accepted', rejected: 'Rejected', held: 'Held back', blocked: 'Blocked' },
      kind: { company: 'Company', team: 'Team', worker: 'Worker', 'entry-exit': 'Entry/exit', attendance: 'Attendance', pay: 'Pay' },
      problems: 'Records not accepted',
      noProblems: 'Every record sent was accepted.',
      col: { kind: 'Kind', label: 'Record', state: 'State', reason: 'Reason (platform\'s words)', at: 'When' },
      credentials: 'Platform credentials (admins)',
      platformUrl: 'Platform URL',
      appId: 'App id',
      appSecret: 'App secret',
      secretKept: 'stored; leave empty to keep it',
      projectCode: 'Project code',
      save: 'Save credentials',
      saved: 'Saved.',
    },
    {
      title: '全国建筑工人管理服务信息平台',
      configured: '已配置凭据',
      notConfigured: '未配置凭据：请管理员在下方填写',
      lastSync: '上次同步',
      never: '从未',
      lastError: '上次同步中止',
      pending: '待发送',
      syncNow: '立即同步',
      syncing: '同步中…',
      state: { queued: '排队中', submitted: '等待结果', accepted: '已接收', rejected: '被退回', held: '暂缓上传', blocked: '等待依赖' },
      kind: { company: '参建单位', team: '班组', worker: '人员', 'entry-exit': '进退场', attendance: '考勤', pay: '工资' },
      problems: '未被平台接收的记录',
      noProblems: '已发送的记录全部被平台接收。',
      col: { kind: '类别', label: '记录', state: '状态', reason: '原因（平台原文）', at: '时间' },
      credentials: '平台凭据（仅管理员）',
      platformUrl: '平台地址',
      appId: 'AppId',
      appSecret: 'AppSecret',
      secretKept: '已保存；留空则不修改',
      projectCode: '项目编码',
      save: '保存凭据',
      saved: '已保存。',
    },
  );
  addStrings('workforceShell', { tab: { platform: 'Real-name platform' } }, { tab: { platform: '实名平台' } });
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
