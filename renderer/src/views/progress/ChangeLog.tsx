import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressChange, ProgressOverview } from '../../../../electron/common/progress.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { ApiClient } from '../../transport/api-client.js';

/** Who changed what and when, newest first (read again whenever the overview changes). */
export function ChangeLog({ client, buildingId, overview, timeZone }: { client: ApiClient; buildingId: string; overview: ProgressOverview; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [changes, setChanges] = useState<ProgressChange[]>([]);
  useEffect(() => {
    let cancelled = false;
    client.call('listProgressChanges', { buildingId, limit: 30 }).then((c) => !cancelled && setChanges(c), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [client, buildingId, overview]);
  if (changes.length === 0) return null;
  return (
    <section className="panel progress-changes" data-testid="progress-changes">
      <h3>{t('progress.changes')}</h3>
      <ul>
        {changes.map((c) => (
          <li key={c.seq}>
            <span className="dim">{formatSiteTime(c.at, timeZone, i18n.language, true)}</span> {c.actor} · {t(`progress.change.${c.kind}`)} {c.subject}: {c.before ?? '—'} → {c.after ?? '—'}
            {c.captureId ? ` (${c.captureId})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
