import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../../electron/common/api.js';
import { CAMERA_DRAG_TYPE } from './CameraTile.js';

/**
 * The site's cameras: drag one onto a tile, or (keyboard) select a tile and press a camera here.
 * Each shows its stream state as a shape and a word, from the last camera list.
 */
export function CameraList({
  cameras,
  tileStates,
  selectedTile,
  onAssign,
}: {
  cameras: CameraView[];
  /** Stream states reported by the tiles' sockets, by camera id. */
  tileStates: Readonly<Record<string, string>>;
  selectedTile: number;
  onAssign(cameraId: string): void;
}) {
  const { t } = useTranslation();
  return (
    <aside className="camera-list" aria-label={t('camera.list')}>
      <h2>{t('camera.list')}</h2>
      <p className="hint">{t('camera.listHint')}</p>
      {cameras.length === 0 && <p>{t('camera.none')}</p>}
      <ul>
        {cameras.map((camera) => {
          const stream = camera.streams.sub ?? camera.streams.main;
          const state = tileStates[camera.id] ?? stream?.state ?? 'idle';
          return (
            <li key={camera.id}>
              <button
                type="button"
                draggable
                data-testid={`camera-item-${camera.id}`}
                className={`camera-item stream-${state}`}
                title={t('camera.assignTo', { n: selectedTile + 1 })}
                onDragStart={(event) => {
                  event.dataTransfer.setData(CAMERA_DRAG_TYPE, camera.id);
                  event.dataTransfer.setData('text/plain', camera.id);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAssign(camera.id)}
              >
                <span className="shape" aria-hidden="true">{state === 'live' ? '●' : state === 'offline' ? '✕' : '○'}</span>
                <span className="camera-name">{camera.name}</span>
                <span className="camera-state">{t(`camera.state.${state}`)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
