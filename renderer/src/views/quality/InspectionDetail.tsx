import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../electron/common/api.js';
import type { InspectionView } from '../../../../electron/common/api/quality.js';
import { mayQuality } from '../../../../electron/common/quality-permissions.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { ApiClient } from '../../transport/api-client.js';
import { PhotoPicker } from './PhotoPicker.js';

/** One inspection: each item's finding with its clause and photos; a failed item can raise a notice. */
export function InspectionDetail({ id, client, session, timeZone }: { id: number; client: ApiClient; session: SessionInfo; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [inspection, setInspection] = useState<InspectionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.call('getInspection', { id }).then(setInspection, (e: Error) => setError(e.message));
  }, [client, id]);
  if (!inspection) return <section className="panel">{error && <p className="form-error">{error}</p>}</section>;
  return (
    <section className="panel q-detail" data-testid="q-inspection-detail">
      <p>
        <a href="#/quality/inspections">← {t('quality.actions.back')}</a>
      </p>
      <h2>
        {t('quality.inspection', { id })} · {inspection.checklistName} · <span className={inspection.result === 'fail' ? 'q-fail' : ''}>{t(`quality.result.${inspection.result}`)}</span>
      </h2>
      <p className="q-dim">
        {formatSiteTime(inspection.at, timeZone, i18n.language, true)} · {inspection.inspector} · {inspection.locationText || '—'}
      </p>
      {inspection.remark && <p>{inspection.remark}</p>}
      <table className="q-table">
        <thead>
          <tr>
            {(['item', 'clause', 'result', 'remark', 'photos'] as const).map((c) => (
              <th key={c}>{t(`quality.col.${c}`)}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {inspection.items.map((item) => (
            <tr key={item.code}>
              <td>{item.text}</td>
              <td className="q-dim">{item.clause}</td>
              <td className={item.result === 'fail' ? 'q-fail' : ''}>{t(`quality.result.${item.result}`)}</td>
              <td className="q-text">{item.remark}</td>
              <td>{item.photos.length > 0 && <PhotoPicker token={session.token} photos={item.photos} />}</td>
              <td>
                {item.result === 'fail' && mayQuality(session.role, 'raise') && (
                  <a className="button small" href={`#/quality/new-notice/${id}/${encodeURIComponent(item.code)}`} data-testid={`q-raise-${item.code}`}>
                    {t('quality.actions.raiseFromItem')}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {inspection.photos.length > 0 && <PhotoPicker token={session.token} photos={inspection.photos} />}
    </section>
  );
}
