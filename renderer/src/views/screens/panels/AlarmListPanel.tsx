import { useTranslation } from 'react-i18next';
import { isUnacknowledged } from '../../../../../electron/common/alarms.js';
import { formatSiteTime } from '../../../../../electron/common/time.js';
import { annunciatedSorted } from '../../../state/alarm-state.js';
import { PriorityBadge, StateWords, ValueVsLimit } from '../../alarms/AlarmBits.js';
import { alarmSourceName } from '../../alarms/alarm-format.js';
import { alarmMessage } from '../../alarms/alarm-text.js';
import { useAllAlarms } from '../../alarms/use-alarms.js';
import type { PanelProps } from './panel-props.js';

/**
 * The annunciated alarms, most important first (ISA-18.2 order): priority as colour + shape +
 * word, the device and what happened, value against limit, state. Only unacknowledged alarms
 * blink; a row opens the alarm's detail (acknowledging is done there, not from across the room).
 */
export function AlarmListPanel({ alarms, state, timeZone, options }: PanelProps) {
  const { t, i18n } = useTranslation();
  const list = useAllAlarms(alarms);
  const nameOf = alarmSourceName(state.devices, t);
  const sorted = annunciatedSorted(list);
  const shown = sorted.slice(0, options.maxRows ?? 8);
  if (sorted.length === 0) {
    return (
      <p className="wall-calm" data-testid="wall-alarms-none">
        ✓ {t('wall.noAlarms')}
      </p>
    );
  }
  return (
    <div className="wall-alarms">
      <ol className="wall-alarm-rows" data-testid="wall-alarm-rows">
        {shown.map((alarm) => (
          <li key={alarm.id} className={`wall-alarm${isUnacknowledged(alarm) ? ' unacked' : ''}`} data-priority={alarm.priority}>
            <a href={`#/alarms/${encodeURIComponent(alarm.id)}`}>
              <PriorityBadge priority={alarm.priority} blink={isUnacknowledged(alarm)} />
              <span className="wall-alarm-text">
                <AlarmWords text={alarmMessage(alarm, t, nameOf)} source={nameOf(alarm.sourceDevice)} />
              </span>
              <span className="wall-alarm-meta">
                <ValueVsLimit alarm={alarm} /> · <StateWords alarm={alarm} timeZone={timeZone} />{alarm.activatedAt !== null && ` · ${formatSiteTime(alarm.activatedAt, timeZone, i18n.language)}`}
              </span>
            </a>
          </li>
        ))}
      </ol>
      {sorted.length > shown.length && <p className="wall-more">{t('wall.moreAlarms', { count: sorted.length - shown.length })}</p>}
    </div>
  );
}

/** The source's name in bold, then what happened (the message often starts with the name already). */
function AlarmWords({ text, source }: { text: string; source: string }) {
  const rest = text.startsWith(source) ? text.slice(source.length).trimStart() : text;
  return (
    <>
      <strong>{source}</strong> {rest}
    </>
  );
}
