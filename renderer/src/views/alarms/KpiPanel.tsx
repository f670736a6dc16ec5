import { useTranslation } from 'react-i18next';
import type { AlarmKpis } from '../../../../electron/common/alarms.js';
import type { AlarmState } from '../../state/alarm-state.js';
import { useValue } from '../../state/site-state.js';
import { splitDuration } from './alarm-format.js';

/**
 * Alarm-system health (EEMUA 191, ISA-18.2 §16), each figure beside its reference value so the
 * numbers mean something to the shift: is the alarm load manageable, is something chattering.
 */
export function KpiPanel({ alarms }: { alarms: AlarmState }) {
  const { t } = useTranslation();
  const kpis = useValue(alarms.kpis);
  if (!kpis) return <section className="kpi-panel panel">{t('alarm.kpi.unavailable')}</section>;
  const duration = (ms: number | null) => {
    if (ms === null) return '—';
    const { h, m, s } = splitDuration(ms);
    return h ? t('alarm.kpi.durationHours', { h, m }) : t('alarm.kpi.duration', { m, s });
  };
  return (
    <section className="kpi-panel panel" aria-labelledby="kpi-heading" data-testid="kpi-panel">
      <h2 id="kpi-heading">{t('alarm.kpi.heading')}</h2>
      <dl className="kpis">
        <Kpi label={t('alarm.kpi.lastTen')} value={String(kpis.activationsInFloodWindow)} reference={t('alarm.kpi.lastTenRef')} testId="kpi-last-ten" />
        <Kpi label={t('alarm.kpi.flood')} value={kpis.flood ? `⚠ ${t('alarm.detail.yes')}` : t('alarm.detail.no')} reference={t('alarm.kpi.floodRef')} testId="kpi-flood" />
        <Kpi label={t('alarm.kpi.standing')} value={String(kpis.standing.length)} reference={t('alarm.kpi.standingRef')} testId="kpi-standing" />
        <Kpi label={t('alarm.kpi.chattering')} value={String(kpis.chattering.length)} reference={t('alarm.kpi.chatteringRef')} testId="kpi-chattering" detail={kpis.chattering.join(', ')} />
        <Kpi label={t('alarm.kpi.mtta')} value={duration(kpis.meanTimeToAckMs)} reference={t('alarm.kpi.mttaRef', { count: kpis.acknowledgements })} testId="kpi-mtta" />
      </dl>
      <TopTen kpis={kpis} />
    </section>
  );
}

function Kpi({ label, value, reference, testId, detail }: { label: string; value: string; reference: string; testId: string; detail?: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong>
        {detail && <span className="kpi-detail">{detail}</span>}
        <span className="kpi-ref">{reference}</span>
      </dd>
    </div>
  );
}

function TopTen({ kpis }: { kpis: AlarmKpis }) {
  const { t } = useTranslation();
  const total = kpis.perTenMinutes.reduce((sum, w) => sum + w.count, 0);
  const topSum = kpis.topTen.reduce((sum, c) => sum + c.count, 0);
  return (
    <div className="top-ten" data-testid="kpi-top-ten">
      <h3>{t('alarm.kpi.topTen')}</h3>
      <p className="kpi-ref">{t('alarm.kpi.topTenRef', { pct: total ? Math.round((topSum / total) * 100) : 0 })}</p>
      {kpis.topTen.length === 0 ? (
        <p className="hint">{t('alarm.kpi.none')}</p>
      ) : (
        <ol>
          {kpis.topTen.map((c) => (
            <li key={c.conditionKey}>
              <span className="key">{c.conditionKey}</span> <strong>{c.count}</strong>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
