import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_EDITORS, type TrainingWorkerView, type WorkerCodeView } from '../../../../../electron/common/api.js';
import type { WorkforceTabProps } from '../WorkforceView.js';
import { ResultsPanel } from './ResultsPanel.js';

/** Workers with induction status and hours; a one-time code for a worker; one worker's results. */
export function WorkersPanel({ client, session }: WorkforceTabProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [withoutInduction, setWithoutInduction] = useState(false);
  const [workers, setWorkers] = useState<TrainingWorkerView[]>([]);
  const [code, setCode] = useState<WorkerCodeView | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canEdit = TRAINING_EDITORS.includes(session.role);
  useEffect(() => {
    const timer = setTimeout(() => client.call('findTrainingWorkers', { query, withoutInduction, limit: 100 }).then(setWorkers, (e: Error) => setError(e.message)), 200);
    return () => clearTimeout(timer);
  }, [client, query, withoutInduction]);
  const makeCode = (workerId: number) => client.call('createWorkerCode', { workerId }).then(setCode, (e: Error) => setError(e.message));
  return (
    <div className="training-split wide-left">
      <div>
        <input placeholder={t('training.workers.search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="training-worker-search" />{' '}
        <label>
          <input type="checkbox" checked={withoutInduction} onChange={(e) => setWithoutInduction(e.target.checked)} /> {t('training.workers.withoutInduction')}
        </label>
        {workers.length === 0 && <p className="training-message">{t('training.workers.none')}</p>}
        <table>
          <tbody>
            {workers.map((w) => (
              <tr key={w.id} data-testid="training-worker-row">
                <td>{w.name}</td>
                <td>{w.idMasked}</td>
                <td className={w.inductionPassed ? 'ok' : 'bad'}>{w.inductionPassed ? '✔' : '✘'}</td>
                <td>{w.trainingHours} h</td>
                <td>
                  <button type="button" onClick={() => setPicked(w.id)}>
                    {t('training.workers.history')}
                  </button>
                  {canEdit && (
                    <button type="button" onClick={() => void makeCode(w.id)} data-testid="training-make-code">
                      {t('training.workers.make')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error && <p className="training-error">{error}</p>}
      </div>
      <div>
        {code && (
          <section data-testid="training-code">
            <h3>{t('training.workers.codeFor', { name: code.workerName })}</h3>
            <div className="training-code">{code.code}</div>
            <p className="training-message">{t('training.workers.expires', { time: new Date(code.expiresAt).toLocaleTimeString(i18n.language) })}</p>
          </section>
        )}
        {picked !== null && <ResultsPanel client={client} workerId={picked} />}
      </div>
    </div>
  );
}
