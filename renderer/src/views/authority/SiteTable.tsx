import { useMemo, useState } from 'react';
import type { AuthoritySiteRow } from '../../../../electron/common/api/authority.js';
import { age, pct, STATUS_MARK, STATUS_ORDER, STATUS_ZH } from './format.js';

interface Column {
  key: string;
  zh: string;
  value: (s: AuthoritySiteRow) => number | string | null;
  show: (s: AuthoritySiteRow) => string;
  /** Higher is worse: sorts descending first. */
  worseHigh?: boolean;
}

const n = (v: number | undefined | null) => (v === undefined || v === null ? '—' : String(v));

/** The columns of SiteSummaryBody, in the order an inspector reads them. */
export const COLUMNS: Column[] = [
  { key: 'status', zh: '状态', value: (s) => STATUS_ORDER.indexOf(s.status), show: (s) => `${STATUS_MARK[s.status]} ${STATUS_ZH[s.status]}${s.stopWork ? ' · 停工' : ''}` },
  { key: 'name', zh: '项目', value: (s) => s.name, show: (s) => s.name },
  { key: 'district', zh: '区县', value: (s) => s.district, show: (s) => s.district },
  { key: 'enterprise', zh: '企业', value: (s) => s.enterprise, show: (s) => s.enterprise },
  { key: 'critical', zh: '紧急', value: (s) => s.summary?.openAlarms.critical ?? null, show: (s) => n(s.summary?.openAlarms.critical), worseHigh: true },
  { key: 'high', zh: '高', value: (s) => s.summary?.openAlarms.high ?? null, show: (s) => n(s.summary?.openAlarms.high), worseHigh: true },
  { key: 'medium', zh: '中', value: (s) => s.summary?.openAlarms.medium ?? null, show: (s) => n(s.summary?.openAlarms.medium), worseHigh: true },
  { key: 'low', zh: '低', value: (s) => s.summary?.openAlarms.low ?? null, show: (s) => n(s.summary?.openAlarms.low), worseHigh: true },
  { key: 'crane', zh: '塔吊报警', value: (s) => s.summary?.craneAlarmsToday ?? null, show: (s) => n(s.summary?.craneAlarmsToday), worseHigh: true },
  { key: 'dust', zh: '扬尘超标', value: (s) => s.summary?.dustExceedancesToday ?? null, show: (s) => n(s.summary?.dustExceedancesToday), worseHigh: true },
  { key: 'dustRate', zh: '扬尘达标率', value: (s) => s.summary?.dustComplianceRate ?? null, show: (s) => pct(s.summary?.dustComplianceRate) },
  { key: 'headcount', zh: '在场人数', value: (s) => s.summary?.headcount ?? null, show: (s) => n(s.summary?.headcount) },
  { key: 'managers', zh: '管理人员', value: (s) => s.summary?.managersPresent ?? null, show: (s) => n(s.summary?.managersPresent) },
  { key: 'attendance', zh: '出勤率', value: (s) => s.summary?.attendanceRate ?? null, show: (s) => pct(s.summary?.attendanceRate) },
  { key: 'certs', zh: '证书问题', value: (s) => s.summary?.certificateProblems ?? null, show: (s) => n(s.summary?.certificateProblems), worseHigh: true },
  { key: 'overdue', zh: '逾期整改', value: (s) => s.summary?.overdueRectifications ?? null, show: (s) => n(s.summary?.overdueRectifications), worseHigh: true },
  { key: 'offline', zh: '设备离线', value: (s) => s.summary?.devicesOffline ?? null, show: (s) => (s.summary ? `${s.summary.devicesOffline}/${s.summary.devicesTotal}` : '—'), worseHigh: true },
  { key: 'blacklisted', zh: '黑名单设备', value: (s) => s.summary?.blacklistedDevicesInUse ?? null, show: (s) => n(s.summary?.blacklistedDevicesInUse), worseHigh: true },
  { key: 'notices', zh: '督办', value: (s) => s.openNotices, show: (s) => (s.openNotices ? String(s.openNotices) : '—'), worseHigh: true },
  { key: 'age', zh: '最近上报', value: (s) => s.reportAgeS, show: (s) => age(s.reportAgeS), worseHigh: true },
];

function compare(a: number | string | null, b: number | string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'zh-CN');
}

export function SiteTable({ sites, onOpen }: { sites: AuthoritySiteRow[]; onOpen: (id: string) => void }) {
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: 'status', desc: false });
  const sorted = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;
    return [...sites].sort((a, b) => (sort.desc ? -1 : 1) * compare(col.value(a), col.value(b)) || a.id.localeCompare(b.id));
  }, [sites, sort]);
  return (
    <div className="au-table-wrap">
      <table className="au-table" data-testid="au-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" data-testid={`au-sort-${c.key}`} onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : (c.worseHigh ?? false) }))}>
                  {c.zh}
                  {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr key={s.id} className={`au-row au-${s.status}`} data-testid={`au-row-${s.id}`} onClick={() => onOpen(s.id)}>
              {COLUMNS.map((c) => (
                <td key={c.key} className={c.worseHigh && typeof c.value(s) === 'number' && (c.value(s) as number) > 0 && c.key !== 'age' ? 'au-bad' : undefined}>
                  {c.show(s)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
