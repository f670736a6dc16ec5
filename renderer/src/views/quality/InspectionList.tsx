import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectionSummary } from '../../../../electron/common/api/quality.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { ApiClient } from '../../transport/api-client.js';

/** 检查记录: the latest inspections with their results; a row opens the inspection. */
export function InspectionList({ client, timeZone }: { client: ApiClient; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<InspectionSummary[] | null>(null);
  useEffect(() => {
    void client.call('listInspections', { limit: 200 }).then(setRows, () => undefined);
  }, [client]);
  return (
    <section className="panel q-list" data-testid="q-inspections">
      {rows && rows.length === 0 && <p className="hint">{t('quality.none')}</p>}
      {rows && rows.length > 0 && (
        <table className="q-table">
          <thead>
            <tr>
              {(['time', 'checklist', 'result', 'items', 'location', 'inspector', 'notices'] as const).map((c) => (
                <th key={c}>{t(`quality.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="mono">
                  <a href={`#/quality/inspection/${r.id}`}>{formatSiteTime(r.at, timeZone, i18n.language, true)}</a>
                </td>
                <td>{r.checklistName}</td>
                <td className={r.result === 'fail' ? 'q-fail' : ''}>{(r.result === 'fail' ? '✗ ' : '✓ ') + t(`quality.result.${r.result}`)}</td>
                <td className="mono">
                  {r.passed} / {r.failed} / {r.notApplicable}
                </td>
                <td>{r.locationText || '—'}</td>
                <td>{r.inspector}</td>
                <td>{r.notices || ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
