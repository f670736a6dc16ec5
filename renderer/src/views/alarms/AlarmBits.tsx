import { useTranslation } from 'react-i18next';
import type { Alarm, AlarmPriority } from '../../../../electron/common/alarms.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { isUnacknowledged } from '../../../../electron/common/alarms.js';
import { stateWord } from '../../state/alarm-state.js';
import { formatMeasure, PRIORITY_SHAPE, refusalKey } from './alarm-format.js';

/** Priority as colour + shape + word; the only place the alarm colours are used. */
export function PriorityBadge({ priority, count, blink = false }: { priority: AlarmPriority; count?: number; blink?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`priority priority-${priority}`} data-priority={priority}>
      <span className={blink ? 'shape blink' : 'shape'} aria-hidden>
        {PRIORITY_SHAPE[priority]}
      </span>
      <span className="word">{t(`alarm.priority.${priority}`)}</span>
      {count !== undefined && <span className="count">{count}</span>}
    </span>
  );
}

/** ISA-18.2 state in words (未确认 报警中, 已确认, 已恢复未确认, 需复位 …), plus shelving. */
export function StateWords({ alarm, timeZone }: { alarm: Alarm; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const word = stateWord(alarm);
  return (
    <span className={`alarm-state state-${word}`} data-testid="alarm-state">
      {t(`alarm.state.${word}`)}
      {alarm.shelved && <span className="shelved"> · {t('alarm.shelvedUntil', { time: formatSiteTime(alarm.shelved.until, timeZone, i18n.language) })}</span>}
    </span>
  );
}

export function useUnitWord(): (unit: string) => string {
  const { t } = useTranslation();
  return (unit) => (unit === 'people' ? t('alarm.unit.people') : unit === 'h' ? t('alarm.unit.hours') : unit === 's' ? t('alarm.unit.seconds') : unit);
}

/** "115 % / 限值 110 %": a value means little without its limit. */
export function ValueVsLimit({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const unitWord = useUnitWord();
  if (alarm.value === null && alarm.limit === null) return <span className="dim">—</span>;
  return (
    <span className="value-limit">
      <strong>{formatMeasure(alarm.value, alarm.unit, unitWord)}</strong>
      {alarm.limit !== null && <span className="dim"> / {t('alarm.limit', { limit: formatMeasure(alarm.limit, alarm.unit, unitWord) })}</span>}
    </span>
  );
}

export function isBlinking(alarm: Alarm): boolean {
  return isUnacknowledged(alarm);
}

/** A refusal from the core, in words (never swallowed). */
export function RefusalText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const { key, message } = refusalKey(error);
  return (
    <p className="form-error" role="alert" data-testid="alarm-error">
      ⚠ {t(`alarm.error.${key}`, { message })}
    </p>
  );
}
