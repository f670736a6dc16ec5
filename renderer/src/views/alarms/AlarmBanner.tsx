import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { navigate } from '../../app/routes.js';
import { ALARM_PRIORITIES, alarmSourceOf, audiblePriority, countByPriority, newestUnacknowledged, watchKpis, type AlarmState } from '../../state/alarm-state.js';
import { type SiteState } from '../../state/site-state.js';
import { useValue } from '../../state/site-state-hooks.js';
import type { ApiClient } from '../../transport/api-client.js';
import { PriorityBadge } from './AlarmBits.js';
import { AlarmHorn } from './alarm-sound.js';
import { useAllAlarms } from './use-alarms.js';
import './alarms.css';
import { alarmMessage } from './alarm-text.js';
import { alarmSourceName } from './alarm-format.js';

/**
 * Always visible under the top bar: counts per priority, the newest unacknowledged alarm, the
 * flood warning, and the horn with its mute switch. Clicking it opens the alarm list.
 */
export function AlarmBanner({ alarms, site, client, timeZone }: { alarms: AlarmState; site: SiteState; client: ApiClient; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const all = useAllAlarms(alarms);
  const kpis = useValue(alarms.kpis);
  const loadError = useValue(alarms.loadError);
  const [horn] = useState(() => new AlarmHorn());
  const muted = useValue(horn.muted);
  const blocked = useValue(horn.blocked);
  const sounding = useValue(horn.sounding);
  const counts = countByPriority(all);
  const newest = newestUnacknowledged(all);
  const audible = audiblePriority(all);

  useEffect(() => watchKpis(alarms, alarmSourceOf(client)), [alarms, client]);

  useEffect(() => {
    window.addEventListener('pointerdown', horn.unlock);
    window.addEventListener('keydown', horn.unlock);
    return () => {
      window.removeEventListener('pointerdown', horn.unlock);
      window.removeEventListener('keydown', horn.unlock);
      horn.dispose();
    };
  }, [horn]);

  useEffect(() => horn.update(audible), [horn, audible, muted]);

  const nameOf = alarmSourceName(site.devices, t);
  const deviceName = newest ? nameOf(newest.sourceDevice) : '';
  const sound = muted ? 'muted' : sounding ? 'playing' : blocked ? 'blocked' : 'quiet';

  return (
    <section className="alarm-banner" aria-label={t('alarm.banner.label')} data-testid="alarm-banner" data-sound={sound}>
      {/* The whole strip is one button: one click (or Enter) to the list. */}
      <button type="button" className="alarm-banner-open" onClick={() => navigate('alarms')} title={t('alarm.banner.open')}>
        <span className="alarm-counts" data-testid="alarm-counts">
          {ALARM_PRIORITIES.map((p) => (
            <span key={p} className={counts[p] ? 'count-item' : 'count-item zero'} data-testid={`alarm-count-${p}`}>
              <PriorityBadge priority={p} count={counts[p]} />
            </span>
          ))}
        </span>
        <span className="alarm-newest" data-testid="alarm-newest">
          {newest ? (
            <>
              <PriorityBadge priority={newest.priority} blink />
              <span className="newest-device">{deviceName}</span>
              <span className="newest-message">{alarmMessage(newest, t, nameOf)}</span>
              {newest.activatedAt !== null && <time className="newest-time">{formatSiteTime(newest.activatedAt, timeZone, i18n.language)}</time>}
            </>
          ) : (
            <span className="dim">{t('alarm.banner.none')}</span>
          )}
        </span>
      </button>
      <button
        type="button"
        className={muted ? 'mute-toggle muted' : 'mute-toggle'}
        aria-pressed={muted}
        data-testid="alarm-mute"
        // Browsers allow sound only after a click or key press; say so on the toggle itself, not in an
        // extra line whose disappearance on the first click would move the page under the pointer.
        title={blocked ? t('alarm.banner.soundBlocked') : undefined}
        data-blocked={blocked || undefined}
        onClick={() => horn.setMuted(!muted)}
      >
        <span aria-hidden>{muted ? '⊘' : blocked ? '♪?' : '♪'}</span> {muted ? t('alarm.banner.muted') : t('alarm.banner.soundOn')}
      </button>
      {kpis?.flood && (
        <p className="alarm-flood" role="alert" data-testid="alarm-flood">
          <span aria-hidden>⚠</span> {t('alarm.banner.flood', { count: kpis.activationsInFloodWindow })}
        </p>
      )}
      {loadError && (
        <p className="alarm-banner-note" role="alert">
          ⚠ {t('alarm.banner.loadError', { message: loadError })}
        </p>
      )}
    </section>
  );
}
