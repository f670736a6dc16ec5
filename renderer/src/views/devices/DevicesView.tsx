import './strings.js';
import './devices.css';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../electron/common/api.js';
import { type SiteState } from '../../state/site-state.js';
import { useDeviceIds } from '../../state/site-state-hooks.js';
import type { ApiClient } from '../../transport/api-client.js';
import { StatusTag } from '../overview/DeviceCard.js';
import { BlacklistPanel } from './BlacklistPanel.js';
import { BlacklistTag } from './BlacklistTag.js';
import { DeviceDetail } from './DeviceDetail.js';

/** `#/devices`: the registry (every device's record) and the blacklist; `#/devices/ID`: one device. */
export function DevicesView({ client, state, session, param, timeZone }: { client: ApiClient; state: SiteState; session: SessionInfo; param: string | null; timeZone: string }) {
  const admin = session.role === 'admin';
  if (param) return <DeviceDetail key={param} client={client} site={state} id={param} admin={admin} timeZone={timeZone} />;
  return <RegistryList client={client} state={state} admin={admin} timeZone={timeZone} />;
}

function RegistryList({ client, state, admin, timeZone }: { client: ApiClient; state: SiteState; admin: boolean; timeZone: string }) {
  const { t } = useTranslation();
  const ids = useDeviceIds(state);
  // Names, models and blacklist state change live (device events): re-render on any device change.
  useSyncExternalStore(
    (l) => state.devices.subscribeAll(l),
    () => state.devices.getVersion(),
  );
  return (
    <main className="devices-view">
      <section className="panel" aria-labelledby="registry-heading">
        <h2 id="registry-heading">{t('devices.heading')}</h2>
        <p className="hint">{t('devices.listHint')}</p>
        <table className="registry-table">
          <thead>
            <tr>
              <th>{t('devices.field.name')}</th>
              <th>{t('devices.field.kind')}</th>
              <th>{t('devices.field.model')}</th>
              <th>{t('devices.field.supplier')}</th>
              <th>{t('devices.field.serial')}</th>
              <th>{t('devices.field.calibratedOn')}</th>
              <th>{t('devices.status')}</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => {
              const d = state.devices.get(id);
              if (!d) return null;
              return (
                <tr key={id} data-testid={`registry-${id}`}>
                  <td>
                    <a href={`#/devices/${encodeURIComponent(id)}`}>{d.name}</a>
                  </td>
                  <td>{t(`kind.${d.kind}`)}</td>
                  <td>{d.model ?? '—'}</td>
                  <td>{d.supplier ?? '—'}</td>
                  <td>{d.serial ?? '—'}</td>
                  <td>{d.calibratedOn ?? '—'}</td>
                  <td>
                    <StatusTag status={d.status} /> {d.blacklisted && <BlacklistTag />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <BlacklistPanel client={client} site={state} admin={admin} timeZone={timeZone} />
    </main>
  );
}
