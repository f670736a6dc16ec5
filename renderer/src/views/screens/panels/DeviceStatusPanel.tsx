import { useTranslation } from 'react-i18next';
import type { DeviceKind } from '../../../../../electron/common/device-kinds.js';
import { TREND_METRIC } from '../../../state/site-state.js';
import { useDevice, useDeviceIds } from '../../../state/site-state-hooks.js';
import { useDeviceAlarmMark } from '../../../state/device-alarm.js';
import { DeviceAlarmTag, StatusTag } from '../../overview/DeviceCard.js';
import { FIELDS_BY_KIND } from '../../overview/fields.js';
import { Sparkline } from '../../overview/Sparkline.js';
import { formatField } from './format-field.js';
import type { PanelProps } from './panel-props.js';

/** Which figures a wall row shows per kind: what an operator checks first, at 3 m. */
const WALL_FIELDS: Partial<Record<DeviceKind, string[]>> = {
  crane: ['momentPct', 'loadT', 'radiusM', 'windMs'],
  hoist: ['floor', 'people', 'loadKg', 'doorOpen'],
};

/** Cranes or hoists, one row each: name, link state, open alarm, key figures, the recent trend. */
export function DeviceStatusPanel({ state, alarms, options, kind }: PanelProps & { kind: 'crane' | 'hoist' }) {
  const { t } = useTranslation();
  const ids = useDeviceIds(state);
  const chosen = options.devices?.length ? options.devices : ids.filter((id) => state.devices.get(id)?.kind === kind);
  if (chosen.length === 0) return <p className="wall-panel-message">{t('wall.noDevices')}</p>;
  return (
    <ul className="wall-devices">
      {chosen.map((id) => (
        <DeviceRow key={id} id={id} kind={kind} state={state} alarms={alarms} />
      ))}
    </ul>
  );
}

function DeviceRow({ id, kind, state, alarms }: { id: string; kind: DeviceKind; state: PanelProps['state']; alarms: PanelProps['alarms'] }) {
  const { t } = useTranslation();
  const device = useDevice(state, id);
  const mark = useDeviceAlarmMark(alarms, id);
  if (!device) return null;
  const values = device.lastValues ?? {};
  const fields = (WALL_FIELDS[kind] ?? []).flatMap((key) => FIELDS_BY_KIND[kind].find((f) => f.key === key) ?? []);
  const metric = TREND_METRIC[kind];
  return (
    <li className={`wall-device status-${device.status}${mark ? ` alarm-open alarm-${mark.priority}` : ''}`} data-testid={`wall-device-${id}`}>
      <header>
        <a href={`#/devices/${encodeURIComponent(id)}`} className="wall-device-name">
          {device.name}
        </a>
        <StatusTag status={device.status} />
        {mark && <DeviceAlarmTag deviceId={id} priority={mark.priority} unacked={mark.unacked} />}
      </header>
      <dl className="wall-figures">
        {fields.map((field) => (
          <div key={field.key} data-field={field.key}>
            <dt>{t(`field.${field.key}`)}</dt>
            <dd>{formatField(values[field.key], field, t)}</dd>
          </div>
        ))}
      </dl>
      {metric && <Sparkline buffer={state.trendOf(id)} label={`${device.name} ${t(`field.${metric}`)} ${t('device.trend')}`} />}
    </li>
  );
}
