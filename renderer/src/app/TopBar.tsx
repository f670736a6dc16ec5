import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../electron/common/api.js';
import type { SourceStatus } from '../../../electron/common/site.js';
import { formatSiteTime } from '../../../electron/common/time.js';
import { SiteState, useSources, useValue } from '../state/site-state.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function TopBar({ state, session, onLogout }: { state: SiteState; session: SessionInfo; onLogout: () => void }) {
  const { t } = useTranslation();
  const site = useValue(state.site);
  const link = useValue(state.link);
  const dropped = useValue(state.dropped);
  const workers = useValue(state.workersOnSite);
  const sources = useSources(state);
  const timeZone = site?.timeZone ?? 'Asia/Shanghai';

  return (
    <header className="top-bar">
      <div className="site-name">
        <span className="app-name">{t('app.title')}</span>
        <strong data-testid="site-name">{site?.name ?? '…'}</strong>
        {site?.simulated && <span className="tag tag-demo">{t('top.simulated')}</span>}
      </div>
      <ul className="sources" aria-label="sources">
        {sources.map((s) => (
          <SourceBadge key={s.id} source={s} timeZone={timeZone} />
        ))}
        <li className={`source link-${link}`} data-testid="live-link">
          <span className="shape" aria-hidden>
            {link === 'live' ? '●' : link === 'lost' ? '▲' : '○'}
          </span>
          {t(`top.live.${link}`)}
        </li>
      </ul>
      <div className="top-right">
        <span className="workers" title={t('top.workersOnSite')}>
          {t('top.workersOnSite')}: <strong data-testid="workers-on-site">{workers}</strong>
        </span>
        <SiteClock timeZone={timeZone} />
        <LanguageSwitch />
        <span className="user">{session.username}</span>
        <button type="button" className="link-button" onClick={onLogout}>
          {t('top.logout')}
        </button>
      </div>
      {dropped > 0 && <p className="dropped">{t('top.dropped', { count: dropped })}</p>}
    </header>
  );
}

function SourceBadge({ source, timeZone }: { source: SourceStatus; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const ok = source.state === 'connected';
  return (
    <li className={`source source-${source.state}`} data-testid={`source-${source.id}`} title={source.detail ?? ''}>
      <span className="shape" aria-hidden>
        {ok ? '●' : '▲'}
      </span>
      {source.label} — {t(`source.state.${source.state}`)}
      {!ok && (
        <span className="detail">
          {source.detail ? ` (${source.detail})` : ''} {t('source.since', { time: formatSiteTime(source.since, timeZone, i18n.language) })}
        </span>
      )}
    </li>
  );
}

/** Wall clock in the site's time zone (not the viewer's), as every time on screen. */
function SiteClock({ timeZone }: { timeZone: string }) {
  const { i18n } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="clock" dateTime={new Date(now).toISOString()} data-testid="site-clock">
      {formatSiteTime(now, timeZone, i18n.language, true)}
    </time>
  );
}
