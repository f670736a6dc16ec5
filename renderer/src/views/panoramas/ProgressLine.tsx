import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PANORAMA_FILENAME_HEADER, PANORAMA_POINT_HEADER, PANORAMA_UPLOAD_PATH, type PanoramaProgress } from '../../../../electron/common/panorama/types.js';
import type { SiteState } from '../../state/site-state.js';
import { coreOrigin } from '../../video/session-token.js';

/** "Processing 3/5" from the core's `panorama` live events (the shell's live channel). */
export function ProgressLine({ state, onDone }: { state: SiteState; onDone: () => void }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<PanoramaProgress | null>(null);
  // The latest onDone without re-subscribing when the parent passes a new function.
  const done = useEffectEvent(onDone);
  useEffect(
    () =>
      state.onEvent((event) => {
        if (event.type !== 'panorama') return;
        setProgress(event.progress);
        if (event.progress.stage === 'done') done();
      }),
    [state],
  );
  if (!progress || progress.stage === 'done') return null;
  const key = progress.stage === 'rejected' || progress.stage === 'failed' ? 'rejected' : progress.stage === 'duplicate' ? 'duplicate' : 'processing';
  return (
    <p className={`pano-progress pano-progress-${key}`} role="status" data-testid="pano-progress">
      {t(`panorama.${key}`, { ...progress, message: progress.message ?? '' })}
    </p>
  );
}

/** Upload: the file's bytes as the body of `POST /api/panoramas` (see common/panorama/types.ts). */
export function UploadButton({ token, pointId, onDone }: { token: string; pointId: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const onFile = async (file: File) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, [PANORAMA_FILENAME_HEADER]: encodeURIComponent(file.name) };
    if (pointId && pointId !== 'unassigned') headers[PANORAMA_POINT_HEADER] = encodeURIComponent(pointId);
    const response = await fetch(new URL(PANORAMA_UPLOAD_PATH, coreOrigin() ?? window.location.href), { method: 'POST', headers, body: file });
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    setMessage(response.ok ? null : (body.error ?? `HTTP ${response.status}`));
    onDone();
  };
  return (
    <label className="pano-upload">
      {t('panorama.upload')}
      <input type="file" accept="image/jpeg,image/png" hidden onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
      {message && <span role="alert"> {message}</span>}
    </label>
  );
}
