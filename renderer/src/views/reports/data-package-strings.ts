import i18next from 'i18next';
import { addStrings } from '../../i18n/add-strings.js';

/** The data-package section's strings (Simplified Chinese first in the console, English beside). */
function register(): void {
  addStrings(
    'packages',
    {
      heading: 'Verifiable data packages (for the supervising authority)',
      from: 'From',
      to: 'To',
      submit: 'Make package',
      hint: 'Up to 31 site days. Data, attachments, a SHA-256 manifest, the audit-chain head and the site’s Ed25519 signature; check with npm run verify-package.',
      key: 'Site signing key (register with the authority)',
      fingerprint: 'Fingerprint (SHA-256)',
      period: 'Period',
      madeAt: 'Made at',
      madeBy: 'By',
      size: 'Size',
      state: 'State',
      file: 'File',
      empty: 'No packages yet.',
      noData: 'no records in the period',
      leftOut: '{{n}} attachments left out (size cap)',
      'state.queued': 'Queued',
      'state.gathering': 'Gathering: {{step}}',
      'state.writing': 'Writing: {{step}}',
      'state.done': 'Done',
      'state.failed': 'Failed',
    },
    {
      heading: '可验证数据包（报送主管部门）',
      from: '开始日期',
      to: '结束日期',
      submit: '生成数据包',
      hint: '最长 31 天。含数据、附件、SHA-256 清单、审计链头与站点 Ed25519 签名；可用 npm run verify-package 离线校验。',
      key: '站点签名公钥（向主管部门登记）',
      fingerprint: '指纹（SHA-256）',
      period: '时段',
      madeAt: '生成时间',
      madeBy: '生成人',
      size: '大小',
      state: '状态',
      file: '文件',
      empty: '暂无数据包。',
      noData: '该时段无记录',
      leftOut: '{{n}} 个附件因大小上限未放入',
      'state.queued': '排队中',
      'state.gathering': '汇总：{{step}}',
      'state.writing': '写入：{{step}}',
      'state.done': '已完成',
      'state.failed': '失败',
    },
  );
}

if (i18next.isInitialized) register();
else i18next.on('initialized', register);
