import type { DayFlag } from '../../../common/attendance.js';

/**
 * The words printed on ledgers and pay sheets, as site offices file them (Chinese only: these
 * are filed with the labour bureau and the wage account bank).
 */
/** Two ideographic spaces (U+3000) between fields on one printed line, as Chinese forms space them. */
export const GAP = '\u3000\u3000';

export const LEDGER_TITLE = '农民工考勤台账';
export const PAY_TITLE = '农民工工资发放表（总包代发）';

/** Signature lines at the foot of the ledger: preparer, labour officer, project manager, team leader. */
export const LEDGER_SIGNATURES = ['制表人：', '劳务员：', '项目经理：', '班组长签字：'];
export const PAY_SIGNATURES = ['制表人：', '劳务员：', '项目经理：', '总包单位（盖章）：'];

export const FLAG_TEXT: Record<DayFlag, string> = {
  'missing-exit': '缺出场',
  'missing-entry': '缺进场',
  'single-punch': '单次打卡',
  overnight: '跨夜',
  'on-site': '在场',
};

export const LEDGER_LEGEND = '说明：√ 出勤一天；半 半天；× 有打卡但不足一天；* 有异常（缺出场、缺进场、单次打卡、跨夜）；空白 未出勤或不在场。工时单位：小时。';

/** "第 X 页 共 Y 页" */
export const pageText = (page: number, pages: number) => `第 ${page} 页 共 ${pages} 页`;

export const hashText = (hash: string) => `考勤台账哈希（SHA-256）：${hash}`;

export const wageKindText = (kind: 'daily' | 'hourly' | null) => (kind === 'daily' ? '计日' : kind === 'hourly' ? '计时' : '未约定');

/** `2026-03` → `2026年3月` */
export const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Download names the office recognises (the hash prefix tells versions apart). */
export function documentName(kind: 'ledger' | 'pay', month: string, hash: string, format: 'xlsx' | 'pdf'): string {
  return `${kind === 'ledger' ? '考勤台账' : '工资表'}-${month}-${hash.slice(0, 8)}.${format}`;
}
