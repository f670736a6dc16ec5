import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataPackageView } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { ViewProps } from '../view-props.js';
import './data-package-strings.js';
import { useDataPackages } from './use-data-packages.js';

function dayIn(timeZone: string, offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + offsetDays * 86_400_000);
}

function sizeText(bytes: number | null): string {
  return bytes === null ? '—' : bytes < 1_048_576 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** Verifiable data packages for the authority: made for a period, listed, downloaded; admins see the site key to register. */
export function DataPackagesSection({ client, session, timeZone }: Pick<ViewProps, 'client' | 'session' | 'timeZone'>) {
  const { t } = useTranslation();
  const { packages, key, error, request } = useDataPackages(client, session.role === 'admin');
  const [from, setFrom] = useState(() => dayIn(timeZone, -1));
  const [to, setTo] = useState(() => dayIn(timeZone, -1));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void request(from, to);
  };
  const stateText = (p: DataPackageView) => t(`packages.state.${p.state}`, { step: p.step });
  return (
    <section className="data-packages" data-testid="data-packages">
      <h3>{t('packages.heading')}</h3>
      {key && (
        <div className="package-key" data-testid="site-key">
          <span>{t('packages.key')}</span>
          <span>
            {t('packages.fingerprint')}: <code data-testid="site-key-fingerprint">{key.fingerprintGrouped}</code>
          </span>
        </div>
      )}
      <form className="report-form" onSubmit={submit} aria-label={t('packages.submit')}>
        <label>
          {t('packages.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="package-from" required />
        </label>
        <label>
          {t('packages.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="package-to" required />
        </label>
        <button type="submit" data-testid="package-make">
          {t('packages.submit')}
        </button>
        <span className="report-hint">{t('packages.hint')}</span>
      </form>
      {error && (
        <p className="form-error" role="alert" data-testid="package-error">
          {error}
        </p>
      )}
      {packages && packages.length === 0 && <p className="report-hint">{t('packages.empty')}</p>}
      {packages && packages.length > 0 && (
        <table className="report-list">
          <thead>
            <tr>
              <th>{t('packages.period')}</th>
              <th>{t('packages.madeAt')}</th>
              <th>{t('packages.madeBy')}</th>
              <th className="num">{t('packages.size')}</th>
              <th>{t('packages.state')}</th>
              <th>{t('packages.file')}</th>
            </tr>
          </thead>
          <tbody>
            {packages.map((p) => (
              <tr key={p.id} data-testid="package-row" data-state={p.state}>
                <td>{p.from === p.to ? p.from : `${p.from} ～ ${p.to}`}</td>
                <td>{formatSiteTime(p.finishedAt ?? p.requestedAt, timeZone, 'zh-CN', true)}</td>
                <td>{p.madeBy}</td>
                <td className="num">{sizeText(p.bytes)}</td>
                <td className={`report-state ${p.state}`}>
                  {stateText(p)}
                  {p.state !== 'done' && p.state !== 'failed' && <progress max={1} value={p.progress} />}
                  {p.state === 'done' && p.empty && <div className="report-error">{t('packages.noData')}</div>}
                  {p.leftOut > 0 && <div className="report-error">{t('packages.leftOut', { n: p.leftOut })}</div>}
                  {p.state === 'failed' && p.error && <div className="report-error">{p.error}</div>}
                </td>
                <td className="report-files">
                  {p.download && (
                    <a href={p.download} download data-testid="download-package" title={p.sha256 ?? ''}>
                      TAR
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
