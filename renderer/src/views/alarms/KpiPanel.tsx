import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AlarmKpis } from '../../../../electron/common/alarms.js';
import type { AlarmState } from '../../state/alarm-state.js';
import { type SiteState } from '../../state/site-state.js';
import { useValue } from '../../state/site-state-hooks.js';
import { alarmSourceName, splitDuration } from './alarm-format.js';
import { alarmMessage } from './alarm-text.js';
import { PriorityBadge } from './AlarmBits.js';

/**
 * Alarm-system health (EEMUA 191, ISA-18.2 §16), each figure beside its reference value so the
 * numbers mean something to the shift: is the alarm load manageable, is something chattering.
 */
export function KpiPanel({ alarms, site }: { alarms: AlarmState; site: SiteState }) {
  const { t } = useTranslation();
  const kpis = useValue(alarms.kpis);
  const nameOf = alarmSourceName(site.devices, t);
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
        <Kpi label={t('alarm.kpi.chattering')} value={String(kpis.chattering.length)} reference={t('alarm.kpi.chatteringRef')} testId="kpi-chattering" detail={kpis.chattering.map((key) => conditionWords(kpis, key, nameOf, t)).join('; ')} />
        <Kpi label={t('alarm.kpi.mtta')} value={duration(kpis.meanTimeToAckMs)} reference={t('alarm.kpi.mttaRef', { count: kpis.acknowledgements })} testId="kpi-mtta" />
      </dl>
      <TopTen kpis={kpis} nameOf={nameOf} />
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

/** A condition in words: its device's name and the alarm text (the key only if the core sent no description). */
function conditionWords(kpis: AlarmKpis, key: string, nameOf: (id: string) => string, t: TFunction): string {
  const about = kpis.about?.[key];
  return about ? `${nameOf(about.sourceDevice)} · ${alarmMessage(about, t, nameOf)}` : key;
}

function TopTen({ kpis, nameOf }: { kpis: AlarmKpis; nameOf: (id: string) => string }) {
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
          {kpis.topTen.map((c) => {
            const about = kpis.about?.[c.conditionKey];
            return (
              <li key={c.conditionKey}>
                {about && <PriorityBadge priority={about.priority} />}
                <span className="key">{conditionWords(kpis, c.conditionKey, nameOf, t)}</span> <strong>{c.count}</strong>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
