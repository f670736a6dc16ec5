import { useTranslation } from 'react-i18next';
import { DEVICE_KINDS } from '../../../../electron/common/device-kinds.js';
import type { AlarmState } from '../../state/alarm-state.js';
import { SiteState } from '../../state/site-state.js';
import { useDeviceIds } from '../../state/site-state-hooks.js';
import { DeviceCard } from './DeviceCard.js';
import { DeviceTable } from './DeviceTable.js';

/** Level 1: the whole site at a glance, devices grouped by kind. */
export function Overview({ state, timeZone, alarms }: { state: SiteState; timeZone: string; alarms?: AlarmState }) {
  const { t } = useTranslation();
  const ids = useDeviceIds(state);
  const byKind = DEVICE_KINDS.map((kind) => ({ kind, ids: ids.filter((id) => state.devices.get(id)?.kind === kind) })).filter((g) => g.ids.length);
  return (
    <main className="overview">
      {byKind.map((group) => (
        <section key={group.kind} className={`kind-group kind-${group.kind}`} aria-labelledby={`kind-${group.kind}`}>
          <h2 id={`kind-${group.kind}`}>{t(`kind.${group.kind}`)}</h2>
          <div className="cards">
            {group.ids.map((id) => (
              <DeviceCard key={id} state={state} id={id} timeZone={timeZone} alarms={alarms} />
            ))}
          </div>
        </section>
      ))}
      <DeviceTable state={state} ids={ids} timeZone={timeZone} alarms={alarms} />
    </main>
  );
}
