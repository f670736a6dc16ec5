import { useMemo, useState } from 'react';
import type { AuthoritySiteRow } from '../../../../electron/common/api/authority.js';
import { SiteMap } from './SiteMap.js';
import { SiteTable } from './SiteTable.js';
import { STATUS_ORDER, STATUS_ZH } from './format.js';

/** Rankings an inspector asks for first: where the most is wrong. */
const RANKINGS: { zh: string; score: (s: AuthoritySiteRow) => number; show: (s: AuthoritySiteRow) => string }[] = [
  {
    zh: '未闭合报警',
    // Ordered by priority first (a critical outranks any number of lows), shown by priority.
    score: (s) => (s.summary ? s.summary.openAlarms.critical * 1e6 + s.summary.openAlarms.high * 1e3 + s.summary.openAlarms.medium : 0),
    show: (s) => (s.summary ? `紧急 ${s.summary.openAlarms.critical} · 高 ${s.summary.openAlarms.high} · 中 ${s.summary.openAlarms.medium}` : ''),
  },
  { zh: '逾期整改', score: (s) => s.summary?.overdueRectifications ?? 0, show: (s) => `${s.summary?.overdueRectifications ?? 0} 项` },
  { zh: '扬尘超标', score: (s) => s.summary?.dustExceedancesToday ?? 0, show: (s) => `今日 ${s.summary?.dustExceedancesToday ?? 0} 次` },
];

export function Overview({ sites, onOpen }: { sites: AuthoritySiteRow[]; onOpen: (id: string) => void }) {
  const [district, setDistrict] = useState('');
  const [enterprise, setEnterprise] = useState('');
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');
  const districts = useMemo(() => [...new Set(sites.map((s) => s.district))].sort(), [sites]);
  const enterprises = useMemo(() => [...new Set(sites.map((s) => s.enterprise))].sort(), [sites]);
  const shown = sites.filter(
    (s) => (!district || s.district === district) && (!enterprise || s.enterprise === enterprise) && (!status || s.status === status) && (!text || s.name.includes(text) || s.id.includes(text)),
  );
  const counts = Object.fromEntries(STATUS_ORDER.map((st) => [st, shown.filter((s) => s.status === st).length]));
  return (
    <div className="au-overview">
      <div className="au-filters" role="search">
        <label>
          区县
          <select data-testid="au-filter-district" value={district} onChange={(e) => setDistrict(e.target.value)}>
            <option value="">全部</option>
            {districts.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <label>
          企业
          <select data-testid="au-filter-enterprise" value={enterprise} onChange={(e) => setEnterprise(e.target.value)}>
            <option value="">全部</option>
            {enterprises.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <label>
          状态
          <select data-testid="au-filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">全部</option>
            {STATUS_ORDER.map((s) => (
              <option key={s} value={s}>
                {STATUS_ZH[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          搜索
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="项目名称或编号" />
        </label>
        <p className="au-counts" data-testid="au-count">
          共 {shown.length} 个工地 · {STATUS_ORDER.map((s) => `${STATUS_ZH[s]} ${counts[s]}`).join(' · ')}
        </p>
      </div>
      <div className="au-top">
        <SiteMap sites={shown} onOpen={onOpen} />
        <section className="au-rankings" aria-label="排名">
          {RANKINGS.map((r) => (
            <div key={r.zh} className="au-ranking">
              <h3>{r.zh} 前五</h3>
              <ol>
                {[...shown]
                  .filter((s) => r.score(s) > 0)
                  .sort((a, b) => r.score(b) - r.score(a))
                  .slice(0, 5)
                  .map((s) => (
                    <li key={s.id}>
                      <button type="button" onClick={() => onOpen(s.id)}>
                        {s.name}
                      </button>
                      <span>{r.show(s)}</span>
                    </li>
                  ))}
              </ol>
            </div>
          ))}
          <div className="au-ranking au-districts" data-testid="au-districts">
            <h3>分区概况</h3>
            <table>
              <thead>
                <tr>
                  <th>区县</th>
                  {STATUS_ORDER.map((st) => (
                    <th key={st} className={`au-${st}`}>
                      {STATUS_ZH[st]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {districts.map((d) => (
                  <tr key={d} onClick={() => setDistrict(d === district ? '' : d)}>
                    <td>{d}</td>
                    {STATUS_ORDER.map((st) => (
                      <td key={st}>{shown.filter((s) => s.district === d && s.status === st).length || '—'}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <SiteTable sites={shown} onOpen={onOpen} />
    </div>
  );
}
