import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BlacklistEntry } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { type SiteState } from '../../state/site-state.js';
import { useDeviceIds } from '../../state/site-state-hooks.js';
import type { ApiClient } from '../../transport/api-client.js';

/** The regulator's blacklist: entries with who and when; admins add and remove them. */
export function BlacklistPanel({ client, site, admin, timeZone }: { client: ApiClient; site: SiteState; admin: boolean; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<BlacklistEntry[] | null>(null);
  const [form, setForm] = useState({ model: '', supplier: '', reason: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useDeviceIds(site);
  const blacklistedNames = ids.map((id) => site.devices.get(id)).filter((d) => d?.blacklisted).map((d) => d!.name);

  const load = useCallback(
    () =>
      client.call('getBlacklist').then(
        (list) => setEntries(list),
        (e: Error) => setError(e.message),
      ),
    [client],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.model.trim() && !form.supplier.trim()) return setError(t('devices.blacklist.needOne'));
    setBusy(true);
    try {
      await client.call('addBlacklistEntry', {
        ...(form.model.trim() ? { model: form.model } : {}),
        ...(form.supplier.trim() ? { supplier: form.supplier } : {}),
        reason: form.reason,
      });
      setForm({ model: '', supplier: '', reason: '' });
      setError(null);
      await load();
    } catch (e) {
      setError(t('devices.blacklist.error', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: number) => {
    try {
      await client.call('removeBlacklistEntry', { id });
      setError(null);
      await load();
    } catch (e) {
      setError(t('devices.blacklist.error', { message: (e as Error).message }));
    }
  };

  const any = <span className="dim">{t('devices.blacklist.any')}</span>;
  return (
    <section className="panel blacklist-panel" aria-labelledby="blacklist-heading" data-testid="blacklist">
      <h2 id="blacklist-heading">{t('devices.blacklist.heading')}</h2>
      <p className="hint">{t('devices.blacklist.hint')}</p>
      {blacklistedNames.length > 0 && <p className="blacklist-devices">⊘ {t('devices.blacklist.devices', { names: blacklistedNames.join(', ') })}</p>}
      {entries && entries.length === 0 && <p className="hint">{t('devices.blacklist.none')}</p>}
      {entries && entries.length > 0 && (
        <table className="registry-table">
          <thead>
            <tr>
              <th>{t('devices.blacklist.model')}</th>
              <th>{t('devices.blacklist.supplier')}</th>
              <th>{t('devices.blacklist.reason')}</th>
              <th>{t('devices.blacklist.by')}</th>
              {admin && <th />}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid={`blacklist-${e.id}`}>
                <td>{e.model ?? any}</td>
                <td>{e.supplier ?? any}</td>
                <td>{e.reason}</td>
                <td>
                  {e.createdBy} · {formatSiteTime(e.createdAt, timeZone, i18n.language, true)}
                </td>
                {admin && (
                  <td>
                    <button type="button" onClick={() => void remove(e.id)} aria-label={t('devices.blacklist.removeLabel', { what: [e.model, e.supplier].filter(Boolean).join(' / ') })}>
                      {t('devices.blacklist.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin && (
        <form className="blacklist-form" onSubmit={add}>
          <label>
            {t('devices.blacklist.model')}
            <input name="model" value={form.model} onChange={(e) => setForm({ ...form, model: e.target.value })} />
          </label>
          <label>
            {t('devices.blacklist.supplier')}
            <input name="supplier" value={form.supplier} onChange={(e) => setForm({ ...form, supplier: e.target.value })} />
          </label>
          <label className="wide">
            {t('devices.blacklist.reason')}
            <input name="reason" required value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? t('devices.blacklist.adding') : t('devices.blacklist.add')}
          </button>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          ⚠ {error}
        </p>
      )}
    </section>
  );
}
