import { useCallback, useEffect, useState } from 'react';
import type { AuthoritySiteDetail } from '../../../../electron/common/api/authority.js';
import { call } from './api.js';
import { age, pct, STATUS_MARK, STATUS_ZH } from './format.js';
import { NoticeRow } from './NoticeRow.js';
import { NoticeForm } from './NoticeForm.js';
import { Trend } from './Trend.js';

/** Drill-down to one site: its dashboard from its summaries, its trend, its notices, its live console (with consent). */
export function SiteDetail({ siteId, onNotice, onBack }: { siteId: string; onNotice: (id: string) => void; onBack: () => void }) {
  const [site, setSite] = useState<AuthoritySiteDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call<AuthoritySiteDetail>('GET', `/api/authority/sites/${encodeURIComponent(siteId)}`).then(setSite, (e: Error) => setError(e.message));
  }, [siteId]);
  useEffect(() => {
    load();
    const t = setInterval(load, 10_000);
    return () => clearInterval(t);
  }, [load]);
  if (error) return <p className="form-error">⚠ {error}</p>;
  if (!site) return <p className="au-dim">加载中…</p>;
  const s = site.summary;
  const card = (zh: string, value: string, bad = false) => (
    <div className={`au-card${bad ? ' au-bad' : ''}`} key={zh}>
      <span>{zh}</span>
      <strong>{value}</strong>
    </div>
  );
  return (
    <div className="au-site" data-testid="au-site">
      <header className="au-site-head">
        <button type="button" onClick={onBack}>
          ← 全部工地
        </button>
        <h2>
          <span className={`au-${site.status}`}>
            {STATUS_MARK[site.status]} {STATUS_ZH[site.status]}
          </span>{' '}
          {site.name}
        </h2>
        <span className="au-dim">
          {site.id} · {site.district} · {site.enterprise} · 最近上报 {age(site.reportAgeS)}
        </span>
        {site.stopWork && <strong className="au-stopwork">停工整改中</strong>}
        {s?.consoleUrl ? (
          <a href={s.consoleUrl} target="_blank" rel="noreferrer" data-testid="au-console-link">
            打开工地实时控制台 ↗
          </a>
        ) : (
          <span className="au-dim">工地未开放实时控制台</span>
        )}
      </header>
      {s ? (
        <div className="au-cards">
          {card('紧急/高/中/低报警', `${s.openAlarms.critical}/${s.openAlarms.high}/${s.openAlarms.medium}/${s.openAlarms.low}`, s.openAlarms.critical + s.openAlarms.high > 0)}
          {card('今日塔吊报警', String(s.craneAlarmsToday), s.craneAlarmsToday > 0)}
          {card('今日扬尘超标', String(s.dustExceedancesToday), s.dustExceedancesToday > 0)}
          {card('扬尘达标率', pct(s.dustComplianceRate))}
          {card('在场人数', String(s.headcount))}
          {card('管理人员在岗', String(s.managersPresent), s.managersPresent === 0)}
          {card('出勤率', pct(s.attendanceRate))}
          {card('证书问题', String(s.certificateProblems), s.certificateProblems > 0)}
          {card('逾期整改', String(s.overdueRectifications), s.overdueRectifications > 0)}
          {card('设备离线', `${s.devicesOffline}/${s.devicesTotal}`, s.devicesOffline > 0)}
          {card('黑名单设备在用', String(s.blacklistedDevicesInUse), s.blacklistedDevicesInUse > 0)}
          {card('数据日期', `${s.day}`)}
        </div>
      ) : (
        <p className="au-dim">该工地尚未上报数据</p>
      )}
      <div className="au-site-grid">
        <Trend days={site.days} />
        <NoticeForm siteId={site.id} onIssued={(n) => onNotice(n.id)} />
      </div>
      <section className="au-panel">
        <h3>督办记录</h3>
        {site.notices.length === 0 ? (
          <p className="au-dim">暂无</p>
        ) : (
          <table className="au-table au-notices">
            <tbody>
              {site.notices.map((n) => (
                <NoticeRow key={n.id} notice={n} withSite={false} onOpen={onNotice} testId={`au-notice-${n.id}`} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
