import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { useMediaUrl } from '../../video/media-tickets.js';

/** The JPEG just taken, with its camera and site time, and a download link. */
export function SnapshotDialog({ snapshot, cameraName, timeZone, onClose }: { snapshot: SnapshotInfo; cameraName: string; timeZone: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const url = useMediaUrl(snapshot.url);
  return (
    <dialog ref={dialogRef} className="snapshot-dialog" data-testid="snapshot-dialog" onClose={onClose} aria-label={t('camera.snapshotOf', { camera: cameraName })}>
      <h2>{t('camera.snapshotOf', { camera: cameraName })}</h2>
      {url && <img src={url} alt={t('camera.snapshotOf', { camera: cameraName })} />}
      <p>
        {t('camera.snapshotTaken', { time: formatSiteTime(snapshot.takenAt, timeZone, i18n.language, true) })} · {(snapshot.bytes / 1024).toFixed(0)} KiB
      </p>
      <div className="dialog-actions">
        <a href={url ?? undefined} download={snapshot.file}>
          ↓ {t('camera.download')}
        </a>
        <button type="button" onClick={() => dialogRef.current?.close()} autoFocus>
          {t('camera.close')}
        </button>
      </div>
    </dialog>
  );
}
