import type { SiteStatus } from '../../../../electron/common/api/authority.js';

export const STATUS_ZH: Record<SiteStatus, string> = { critical: '严重', warning: '关注', normal: '正常', offline: '离线', 'no-data': '无数据' };
/** Shape + colour + word for each status (colour alone never carries meaning). */
export const STATUS_MARK: Record<SiteStatus, string> = { critical: '◆', warning: '▲', normal: '●', offline: '✕', 'no-data': '○' };
export const STATUS_ORDER: SiteStatus[] = ['critical', 'warning', 'offline', 'no-data', 'normal'];

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`;
}

export function age(s: number | null): string {
  if (s === null) return '—';
  if (s < 90) return `${s} 秒前`;
  if (s < 5400) return `${Math.round(s / 60)} 分钟前`;
  if (s < 172_800) return `${Math.round(s / 3600)} 小时前`;
  return `${Math.round(s / 86_400)} 天前`;
}

export function dateTime(ms: number): string {
  return new Date(ms).toLocaleString('zh-CN', { hour12: false });
}

export const NOTICE_STATE_ZH = { issued: '已下达', answered: '已回复', verified: '已复查', closed: '已销项' } as const;
export const NOTICE_KIND_ZH = { rectification: '整改通知', 'stop-work': '停工令' } as const;
