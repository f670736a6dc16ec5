import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveredCameraView, OnvifProbeView } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';
import './onvif-strings.js';

/** A camera id from a discovered name: letters, digits, '-' only, at most 64. */
function suggestId(device: DiscoveredCameraView): string {
  const base = (device.hardware ?? 'camera').replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'camera';
  return `${base}-${device.address.split('.').pop() ?? '1'}`.slice(0, 64);
}

/**
 * Admin dialog "发现摄像机": WS-Discovery on the LAN, then for the chosen camera (or a typed address)
 * credentials → read its profiles and streams → add it to the site (credentials go to the vault).
 */
export function DiscoverDialog({ client, onClose, onAdded }: { client: ApiClient; onClose(): void; onAdded(): void }) {
  const { t } = useTranslation();
  const [found, setFound] = useState<DiscoveredCameraView[] | null>(null);
  const [searching, setSearching] = useState(true);
  const [form, setForm] = useState({ deviceUrl: '', id: '', name: '', username: 'admin', password: '', alarmPreset: '' });
  const [probe, setProbe] = useState<OnvifProbeView | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const discover = useCallback(
    () =>
      client
        .call('discoverOnvifCameras', { timeoutMs: 2000 })
        .then(setFound, (e: Error) => setMessage({ kind: 'error', text: e.message }))
        .finally(() => setSearching(false)),
    [client],
  );
  useEffect(() => {
    void discover();
  }, [discover]);
  const search = () => {
    setSearching(true);
    void discover();
  };

  const choose = (device: DiscoveredCameraView) => {
    setForm((f) => ({ ...f, deviceUrl: device.deviceUrl, id: suggestId(device), name: device.name ?? device.hardware ?? device.address }));
    setProbe(null);
    setMessage(null);
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const readCamera = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => setProbe(await client.call('probeOnvifCamera', { deviceUrl: form.deviceUrl, username: form.username, password: form.password })));
  };
  const add = () =>
    void run(async () => {
      const camera = await client.call('addOnvifCamera', {
        id: form.id,
        name: form.name,
        deviceUrl: form.deviceUrl,
        username: form.username,
        password: form.password,
        ...(form.alarmPreset ? { alarmPreset: form.alarmPreset } : {}),
      });
      setMessage({ kind: 'ok', text: t('onvif.added', { name: camera.name }) });
      setForm((f) => ({ ...f, password: '' }));
      setProbe(null);
      onAdded();
      search();
    });
  const field = (key: keyof typeof form, type = 'text') => (
    <label>
      {t(`onvif.${key === 'deviceUrl' ? 'address' : key}`)}
      <input type={type} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} data-testid={`onvif-${key}`} autoComplete="off" />
    </label>
  );

  return (
    <div className="camera-settings" role="dialog" aria-modal="true" aria-labelledby="onvif-heading" data-testid="onvif-dialog">
      <div className="camera-settings-card onvif-card">
        <header>
          <h2 id="onvif-heading">{t('onvif.heading')}</h2>
          <button type="button" onClick={onClose}>
            {t('onvif.close')}
          </button>
        </header>
        <p className="hint">{t('onvif.hint')}</p>
        <div className="onvif-found">
          <button type="button" onClick={search} disabled={searching} data-testid="onvif-search">
            ⟳ {searching ? t('onvif.searching') : t('onvif.search')}
          </button>
          {found && found.length === 0 && !searching && <p className="hint">{t('onvif.none')}</p>}
          <ul data-testid="onvif-found">
            {(found ?? []).map((d) => (
              <li key={d.endpoint} className={form.deviceUrl === d.deviceUrl ? 'chosen' : ''}>
                <strong>{d.name ?? d.address}</strong> {d.hardware && <span>· {d.hardware}</span>} <code>{d.deviceUrl}</code>
                {d.cameraId ? (
                  <em> ✓ {t('onvif.onSite', { id: d.cameraId })}</em>
                ) : (
                  <button type="button" onClick={() => choose(d)}>
                    {t('onvif.choose')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
        <form className="onvif-form" onSubmit={readCamera}>
          {field('deviceUrl')}
          {field('username')}
          {field('password', 'password')}
          <button type="submit" disabled={busy || !form.deviceUrl || !form.username} data-testid="onvif-probe">
            {busy && !probe ? t('onvif.probing') : t('onvif.probe')}
          </button>
        </form>
        {probe && (
          <div className="onvif-probe" data-testid="onvif-probe-result">
            <p>
              {t('onvif.model', { manufacturer: probe.manufacturer, model: probe.model, firmware: probe.firmwareVersion })} · {probe.ptz ? t('onvif.ptzYes') : t('onvif.ptzNo')}
            </p>
            <table>
              <tbody>
                {probe.profiles.map((p) => (
                  <tr key={p.token}>
                    <td>{p.token === probe.mainProfile ? t('onvif.main') : p.token === probe.subProfile ? t('onvif.sub') : p.name}</td>
                    <td>{p.encoding}</td>
                    <td>{p.width && p.height ? `${p.width}×${p.height}` : ''}</td>
                    <td>{p.frameRate ? `${p.frameRate} fps` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="onvif-form">
              {field('id')}
              {field('name')}
              {probe.ptz && field('alarmPreset')}
              <button type="button" onClick={add} disabled={busy || !form.id || !form.name} data-testid="onvif-add">
                ＋ {t('onvif.add')}
              </button>
            </div>
          </div>
        )}
        {message && (
          <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'onvif-error' : 'onvif-ok'} data-testid="onvif-message">
            {message.kind === 'error' ? `⚠ ${t('onvif.failed')} ` : '✓ '}
            {message.text}
          </p>
        )}
      </div>
    </div>
  );
}
