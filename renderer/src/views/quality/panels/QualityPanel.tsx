import '../strings.js';
import '../quality.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualitySummary } from '../../../../../electron/common/api/quality.js';
import { inspectionsByDayOption } from '../../../../../electron/common/charts/quality-inspections.js';
import { EChart } from '../../../charts/EChart.js';
import type { ViewProps } from '../../view-props.js';
import { QUALITY_CHANGED } from '../quality-changed.js';

/** Read again every minute (notices and inspections change by the hour), and at once after a change in this console. */
const REFRESH_MS = 60_000;

/**
 * The quality panel, on the wall and at the head of the quality view: open rectification notices,
 * how many are overdue, this week's inspection pass rate, and the last 7 days' inspections. Fills
 * any box: figures sized by the box; beside the chart in a wide box, above it in a tall one.
 */
export function QualityPanel({ client }: ViewProps) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<QualitySummary | null>(null);
  useEffect(() => {
    let cancelled = false;
    const read = () => {
      void client.call('getQualitySummary').then((s) => !cancelled && setSummary(s), () => undefined);
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    window.addEventListener(QUALITY_CHANGED, read);
    return () => {
      cancelled = true;
      clearInterval(timer);
      window.removeEventListener(QUALITY_CHANGED, read);
    };
  }, [client]);
  const option = useMemo(() => (summary ? inspectionsByDayOption(summary.days, 'wall', { passed: t('quality.result.pass'), failed: t('quality.result.fail') }) : null), [summary, t]);
  return (
    <section className="qp" data-testid="quality-panel">
      <div className="qp-body">
        <dl className="qp-figures">
          <div>
            <dt>{t('quality.figures.open')}</dt>
            <dd data-testid="qp-open">{summary?.openNotices ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('quality.figures.overdue')}</dt>
            <dd data-testid="qp-overdue" className={summary?.overdueNotices ? 'qp-bad' : ''}>
              {summary ? (summary.overdueNotices ? `▲ ${summary.overdueNotices}` : '0') : '—'}
            </dd>
          </div>
          <div>
            <dt>{t('quality.figures.weekRate')}</dt>
            <dd data-testid="qp-rate">{summary?.weekPassRate == null ? '—' : `${Math.round(summary.weekPassRate * 100)}%`}</dd>
            <dd className="qp-sub">{summary ? t('quality.figures.weekCount', { count: summary.weekInspections, passed: summary.weekPassed }) : ''}</dd>
          </div>
        </dl>
        {option && <EChart option={option} className="qp-chart" label={t('quality.chartLabel')} testId="qp-chart" />}
      </div>
    </section>
  );
}
