import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../../electron/common/api.js';
import { addStrings } from '../../i18n/add-strings.js';
import type { ApiClient } from '../../transport/api-client.js';

addStrings(
  'cameraSettings',
  {
    open: 'Camera settings',
    heading: 'Cameras (site file) and their credentials',
    hint: 'URLs come from the site file. User names and passwords are stored encrypted on the console computer and never shown again.',
    main: 'Main stream',
    sub: 'Sub stream',
    linked: 'Evidence for',
    recording: 'Pre-roll recording',
    credentials: 'Credentials',
    set: 'set',
    notSet: 'not set',
    username: 'User name',
    password: 'Password',
    save: 'Save credentials',
    saved: 'Saved; the camera reconnects with them.',
    close: 'Close',
    yes: 'yes',
    no: 'no',
  },
  {
    open: '摄像机设置',
    heading: '摄像机（来自工地配置文件）及其登录凭据',
    hint: '地址来自工地配置文件。用户名和密码加密保存在本机，保存后不再显示。',
    main: '主码流',
    sub: '子码流',
    linked: '关联设备',
    recording: '预录',
    credentials: '凭据',
    set: '已设置',
    notSet: '未设置',
    username: '用户名',
    password: '密码',
    save: '保存凭据',
    saved: '已保存，摄像机将使用新凭据重新连接。',
    close: '关闭',
    yes: '是',
    no: '否',
  },
);

/** Admin dialog: the camera registry as configured, and a form to set each camera's credentials. */
export function CameraSettings({ cameras, client, onClose, onChanged }: { cameras: CameraView[]; client: ApiClient; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  return (
    <div className="camera-settings" role="dialog" aria-modal="true" aria-labelledby="camera-settings-heading" data-testid="camera-settings">
      <div className="camera-settings-card">
        <header>
          <h2 id="camera-settings-heading">{t('cameraSettings.heading')}</h2>
          <button type="button" onClick={onClose}>
            {t('cameraSettings.close')}
          </button>
        </header>
        <p className="hint">{t('cameraSettings.hint')}</p>
        <table>
          <tbody>
            {cameras.map((camera) => (
              <CameraRow key={camera.id} camera={camera} client={client} onChanged={onChanged} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function CameraRow({ camera, client, onChanged }: { camera: CameraView; client: ApiClient; onChanged(): void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await client.call('setCameraCredentials', { id: camera.id, username, password });
      setPassword('');
      setMessage(t('cameraSettings.saved'));
      onChanged();
    } catch (error) {
      setMessage(`⚠ ${(error as Error).message}`);
    }
  };

  return (
    <tr data-testid={`camera-settings-${camera.id}`}>
      <td>
        <strong>{camera.name}</strong>
        <div className="hint">
          {t('cameraSettings.main')}: <code>{camera.mainUrl}</code>
        </div>
        {camera.subUrl && (
          <div className="hint">
            {t('cameraSettings.sub')}: <code>{camera.subUrl}</code>
          </div>
        )}
        <div className="hint">
          {t('cameraSettings.linked')}: {camera.linkedDevices.join(', ') || '—'} · {t('cameraSettings.recording')}: {camera.recording ? t('cameraSettings.yes') : t('cameraSettings.no')} ·{' '}
          {t('cameraSettings.credentials')}: {camera.hasCredentials ? t('cameraSettings.set') : t('cameraSettings.notSet')}
        </div>
      </td>
      <td>
        <form onSubmit={save} className="credentials-form">
          <input aria-label={t('cameraSettings.username')} placeholder={t('cameraSettings.username')} value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
          <input aria-label={t('cameraSettings.password')} placeholder={t('cameraSettings.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
          <button type="submit">{t('cameraSettings.save')}</button>
          {message && <p className="hint" role="status">{message}</p>}
        </form>
      </td>
    </tr>
  );
}
