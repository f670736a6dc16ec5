import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingProgress, ProgressOverview } from '../../../../electron/common/progress.js';
import type { ApiClient } from '../../transport/api-client.js';

/** A building's milestones (节点) and, for editors, a form to add one or mark it reached. */
export function MilestonesPanel({ client, building, editable, onSaved }: { client: ApiClient; building: BuildingProgress; editable: boolean; onSaved: (o: ProgressOverview) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [planned, setPlanned] = useState('');
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    client.call('setMilestone', { buildingId: building.id, name, planned, done: done || null }).then(
      (o) => {
        setName('');
        setPlanned('');
        setDone('');
        onSaved(o);
      },
      (e: Error) => setError(e.message),
    );
  };
  const pick = (m: BuildingProgress['milestones'][number]) => {
    setName(m.name);
    setPlanned(m.planned);
    setDone(m.done ?? '');
  };
  return (
    <section className="panel progress-milestones" data-testid="progress-milestones">
      <h3>{t('progress.milestones')}</h3>
      <table className="progress-table">
        <thead>
          <tr>
            <th>{t('progress.milestone')}</th>
            <th>{t('progress.plannedDay')}</th>
            <th>{t('progress.done')}</th>
            <th>{t('progress.delay')}</th>
          </tr>
        </thead>
        <tbody>
          {building.milestones.map((m) => (
            <tr key={m.name} onClick={editable ? () => pick(m) : undefined} className={m.delayDays > 0 ? 'late' : ''}>
              <td>{m.name}</td>
              <td>{m.planned}</td>
              <td>{m.done ?? t('progress.open')}</td>
              <td className="num">{m.delayDays > 0 ? t('progress.days', { count: m.delayDays }) : '0'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <form className="progress-form" onSubmit={submit}>
          <h4>{t('progress.addMilestone')}</h4>
          <label>
            {t('progress.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </label>
          <label>
            {t('progress.plannedDay')}
            <input type="date" value={planned} onChange={(e) => setPlanned(e.target.value)} required />
          </label>
          <label>
            {t('progress.done')}
            <input type="date" value={done} onChange={(e) => setDone(e.target.value)} />
          </label>
          <button type="submit">{t('progress.save')}</button>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
