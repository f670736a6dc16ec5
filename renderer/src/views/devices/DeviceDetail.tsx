import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceDetail as Detail, DeviceIdentity } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { type SiteState } from '../../state/site-state.js';
import { useDevice } from '../../state/site-state-hooks.js';
import type { ApiClient } from '../../transport/api-client.js';
import { StatusTag } from '../overview/DeviceCard.js';
import { FIELDS_BY_KIND } from '../overview/fields.js';
import { DeviceEditForm } from './DeviceEditForm.js';
import { HistoryPanel } from './HistoryPanel.js';
import { IntervalPanel } from './IntervalPanel.js';
import { BlacklistTag } from './BlacklistTag.js';
import { DeviceViewLinks } from '../../app/ViewLinks.js';

const IDENTITY_ROWS = ['model', 'supplier', 'serial', 'installedOn', 'calibratedOn', 'position', 'expectedIntervalS'] as const;

/** Level 3: one device — registry record, status, last values with units, history charts; admins edit. */
export function DeviceDetail({ client, site, id, admin, timeZone }: { client: ApiClient; site: SiteState; id: string; admin: boolean; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const device = useDevice(site, id);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    client.call('getDeviceDetail', { id }).then(
      (d) => !cancelled && setDetail(d),
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [client, id, version]);

  if (!device) return <p className="form-error">{t('devices.notFound', { id })}</p>;
  const show = (key: (typeof IDENTITY_ROWS)[number], source: Partial<DeviceIdentity>): string => {
    const v = source[key];
    if (v === undefined || v === null) return '—';
    if (key === 'position' && typeof v === 'object') return `${v.e}, ${v.n}, ${v.u} m`;
    if (key === 'expectedIntervalS') return t('devices.seconds', { value: v });
    return String(v);
  };
  const values = device.lastValues ?? {};

  return (
    <main className="device-detail" data-testid="device-detail">
      <header className="device-detail-header">
        <a href="#/devices" className="back-link">
          {t('devices.back')}
        </a>
        <h1 data-testid="detail-name">{device.name}</h1>
        <span className="dim">
          {device.id} · {t(`kind.${device.kind}`)}
        </span>
        <StatusTag status={device.status} />
        {device.blacklisted && <BlacklistTag />}
        <DeviceViewLinks deviceId={device.id} show={['in3d', 'alarms']} />
      </header>
      {device.blacklisted && (
        <p className="banner blacklist-banner" data-testid="blacklist-banner">
          ⊘ {t('devices.blacklistedLong', { reason: device.blacklistReason ?? '' })}
        </p>
      )}
      {error && <p className="form-error">⚠ {error}</p>}
      <div className="device-detail-top">
        <section className="panel" aria-labelledby="identity-heading">
          <h2 id="identity-heading">{t('devices.identity')}</h2>
          <dl className="identity">
            {IDENTITY_ROWS.map((key) => {
              const edited = detail?.overridden.includes(key);
              return (
                <div key={key} data-field={key}>
                  <dt>{t(`devices.field.${key}`)}</dt>
                  <dd>
                    {show(key, device as Partial<DeviceIdentity>)}
                    {edited && (
                      <span className="edited-tag" title={t('devices.editedHint', { value: show(key, detail!.baseline) })}>
                        ✎ {t('devices.edited')}
                      </span>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
        <section className="panel" aria-labelledby="values-heading">
          <h2 id="values-heading">{t('devices.lastValues')}</h2>
          <dl className="values">
            {FIELDS_BY_KIND[device.kind].map((f) => {
              const v = values[f.key];
              const text = typeof v === 'number' ? `${v.toFixed(f.digits ?? 1)}${f.unit ? ` ${f.unit}` : ''}` : v === undefined || v === null ? '—' : String(v);
              return (
                <div key={f.key} className={f.primary ? 'value primary' : 'value'}>
                  <dt>{t(`field.${f.key}`)}</dt>
                  <dd>{text}</dd>
                </div>
              );
            })}
          </dl>
          <p className="hint">
            {t('device.lastSeen')}: {device.lastSeen ? formatSiteTime(device.lastSeen, timeZone, i18n.language, true) : t('device.never')}
          </p>
        </section>
      </div>
      {detail && detail.metrics.length > 0 && <HistoryPanel client={client} site={site} deviceId={id} metrics={detail.metrics} limits={detail.limits} timeZone={timeZone} />}
      {device.kind === 'dust' && <IntervalPanel client={client} deviceId={id} timeZone={timeZone} />}
      {admin && detail && <DeviceEditForm key={id} client={client} detail={{ ...detail, device }} onSaved={() => setVersion((v) => v + 1)} />}
      {detail && (
        <section className="panel" aria-labelledby="changes-heading">
          <h2 id="changes-heading">{t('devices.changes.heading')}</h2>
          {detail.changes.length === 0 ? (
            <p className="hint">{t('devices.changes.none')}</p>
          ) : (
            <ul className="change-log" data-testid="change-log">
              {detail.changes.map((c) => (
                <li key={c.seq}>
                  <span className="dim">{t('devices.changes.entry', { at: formatSiteTime(c.at, timeZone, i18n.language, true), actor: c.actor, role: c.actorRole })}</span>
                  {Object.entries(c.changes).map(([field, { from, to }]) => (
                    <span key={field}>
                      {t(`devices.field.${field}`, { defaultValue: field })}: {describe(from)} → <strong>{describe(to)}</strong>
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </main>
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') {
    const p = value as { e: number; n: number; u: number };
    return `${p.e}, ${p.n}, ${p.u} m`;
  }
  return String(value);
}
