import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { alarmSourceOf, countByPriority, watchKpis } from '../../../state/alarm-state.js';
import { useValue } from '../../../state/site-state-hooks.js';
import { PriorityBadge } from '../../alarms/AlarmBits.js';
import { useAllAlarms } from '../../alarms/use-alarms.js';
import type { PanelProps } from './panel-props.js';

/**
 * The alarm load at a glance (ISA-18.2 §16, EEMUA 191): open alarms by priority, the last ten
 * minutes' activations against the flood threshold, standing and chattering alarms, time to ack.
 */
export function AlarmKpiPanel({ client, alarms }: PanelProps) {
  const { t } = useTranslation();
  useEffect(() => watchKpis(alarms, alarmSourceOf(client)), [alarms, client]);
  const kpis = useValue(alarms.kpis);
  const counts = countByPriority(useAllAlarms(alarms));
  const mtta = kpis?.meanTimeToAckMs;
  return (
    <div className="wall-kpis">
      <ul className="wall-priorities">
        {(['critical', 'high', 'medium', 'low'] as const).map((p) => (
          <li key={p}>
            <PriorityBadge priority={p} /> <strong>{counts[p]}</strong>
          </li>
        ))}
      </ul>
      <dl className="wall-figures">
        <div>
          <dt>{t('alarm.kpi.lastTen')}</dt>
          <dd>{kpis ? `${kpis.activationsInFloodWindow}${kpis.flood ? ` ⚠ ${t('wall.flood')}` : ''}` : '—'}</dd>
        </div>
        <div>
          <dt>{t('alarm.kpi.standing')}</dt>
          <dd>{kpis ? kpis.standing.length : '—'}</dd>
        </div>
        <div>
          <dt>{t('alarm.kpi.chattering')}</dt>
          <dd>{kpis ? kpis.chattering.length : '—'}</dd>
        </div>
        <div>
          <dt>{t('alarm.kpi.mtta')}</dt>
          <dd>{mtta === null || mtta === undefined ? '—' : t('wall.seconds', { s: Math.round(mtta / 1000) })}</dd>
        </div>
      </dl>
    </div>
  );
}
