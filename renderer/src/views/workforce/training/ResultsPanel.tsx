import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CourseSummary, ExamResultView } from '../../../../../electron/common/api.js';
import type { ApiClient } from '../../../transport/api-client.js';

const duration = (s: number | null) => (s === null ? '—' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);

/** Attempts with score and time, per course or per worker, newest first. */
export function ResultsPanel({ client, courseId, workerId }: { client: ApiClient; courseId?: number; workerId?: number }) {
  const { t, i18n } = useTranslation();
  const [courses, setCourses] = useState<CourseSummary[]>([]);
  const [rows, setRows] = useState<ExamResultView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.call('listCourses').then(setCourses, (e: Error) => setError(e.message));
  }, [client]);
  useEffect(() => {
    client.call('listExamResults', { ...(courseId ? { courseId } : {}), ...(workerId ? { workerId } : {}) }).then(setRows, (e: Error) => setError(e.message));
  }, [client, courseId, workerId]);
  const status = (r: ExamResultView) =>
    r.status === 'open' ? t('training.open') : `${r.passed ? `✔ ${t('training.passed')}` : `✘ ${t('training.failed')}`}${r.status === 'timed-out' ? ` (${t('training.timedOut')})` : ''}`;
  return (
    <div data-testid="training-results">
      {workerId === undefined && (
        <select value={courseId ?? ''} onChange={(e) => (location.hash = `#/workforce/training/results${e.target.value ? `/${e.target.value}` : ''}`)}>
          <option value="">{t('training.results.all')}</option>
          {courses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      )}
      {error && <p className="training-error">{error}</p>}
      {rows && rows.length === 0 && <p className="training-message">{t('training.results.none')}</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('training.results.worker')}</th>
              <th>{t('training.results.id')}</th>
              <th>{t('training.results.course')}</th>
              <th>{t('training.results.started')}</th>
              <th>{t('training.results.duration')}</th>
              <th>{t('training.results.score')}</th>
              <th>{t('training.results.result')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.attemptId} data-testid="training-result-row">
                <td>{r.workerName}</td>
                <td>{r.idMasked}</td>
                <td>{r.courseTitle}</td>
                <td>{new Date(r.startedAt).toLocaleString(i18n.language)}</td>
                <td>{duration(r.durationSeconds)}</td>
                <td data-testid="training-result-score">{r.score ?? '—'}</td>
                <td className={r.passed ? 'ok' : r.passed === false ? 'bad' : ''}>{status(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
