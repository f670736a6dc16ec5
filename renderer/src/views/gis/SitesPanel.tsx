import { useTranslation } from 'react-i18next';
import { ALARM_PRIORITIES } from '../../../../electron/common/alarms.js';
import type { SiteEntry, SitesReply } from '../../../../electron/common/api.js';
import { navigate } from '../../app/routes.js';
import { PRIORITY_SHAPE } from '../../gis/sites-tree.js';
import { loadSession } from '../../app/session.js';
import type { ApiClient } from '../../transport/api-client.js';
import { SitePassword } from './SitePassword.js';
import { useGisStrings } from './strings.js';

/**
 * The multi-site tree: authority → enterprises → projects, each with its link status, annunciated
 * alarms by priority (colour + shape + word), workers on site and PM10 with its unit. Selecting a
 * project puts it in the hash (`#/gis/ID`), so the selection survives switching views.
 */
export function SitesPanel({ sites, selected, timeZone, onShowAll, client }: { sites: SitesReply | null; selected: string | null; timeZone: string; onShowAll: () => void; client?: ApiClient }) {
  useGisStrings();
  const { t } = useTranslation();
  if (!sites) return <aside className="gis-panel" aria-busy="true" />;
  const empty = sites.enterprises.length === 0;
  return (
    <aside className="gis-panel" aria-label={t('gis.title')} data-testid="gis-sites">
      <header>
        <p className="gis-authority">
          <span className="gis-dim">{t('gis.authority')}</span>
          <strong>{sites.authority ?? t('gis.noAuthority')}</strong>
        </p>
        <button type="button" className="link-button" onClick={onShowAll}>
          {t('gis.showAll')}
        </button>
      </header>
      {empty && <p className="hint">{t('gis.noSites')}</p>}
      {sites.enterprises.map((enterprise) => (
        <section key={enterprise.name} className="gis-enterprise">
          <h3>{enterprise.name}</h3>
          <ul>
            {enterprise.projects.map((project) => (
              <ProjectRow key={project.id} project={project} selected={project.id === selected} timeZone={timeZone} client={client} />
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}

function ProjectRow({ project, selected, timeZone, client }: { project: SiteEntry; selected: boolean; timeZone: string; client: ApiClient | undefined }) {
  const { t } = useTranslation();
  const live = project.live;
  const stale = project.status !== 'ok' && live !== null;
  const time = live ? new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(live.readAt) : null;
  return (
    <li className={`gis-project${selected ? ' selected' : ''}`} data-testid={`gis-project-${project.id}`} data-status={project.status}>
      <button type="button" className="gis-project-name" aria-current={selected ? 'true' : undefined} onClick={() => navigate('gis', project.id)}>
        {project.name}
        {project.self && <span className="tag">{t('gis.thisSite')}</span>}
      </button>
      <p className={`gis-link gis-link-${project.status}`} title={project.reason}>
        <span className="shape" aria-hidden="true">
          {project.status === 'ok' ? '●' : project.status === 'pending' || project.status === 'not-configured' ? '○' : '▲'}
        </span>
        {t(`gis.status.${project.status}`)}
        {project.reason && <span className="gis-reason"> — {project.reason}</span>}
      </p>
      <SitePassword project={project} client={client} isAdmin={loadSession()?.role === 'admin'} />
      {live && (
        <div className={`gis-figures${stale ? ' stale' : ''}`}>
          <p className="gis-alarms">
            {ALARM_PRIORITIES.every((p) => live.alarmsByPriority[p] === 0) ? (
              <span className="gis-dim">{t('gis.noAlarms')}</span>
            ) : (
              ALARM_PRIORITIES.filter((p) => live.alarmsByPriority[p] > 0).map((p) => (
                <span key={p} className={`gis-alarm prio-${p}`} data-testid={`gis-alarms-${p}`}>
                  <span aria-hidden="true">{PRIORITY_SHAPE[p]}</span> {live.alarmsByPriority[p]} {t(`gis.priority.${p}`)}
                </span>
              ))
            )}
          </p>
          <p>
            <span className="gis-dim">{t('gis.workers')}</span> <strong data-testid="gis-workers">{live.workersOnSite}</strong>
            <span className="gis-sep" />
            <span className="gis-dim">{t('gis.pm10')}</span> <strong>{live.pm10UgM3 === null ? t('gis.noReading') : `${Math.round(live.pm10UgM3)} µg/m³`}</strong>
          </p>
          {stale && time && <p className="gis-dim">{t('gis.readAt', { time })}</p>}
        </div>
      )}
      {project.self && (
        <a className="gis-3d-link" href={`#/site3d`}>
          {t('gis.open3d')} →
        </a>
      )}
    </li>
  );
}
