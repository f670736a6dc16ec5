import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';

/** The occurrence's story from the audit log: what happened, when, who did it and what they wrote. */
export function AlarmTimeline({ history, timeZone }: { history: readonly AuditEntryView[]; timeZone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="alarm-timeline" data-testid="alarm-timeline">
      {history.map((entry) => (
        <li key={entry.seq} data-event={entry.eventType} data-testid="timeline-entry">
          <time>{formatSiteTime(entry.at, timeZone, i18n.language, true)}</time>
          <strong className="event">{t(`alarm.event.${entry.eventType}`, { defaultValue: entry.eventType })}</strong>
          <span className="actor">
            {entry.actorRole === 'system'
              ? t('alarm.role.system')
              : t('alarm.detail.byUser', { user: entry.actor, role: t(`alarm.role.${entry.actorRole}`, { defaultValue: entry.actorRole }) })}
          </span>
          {entry.text && <q className="text">{entry.text}</q>}
        </li>
      ))}
    </ol>
  );
}
