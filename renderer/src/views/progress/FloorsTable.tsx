import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingProgress, ProgressOverview } from '../../../../electron/common/progress.js';
import type { ApiClient } from '../../transport/api-client.js';

interface Props {
  client: ApiClient;
  building: BuildingProgress;
  editable: boolean;
  onSaved: (o: ProgressOverview) => void;
}

/**
 * Floors from the top down (as the building reads): planned day (editable for the project's
 * editors), completed day with who entered it and its panorama evidence, and the floor's delay.
 */
export function FloorsTable({ client, building, editable, onSaved }: Props) {
  const { t } = useTranslation();
  const [edits, setEdits] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const changed = Object.entries(edits).filter(([floor, day]) => day && day !== building.floors[Number(floor) - 1]?.planned);

  const savePlans = () => {
    setError(null);
    client.call('setFloorPlans', { buildingId: building.id, floors: changed.map(([floor, planned]) => ({ floor: Number(floor), planned })) }).then(
      (o) => {
        setEdits({});
        onSaved(o);
      },
      (e: Error) => setError(e.message),
    );
  };
  const takeBack = (floor: number) => {
    setError(null);
    client.call('clearFloorCompletion', { buildingId: building.id, floor }).then(onSaved, (e: Error) => setError(e.message));
  };

  return (
    <section className="panel progress-floors" data-testid="progress-floors">
      <h3>{t('progress.floors')}</h3>
      {error && (
        <p className="form-error" role="alert" data-testid="progress-plans-error">
          {error}
        </p>
      )}
      <div className="progress-floors-scroll">
        <table className="progress-table">
          <thead>
            <tr>
              <th>{t('progress.floor')}</th>
              <th>{t('progress.plannedDay')}</th>
              <th>{t('progress.completedDay')}</th>
              <th>{t('progress.delay')}</th>
              <th>{t('progress.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {[...building.floors].reverse().map((f) => (
              <tr key={f.floor} data-testid={`progress-floor-${f.floor}`} className={f.delayDays > 0 ? 'late' : ''}>
                <td className="num">{f.floor}</td>
                <td>
                  {editable ? (
                    <input type="date" value={edits[f.floor] ?? f.planned ?? ''} onChange={(e) => setEdits({ ...edits, [f.floor]: e.target.value })} aria-label={`${t('progress.plannedDay')} ${f.floor}`} />
                  ) : (
                    (f.planned ?? '—')
                  )}
                </td>
                <td>
                  {f.completed ?? t('progress.notDone')}
                  {f.completedBy && <span className="dim"> · {t('progress.by', { who: f.completedBy })}</span>}
                  {f.completedSource === 'file' && <span className="dim"> · {t('progress.source.file')}</span>}
                  {editable && f.completed && (
                    <button type="button" className="link-button" onClick={() => takeBack(f.floor)}>
                      {t('progress.clear')}
                    </button>
                  )}
                </td>
                <td className="num" data-testid={`progress-floor-${f.floor}-delay`}>
                  {f.delayDays > 0 ? t('progress.days', { count: f.delayDays }) : '0'}
                </td>
                <td className="dim">{f.captureId ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable && (
        <button type="button" disabled={changed.length === 0} onClick={savePlans} data-testid="progress-save-plans">
          {t('progress.savePlans')}
        </button>
      )}
    </section>
  );
}
