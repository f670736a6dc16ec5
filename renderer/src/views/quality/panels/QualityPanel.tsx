import '../strings.js';
import '../quality.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualitySummary } from '../../../../../electron/common/api/quality.js';
import { inspectionsByDayOption } from '../../../../../electron/common/charts/quality-inspections.js';
import { EChart } from '../../../charts/EChart.js';
import type { ViewProps } from '../../view-props.js';

/** Read again every minute: notices and inspections change by the hour, not the second. */
const REFRESH_MS = 60_000;

/**
 * The wall's quality panel: open rectification notices, how many are overdue, this week's
 * inspection pass rate, and the last 7 days' inspections. Fills any box; figures sized by the box.
 */
export function QualityPanel({ client }: ViewProps) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<QualitySummary | null>(null);
  useEffect(() => {
    let cancelled = false;
    const read = () => client.call('getQualitySummary').then((s) => !cancelled && setSummary(s), () => undefined);
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client]);
  const option = useMemo(() => (summary ? inspectionsByDayOption(summary.days, 'wall', { passed: t('quality.result.pass'), failed: t('quality.result.fail') }) : null), [summary, t]);
  const figure = { fontSize: 'clamp(1.6rem, 5cqmin, 4.5rem)', color: 'var(--value)', fontVariantNumeric: 'tabular-nums' as const, margin: 0, lineHeight: 1.1 };
  const label = { color: 'var(--text-dim)', fontSize: 'clamp(0.9rem, 2.2cqmin, 1.6rem)' };
  return (
    <section data-testid="quality-panel" style={{ containerType: 'size', display: 'flex', flexDirection: 'column', gap: 8, width: '100%', height: '100%', padding: 8, boxSizing: 'border-box', minHeight: 0 }}>
      <h3 style={{ margin: 0, ...label, color: 'var(--text)' }}>{t('nav.quality')}</h3>
      <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8, margin: 0 }}>
        <div>
          <dt style={label}>{t('quality.figures.open')}</dt>
          <dd style={figure} data-testid="qp-open">{summary?.openNotices ?? '—'}</dd>
        </div>
        <div>
          <dt style={label}>{t('quality.figures.overdue')}</dt>
          <dd style={figure} data-testid="qp-overdue">
            {summary ? (summary.overdueNotices ? `▲ ${summary.overdueNotices}` : '0') : '—'}
          </dd>
        </div>
        <div>
          <dt style={label}>{t('quality.figures.weekRate')}</dt>
          <dd style={figure} data-testid="qp-rate">{summary?.weekPassRate == null ? '—' : `${Math.round(summary.weekPassRate * 100)}%`}</dd>
          <dd style={{ ...label, margin: 0 }}>{summary ? t('quality.figures.weekCount', { count: summary.weekInspections, passed: summary.weekPassed }) : ''}</dd>
        </div>
      </dl>
      {option && (
        <div style={{ flex: 1, minHeight: 80 }}>
          <EChart option={option} className="q-panel-chart" label={t('quality.figures.weekRate')} testId="qp-chart" />
        </div>
      )}
    </section>
  );
}
