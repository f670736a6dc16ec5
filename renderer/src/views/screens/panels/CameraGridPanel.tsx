import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../../../electron/common/api.js';
import { navigate } from '../../../app/routes.js';
import { useValue } from '../../../state/site-state-hooks.js';
import { coreOrigin } from '../../../video/session-token.js';
import { CameraTile } from '../../cameras/CameraTile.js';
import '../../cameras/cameras.css';
import type { PanelProps } from './panel-props.js';

/** Camera tiles (sub streams: a wall of small tiles should not pull every main stream). */
export function CameraGridPanel({ client, state, options }: PanelProps) {
  const { t } = useTranslation();
  const site = useValue(state.site);
  const [cameras, setCameras] = useState<CameraView[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client.call('listCameras').then(
      (list) => !cancelled && setCameras(list),
      (e: Error) => !cancelled && setProblem(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [client]);
  const columns = options.columns ?? 4;
  const chosen = options.cameras?.length ? options.cameras.flatMap((id) => cameras?.find((c) => c.id === id) ?? []) : (cameras ?? []).slice(0, columns * 2);
  const origin = coreOrigin();
  if (problem) return <p className="wall-panel-message">⚠ {problem}</p>;
  if (cameras && chosen.length === 0) return <p className="wall-panel-message">{t('wall.noCameras')}</p>;
  const rows = Math.max(1, Math.ceil(chosen.length / columns));
  return (
    <div className="wall-cameras" data-testid="wall-cameras" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}>
      {chosen.map((camera, index) => (
        <CameraTile
          key={camera.id}
          index={index}
          camera={camera}
          quality="sub"
          origin={origin}
          timeZone={site?.timeZone ?? 'Asia/Shanghai'}
          selected={false}
          onSelect={() => undefined}
          onOpen={() => navigate('cameras', `camera:${camera.id}`)}
          onDropCamera={() => undefined}
          onSnapshot={() => navigate('cameras', `camera:${camera.id}`)}
        />
      ))}
    </div>
  );
}
