import './strings.js';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RealnamePlatformStatus, RealnameRecordState } from '../../../../../electron/common/api.js';
import type { WorkforceTabProps } from '../WorkforceView.js';

const REFRESH_MS = 15_000;
const STATES: readonly RealnameRecordState[] = ['accepted', 'queued', 'submitted', 'rejected', 'held', 'blocked'];

/**
 * 实名平台: how the roster stands with the national real-name platform — last sync, records per
 * state, and every record not accepted with the platform's own reason; admins set the credentials.
 */
export function PlatformTab({ client, session, timeZone }: WorkforceTabProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<RealnamePlatformStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const read = useCallback(() => client.call('getRealnamePlatformStatus').then(setStatus, (e: Error) => setMessage(e.message)), [client]);
  useEffect(() => {
    void read();
    const timer = setInterval(() => void read(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [read]);
  const sync = () => {
    setBusy(true);
    setMessage(null);
    client
      .call('syncRealnamePlatform')
      .then(setStatus, (e: Error) => setMessage(e.message))
      .finally(() => setBusy(false));
  };
  const when = (at: number | null) => (at ? new Date(at).toLocaleString('zh-CN', { hour12: false, timeZone }) : t('workforcePlatform.never'));
  return (
    <section data-testid="workforce-platform" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', gap: 12, alignItems: 'start' }}>
      <section className="panel">
        <h3>{t('workforcePlatform.title')}</h3>
        <p data-testid="platform-configured" className={status?.configured ? '' : 'cert-warn'}>
          {status?.configured ? `${t('workforcePlatform.configured')} · ${status.platformUrl} · ${status.appIdMasked} · ${status.projectCode}` : t('workforcePlatform.notConfigured')}
        </p>
        <p>
          {t('workforcePlatform.lastSync')}: <span data-testid="platform-last-sync">{when(status?.lastSyncAt ?? null)}</span> · {t('workforcePlatform.pending')}: {status?.outboxPending ?? 0}
        </p>
        {status?.lastError && (
          <p className="cert-bad" data-testid="platform-last-error">
            {t('workforcePlatform.lastError')}: {status.lastError}
          </p>
        )}
        <p data-testid="platform-counts" style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          {STATES.map((s) => (
            <span key={s} className={s === 'rejected' || s === 'held' ? (status?.counts[s] ? 'cert-bad' : '') : s === 'blocked' && status?.counts[s] ? 'cert-warn' : ''}>
              {t(`workforcePlatform.state.${s}`)} {status?.counts[s] ?? 0}
            </span>
          ))}
        </p>
        <button type="button" className="button primary" disabled={busy || !status?.configured} onClick={sync} data-testid="platform-sync" style={{ display: 'inline-block', width: 'auto', padding: '4px 24px' }}>
          {busy ? t('workforcePlatform.syncing') : t('workforcePlatform.syncNow')}
        </button>
        {message && <p className="cert-bad">{message}</p>}
        <h3 style={{ marginTop: 16 }}>{t('workforcePlatform.problems')}</h3>
        {status && status.problems.length === 0 ? (
          <p>{t('workforcePlatform.noProblems')}</p>
        ) : (
          <table className="wf-table" data-testid="platform-problems">
            <thead>
              <tr>
                {(['kind', 'label', 'state', 'reason', 'at'] as const).map((c) => (
                  <th key={c}>{t(`workforcePlatform.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(status?.problems ?? []).map((p) => (
                <tr key={p.key} data-testid="platform-problem">
                  <td>{t(`workforcePlatform.kind.${p.kind}`)}</td>
                  <td>{p.label}</td>
                  <td className={p.state === 'blocked' ? 'cert-warn' : 'cert-bad'}>{t(`workforcePlatform.state.${p.state}`)}</td>
                  <td>
                    {p.code && p.state === 'rejected' ? `${p.code} ` : ''}
                    {p.reason}
                  </td>
                  <td>{when(p.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {session.role === 'admin' && status && <CredentialsForm status={status} client={client} onSaved={setStatus} />}
    </section>
  );
}

function CredentialsForm({ status, client, onSaved }: { status: RealnamePlatformStatus; client: WorkforceTabProps['client']; onSaved: (s: RealnamePlatformStatus) => void }) {
  const { t } = useTranslation();
  // Filled once from the status first read (the form is shown only after it), then the admin's.
  const [f, setF] = useState(() => ({ platformUrl: status.platformUrl ?? '', appId: '', appSecret: '', projectCode: status.projectCode ?? '' }));
  const [note, setNote] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    const request = { platformUrl: f.platformUrl, appId: f.appId, projectCode: f.projectCode, ...(f.appSecret ? { appSecret: f.appSecret } : {}) };
    client.call('setRealnamePlatformCredentials', request).then(
      (s) => {
        onSaved(s);
        setF((o) => ({ ...o, appSecret: '' }));
        setNote(t('workforcePlatform.saved'));
      },
      (err: Error) => setNote(err.message),
    );
  };
  const field = (key: keyof typeof f, label: string, extra: Record<string, unknown> = {}) => (
    <label className="field" style={{ display: 'grid', gap: 4 }}>
      <span>{label}</span>
      <input value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} data-testid={`platform-${key}`} {...extra} />
    </label>
  );
  return (
    <form className="panel" onSubmit={submit} style={{ display: 'grid', gap: 8 }} data-testid="platform-credentials">
      <h3>{t('workforcePlatform.credentials')}</h3>
      {field('platformUrl', t('workforcePlatform.platformUrl'), { required: true, placeholder: 'https://' })}
      {field('appId', t('workforcePlatform.appId'), { required: true, placeholder: status.appIdMasked ?? '' })}
      {field('appSecret', t('workforcePlatform.appSecret'), { type: 'password', autoComplete: 'off', placeholder: status.secretSet ? t('workforcePlatform.secretKept') : '' })}
      {field('projectCode', t('workforcePlatform.projectCode'), { required: true })}
      <button type="submit" className="button primary" data-testid="platform-save" style={{ justifySelf: 'start', padding: '4px 24px' }}>
        {t('workforcePlatform.save')}
      </button>
      {note && <p>{note}</p>}
    </form>
  );
}
