import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanoramaPointView } from '../../../../electron/common/panorama/types.js';
import { addStrings } from '../../i18n/add-strings.js';
import type { ApiClient } from '../../transport/api-client.js';

addStrings(
  'panoramaAssign',
  { label: 'Move this capture to', choose: 'Choose a capture point…', assign: 'Assign', done: 'Assigned.' },
  { label: '将此拍摄归入', choose: '选择拍摄点…', assign: '分配', done: '已分配。' },
);

/** Assigns the selected capture to a capture point by hand (GPS or file name could not tell). */
export function AssignCapture({ client, captureId, points, onDone }: { client: ApiClient; captureId: string; points: PanoramaPointView[]; onDone(): void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (points.length === 0) return null;
  const assign = async () => {
    try {
      await client.call('assignPanoramaCapture', { id: captureId, pointId: target });
      setMessage(t('panoramaAssign.done'));
      setTarget('');
      onDone();
    } catch (error) {
      setMessage(`⚠ ${(error as Error).message}`);
    }
  };
  return (
    <div className="pano-assign" data-testid="pano-assign">
      <label>
        {t('panoramaAssign.label')}
        <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="pano-assign-select">
          <option value="">{t('panoramaAssign.choose')}</option>
          {points.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!target} onClick={() => void assign()} data-testid="pano-assign-button">
        {t('panoramaAssign.assign')}
      </button>
      {message && <p className="hint" role="status">{message}</p>}
    </div>
  );
}
