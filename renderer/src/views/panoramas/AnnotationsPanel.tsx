import { useTranslation } from 'react-i18next';
import type { PanoramaIssueStatus, PanoramaIssueView, PanoramaMeasurementView } from '../../../../electron/common/panorama/types.js';
import type { ApiClient } from '../../transport/api-client.js';
import { formatMeasured } from './format.js';

/** Measurements of this capture and issues of this point, each exportable as CSV. */
export function AnnotationsPanel(props: {
  client: ApiClient;
  pointId: string | null;
  measurements: PanoramaMeasurementView[];
  issues: PanoramaIssueView[];
  onIssueChanged: () => void;
}) {
  const { t } = useTranslation();
  const download = async (kind: 'measurements' | 'issues') => {
    const { filename, csv } = await props.client.call('exportPanoramaCsv', props.pointId ? { kind, pointId: props.pointId } : { kind });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const setStatus = async (issue: PanoramaIssueView, status: PanoramaIssueStatus) => {
    await props.client.call('updatePanoramaIssue', { id: issue.id, status });
    props.onIssueChanged();
  };
  return (
    <aside className="pano-side">
      <h3>
        {t('panorama.measurements')} <button onClick={() => void download('measurements')}>{t('panorama.exportCsv')}</button>
      </h3>
      <ul data-testid="pano-measurements">
        {props.measurements.map((m) => (
          <li key={m.id}>
            {t(`panorama.${m.kind}`)}: <b>{formatMeasured(m.value, m.uncertainty, m.unit)}</b> {m.label}
          </li>
        ))}
      </ul>
      <h3>
        {t('panorama.issues')} <button onClick={() => void download('issues')}>{t('panorama.exportCsv')}</button>
      </h3>
      <ul data-testid="pano-issues">
        {props.issues.map((i) => (
          <li key={i.id} className={`pano-issue-${i.category}`}>
            <span className="pano-issue-tag">{t(`panorama.${i.category}`)}</span> {i.text}
            {i.assignee ? ` → ${i.assignee}` : ''}{' '}
            <select value={i.status} onChange={(e) => void setStatus(i, e.target.value as PanoramaIssueStatus)}>
              {(['open', 'in-progress', 'resolved', 'closed'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`panorama.status.${s}`)}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </aside>
  );
}
