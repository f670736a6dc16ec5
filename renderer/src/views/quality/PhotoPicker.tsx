import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityPhotoView } from '../../../../electron/common/api/quality.js';
import { photoSrc, uploadQualityPhoto } from './photo-upload.js';

/** Thumbnails of photos, and (when `onChange` is given) a button that uploads more; a refused file shows why. */
export function PhotoPicker({ token, photos, onChange, testId }: { token: string; photos: QualityPhotoView[]; onChange?: (photos: QualityPhotoView[]) => void; testId?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async (files: FileList | null) => {
    if (!files || !onChange) return;
    setBusy(true);
    setError(null);
    const added: QualityPhotoView[] = [];
    try {
      for (const file of Array.from(files)) {
        const up = await uploadQualityPhoto(token, file);
        added.push({ file: up.file, url: up.url });
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      if (added.length) onChange([...photos, ...added.filter((a) => !photos.some((p) => p.file === a.file))]);
    }
  };
  return (
    <div className="q-photos" data-testid={testId}>
      {photos.map((p) => (
        <a key={p.file} href={photoSrc(p.url)} target="_blank" rel="noreferrer">
          <img src={photoSrc(p.url)} alt="" loading="lazy" />
        </a>
      ))}
      {onChange && (
        <label className="button small">
          {busy ? t('quality.uploading') : t('quality.form.addPhoto')}
          <input type="file" accept="image/jpeg,image/png,image/webp" multiple hidden onChange={(e) => void add(e.target.files)} data-testid={testId ? `${testId}-input` : undefined} />
        </label>
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}
