import { useTranslation } from 'react-i18next';
import { addStrings } from '../../i18n/add-strings.js';
import { useMediaUrl } from '../../video/media-tickets.js';

addStrings('alarmPhoto', { title: 'Gate capture', alt: 'Capture photo taken by the turnstile' }, { title: '闸机抓拍', alt: '闸机抓拍照片' });

/** The picture that raised an occurrence (a turnstile's capture), through a media ticket. */
export function CapturePhoto({ path }: { path: string }) {
  const { t } = useTranslation();
  const src = useMediaUrl(path);
  return (
    <section className="panel" data-testid="alarm-photo">
      <h3>{t('alarmPhoto.title')}</h3>
      {src ? <img src={src} alt={t('alarmPhoto.alt')} style={{ width: 240, maxHeight: 400, objectFit: 'contain', display: 'block' }} /> : <p className="hint">…</p>}
    </section>
  );
}
