import { useTranslation } from 'react-i18next';
import type { DeviceView } from '../../../../electron/common/site.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { SiteState, TREND_METRIC } from '../../state/site-state.js';
import { useDevice } from '../../state/site-state-hooks.js';
import { FIELDS_BY_KIND, type FieldFormat } from './fields.js';
import { Sparkline } from './Sparkline.js';
import { BlacklistTag } from '../devices/BlacklistTag.js';
import type { AlarmState } from '../../state/alarm-state.js';
import { useDeviceAlarmMark } from '../../state/device-alarm.js';
import { PriorityBadge } from '../alarms/AlarmBits.js';

/**
 * Level-2 summary of one device: link state (shape + word), its open alarm's priority (colour,
 * shape and word, as in the alarm list and the 3D view), key values with units, a trend.
 */
export function DeviceCard({ state, id, timeZone, alarms }: { state: SiteState; id: string; timeZone: string; alarms?: AlarmState }) {
  const { t, i18n } = useTranslation();
  const device = useDevice(state, id);
  const mark = useDeviceAlarmMark(alarms, id);
  if (!device) return null;
  const values = device.lastValues ?? {};
  const metric = TREND_METRIC[device.kind];
  return (
    <article className={`device-card status-${device.status}${mark ? ` alarm-open alarm-${mark.priority}` : ''}`} data-testid={`device-${device.id}`} aria-label={device.name}>
      <header>
        <h3>
          <a href={`#/devices/${encodeURIComponent(device.id)}`}>{device.name}</a>
        </h3>
        <StatusTag status={device.status} />
        {mark && <DeviceAlarmTag deviceId={device.id} priority={mark.priority} unacked={mark.unacked} />}
        {device.blacklisted && <BlacklistTag />}
      </header>
      <dl className="values">
        {FIELDS_BY_KIND[device.kind].map((field) => (
          <div key={field.key} className={field.primary ? 'value primary' : 'value'} data-field={field.key}>
            <dt>{t(`field.${field.key}`)}</dt>
            <dd>{formatValue(values[field.key], field, t)}</dd>
          </div>
        ))}
      </dl>
      {metric && (
        <div className="trend">
          <span>
            {t(`field.${metric}`)} · {t('device.trend')}
          </span>
          <Sparkline buffer={state.trendOf(device.id)} label={`${t(`field.${metric}`)} ${t('device.trend')}`} />
        </div>
      )}
      <footer>
        {t('device.lastSeen')}: {device.lastSeen ? formatSiteTime(device.lastSeen, timeZone, i18n.language) : t('device.never')}
        {device.badPayloads > 0 && <p className="bad-payloads">⚠ {t('device.badPayloads', { count: device.badPayloads, reason: device.lastError ?? '' })}</p>}
      </footer>
    </article>
  );
}

/** A device's open alarm: the priority badge (blinking while unacknowledged), a link to its alarms. */
export function DeviceAlarmTag({ deviceId, priority, unacked }: { deviceId: string; priority: DeviceAlarmMarkPriority; unacked: boolean }) {
  return (
    <a className="device-alarm-tag" href={`#/alarms/${encodeURIComponent(`device:${deviceId}`)}`} data-testid="device-alarm" data-priority={priority}>
      <PriorityBadge priority={priority} blink={unacked} />
    </a>
  );
}

type DeviceAlarmMarkPriority = NonNullable<ReturnType<typeof useDeviceAlarmMark>>['priority'];

export function StatusTag({ status }: { status: DeviceView['status'] }) {
  const { t } = useTranslation();
  const shape = status === 'online' ? '●' : status === 'offline' ? '◆' : '○';
  return (
    <span className={`status-tag status-${status}`}>
      <span aria-hidden>{shape}</span> {t(`status.${status}`)}
    </span>
  );
}

function formatValue(value: unknown, field: FieldFormat, t: (key: string) => string): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return field.key === 'doorOpen' ? (value ? t('value.open') : t('value.closed')) : String(value);
  if (typeof value === 'number') {
    const text = value.toFixed(field.digits ?? 1);
    return field.unit ? `${text} ${field.unit}` : text;
  }
  if (field.key === 'direction') return t(`value.${String(value)}`);
  return String(value);
}
