import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodChoice } from './period.js';

/** Today / this week / this month / a custom range of days. */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (choice: PeriodChoice) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(value.kind === 'range' ? value.from : '');
  const [to, setTo] = useState(value.kind === 'range' ? value.to : '');
  return (
    <div className="stat-period" role="group" aria-label={t('statistics.period.label')}>
      {(['day', 'week', 'month'] as const).map((kind) => (
        <button key={kind} type="button" className={value.kind === kind ? 'active' : ''} aria-pressed={value.kind === kind} onClick={() => onChange({ kind })} data-testid={`stat-period-${kind}`}>
          {t(`statistics.period.${kind}`)}
        </button>
      ))}
      <span className="stat-range">
        <label>
          {t('statistics.period.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="stat-period-from" />
        </label>
        <label>
          {t('statistics.period.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="stat-period-to" />
        </label>
        <button type="button" className={value.kind === 'range' ? 'active' : ''} disabled={!from || !to} onClick={() => onChange({ kind: 'range', from, to })} data-testid="stat-period-range">
          {t('statistics.period.apply')}
        </button>
      </span>
    </div>
  );
}
