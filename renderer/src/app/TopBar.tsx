import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../electron/common/api.js';
import type { SourceStatus } from '../../../electron/common/site.js';
import { formatSiteTime } from '../../../electron/common/time.js';
import { SiteState } from '../state/site-state.js';
import { useSources, useValue } from '../state/site-state-hooks.js';
import { useBefore, useNow } from '../state/use-clock.js';
import { CORE_RESTART_NOTICE_MS, type CoreStatus } from '../transport/core-status.js';
import type { ApiClient } from '../transport/api-client.js';
import { ChangePasswordDialog } from './ChangePasswordDialog.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function TopBar({ state, core, session, client, onLogout }: { state: SiteState; core: CoreStatus; session: SessionInfo; client: ApiClient; onLogout: () => void }) {
  const { t } = useTranslation();
  const [changingPassword, setChangingPassword] = useState(false);
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
        <CoreRestarted core={core} />
        <TransportBadge core={core} />
      </ul>
      <div className="top-right">
        <span className="workers" title={t('top.workersOnSite')}>
          {t('top.workersOnSite')}: <strong data-testid="workers-on-site">{workers}</strong>
        </span>
        <SiteClock timeZone={timeZone} />
        <LanguageSwitch />
        <span className="user">{session.username}</span>
        <button type="button" className="link-button" data-testid="change-password" onClick={() => setChangingPassword(true)}>
          {t('password.open')}
        </button>
        <button type="button" className="link-button" onClick={onLogout}>
          {t('top.logout')}
        </button>
      </div>
      {dropped > 0 && <p className="dropped">{t('top.dropped', { count: dropped })}</p>}
      {session.role === 'admin' && <UnencryptedWarning core={core} />}
      {changingPassword && <ChangePasswordDialog client={client} onClose={() => setChangingPassword(false)} />}
    </header>
  );
}

/** "Core restarted" for a minute after the console reconnected to a new core (it reconnects by itself). */
function CoreRestarted({ core }: { core: CoreStatus }) {
  const { t } = useTranslation();
  const at = useValue(core.restartedAt);
  const showing = useBefore(at === null ? null : at + CORE_RESTART_NOTICE_MS);
  if (!showing) return null;
  return (
    <li className="source source-reconnecting" data-testid="core-restarted" role="status">
      <span className="shape" aria-hidden>
        ↻
      </span>
      {t('top.coreRestarted')}
    </li>
  );
}

/** A lock when the console is served over TLS, its certificate's fingerprint in the tooltip (to compare on wall screens). */
function TransportBadge({ core }: { core: CoreStatus }) {
  const { t } = useTranslation();
  const transport = useValue(core.transport);
  if (!transport?.tls) return null;
  return (
    <li className="source" data-testid="tls-badge" title={t('top.tls.fingerprint', { fingerprint: transport.fingerprint ?? '' })}>
      <span className="shape" aria-hidden>
        🔒
      </span>
      {transport.selfSigned ? t('top.tls.selfSigned') : t('top.tls.on')}
    </li>
  );
}

/** Admins see it plainly: on a LAN address without TLS, passwords and tokens cross the network readable. */
function UnencryptedWarning({ core }: { core: CoreStatus }) {
  const { t } = useTranslation();
  const transport = useValue(core.transport);
  if (!transport?.unencryptedLan) return null;
  return (
    <p className="banner banner-error" role="alert" data-testid="unencrypted-banner">
      ⚠ {t('top.unencrypted')}
    </p>
  );
}

/**
 * A data source as the operator names it ("设备数据 已连接", "扬尘监测 已连接 (3 台)"): what it
 * brings, not its protocol or address. The technical name, address and reason are in the hover
 * text (and diagnostics), never on the wall.
 */
function SourceBadge({ source, timeZone }: { source: SourceStatus; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const ok = source.state === 'connected';
  const title = [source.label, source.detail].filter(Boolean).join(' — ');
  return (
    <li className={`source source-${source.state}`} data-testid={`source-${source.id}`} title={title}>
      <span className="shape" aria-hidden>
        {ok ? '●' : '▲'}
      </span>
      {t(`top.source.${source.id}`, { defaultValue: t('top.source.other') })} {t(`source.state.${source.state}`)}
      {ok && source.devices !== undefined && ` ${t('top.source.devices', { count: source.devices })}`}
      {!ok && <span className="detail"> {t('source.since', { time: formatSiteTime(source.since, timeZone, i18n.language) })}</span>}
    </li>
  );
}

/** Wall clock in the site's time zone (not the viewer's), as every time on screen. */
function SiteClock({ timeZone }: { timeZone: string }) {
  const { i18n } = useTranslation();
  const now = useNow(1000);
  return (
    <time className="clock" dateTime={new Date(now).toISOString()} data-testid="site-clock">
      {formatSiteTime(now, timeZone, i18n.language, true)}
    </time>
  );
}
