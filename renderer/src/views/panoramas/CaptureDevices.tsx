import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanoramaQueueView } from '../../../../electron/common/panorama/types.js';
import { loadSession } from '../../app/session.js';
import type { ApiClient } from '../../transport/api-client.js';

type DeviceStatus = PanoramaQueueView['devices'][number];

/**
 * The capture devices the core polls, each with its last pull and error; admins set a device's
 * password here (it goes into the core's vault and is never shown again). Nothing when the site
 * has no capture devices.
 */
export function CaptureDevices({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<DeviceStatus[]>([]);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    client
      .call('getPanoramaQueue')
      .then((queue) => live && setDevices(queue.devices))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client, reload]);
  if (devices.length === 0) return null;
  const isAdmin = loadSession()?.role === 'admin';
  return (
    <section className="capture-devices" data-testid="capture-devices">
      <h3>{t('panorama.devices')}</h3>
      <ul>
        {devices.map((d) => (
          <li key={d.id}>
            <strong>{d.id}</strong> <span className="hint">{d.lastOkAt ? t('panorama.deviceOk', { time: new Date(d.lastOkAt).toLocaleTimeString() }) : t('panorama.deviceNever')}</span>
            {d.lastError && <p className="hint">⚠ {d.lastError}</p>}
            {isAdmin && <DevicePassword id={d.id} client={client} onSaved={() => setTimeout(() => setReload((n) => n + 1), 2000)} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DevicePassword({ id, client, onSaved }: { id: string; client: ApiClient; onSaved(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await client.call('setPanoramaDevicePassword', { id, password });
      setPassword('');
      setMessage(t('panorama.saved'));
      onSaved();
    } catch (error) {
      setMessage(`⚠ ${(error as Error).message}`);
    }
  };
  return (
    <details>
      <summary>{t('panorama.setPassword')}</summary>
      <form onSubmit={save} className="credentials-form">
        <input aria-label={t('panorama.password')} placeholder={t('panorama.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
        <button type="submit">{t('panorama.save')}</button>
        {message && <p className="hint" role="status">{message}</p>}
      </form>
    </details>
  );
}
