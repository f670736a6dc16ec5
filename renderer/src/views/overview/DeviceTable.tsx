import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { SiteState } from '../../state/site-state.js';
import type { Alarm } from '../../../../electron/common/alarms.js';
import type { AlarmState } from '../../state/alarm-state.js';
import { deviceAlarmMark } from '../../state/device-alarm.js';
import { DeviceAlarmTag, StatusTag } from './DeviceCard.js';

/** Every device in one list: the operator's check that nothing has gone quiet. */
export function DeviceTable({ state, ids, timeZone, alarms }: { state: SiteState; ids: string[]; timeZone: string; alarms?: AlarmState }) {
  const { t, i18n } = useTranslation();
  // Re-render at most on the store's change notifications; values come from the store.
  useSyncExternalStore(
    (l) => state.devices.subscribeAll(l),
    () => state.devices.getVersion(),
  );
  const open: readonly Alarm[] = useSyncExternalStore(
    (l) => (alarms ? alarms.subscribeAll(l) : () => undefined),
    () => (alarms ? alarms.all() : NO_ALARMS),
  );
  return (
    <section className="device-table" aria-labelledby="device-table-heading">
      <h2 id="device-table-heading">{t('table.heading')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('table.name')}</th>
            <th>{t('table.kind')}</th>
            <th>{t('table.status')}</th>
            <th>{t('table.lastSeen')}</th>
            <th>{t('table.errors')}</th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const d = state.devices.get(id);
            if (!d) return null;
            return (
              <tr key={id} data-testid={`row-${id}`}>
                <td>
                  <a href={`#/devices/${encodeURIComponent(id)}`}>{d.name}</a>
                </td>
                <td>{t(`kind.${d.kind}`)}</td>
                <td>
                  <StatusTag status={d.status} />
                  <DeviceRowAlarm alarms={open} deviceId={id} />
                </td>
                <td>{d.lastSeen ? formatSiteTime(d.lastSeen, timeZone, i18n.language) : t('device.never')}</td>
                <td className={d.badPayloads ? 'warn' : ''}>{d.badPayloads}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

const NO_ALARMS: readonly Alarm[] = [];

function DeviceRowAlarm({ alarms, deviceId }: { alarms: readonly Alarm[]; deviceId: string }) {
  const mark = deviceAlarmMark(alarms, deviceId);
  return mark ? <DeviceAlarmTag deviceId={deviceId} priority={mark.priority} unacked={mark.unacked} /> : null;
}
