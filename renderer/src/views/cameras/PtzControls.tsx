import { useCallback, useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { PtzPresetView } from '../../../../electron/common/api.js';
import type { ApiClient } from '../../transport/api-client.js';
import { keyVelocity, PTZ_SPEED, usePtz, type PtzVelocity } from './use-ptz.js';
import './onvif-strings.js';

const PADS: Array<{ key: 'left' | 'right' | 'up' | 'down' | 'zoomIn' | 'zoomOut'; label: string; v: PtzVelocity }> = [
  { key: 'up', label: '▲', v: { pan: 0, tilt: PTZ_SPEED, zoom: 0 } },
  { key: 'left', label: '◀', v: { pan: -PTZ_SPEED, tilt: 0, zoom: 0 } },
  { key: 'right', label: '▶', v: { pan: PTZ_SPEED, tilt: 0, zoom: 0 } },
  { key: 'down', label: '▼', v: { pan: 0, tilt: -PTZ_SPEED, zoom: 0 } },
  { key: 'zoomIn', label: '＋', v: { pan: 0, tilt: 0, zoom: PTZ_SPEED } },
  { key: 'zoomOut', label: '－', v: { pan: 0, tilt: 0, zoom: -PTZ_SPEED } },
];

/**
 * PTZ on a tile: press-and-hold pad (mouse, touch), arrow and +/− keys while the tile has focus,
 * presets to go to and to save. Shown for cameras with an ONVIF address to roles that may turn them.
 */
export function PtzControls({ client, cameraId, tileRef }: { client: ApiClient; cameraId: string; tileRef: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [presets, setPresets] = useState<PtzPresetView[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((message: string) => setError(message), []);
  const { start, stop } = usePtz(client, cameraId, onError);

  const loadPresets = useCallback(async () => {
    try {
      const list = await client.call('listPtzPresets', { id: cameraId });
      setPresets(list);
      setChosen((c) => c || list[0]?.token || '');
    } catch (e) {
      setError((e as Error).message);
    }
  }, [client, cameraId]);

  // Keys on the focused tile: held arrow or +/− moves, release stops.
  useEffect(() => {
    const tile = tileRef.current;
    if (!tile) return;
    const down = (event: KeyboardEvent) => {
      if (event.target !== tile) return;
      const v = keyVelocity(event.key);
      if (!v) return;
      event.preventDefault();
      setError(null);
      start(v);
    };
    const up = (event: KeyboardEvent) => {
      if (keyVelocity(event.key)) stop();
    };
    tile.addEventListener('keydown', down);
    tile.addEventListener('keyup', up);
    tile.addEventListener('blur', stop);
    return () => {
      tile.removeEventListener('keydown', down);
      tile.removeEventListener('keyup', up);
      tile.removeEventListener('blur', stop);
    };
  }, [tileRef, start, stop]);

  const act = (fn: () => Promise<unknown>) => {
    setError(null);
    fn().catch((e: Error) => setError(e.message));
  };

  return (
    <div className={`ptz${open ? ' ptz-open' : ''}`} onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()} data-testid="ptz">
      <button type="button" className="ptz-toggle" aria-expanded={open} onClick={() => {
          if (!open && presets === null) void loadPresets();
          setOpen(!open);
        }} title={t('onvif.keysHint')} data-testid="ptz-toggle">
        ✥ {t('onvif.ptz')}
      </button>
      {open && (
        <div className="ptz-panel">
          <div className="ptz-pad" role="group" aria-label={t('onvif.ptz')}>
            {PADS.map((pad) => (
              <button
                key={pad.key}
                type="button"
                className={`ptz-${pad.key}`}
                aria-label={t(`onvif.${pad.key}`)}
                title={t(`onvif.${pad.key}`)}
                data-testid={`ptz-${pad.key}`}
                onPointerDown={(e) => {
                  e.currentTarget.setPointerCapture?.(e.pointerId);
                  setError(null);
                  start(pad.v);
                }}
                onPointerUp={stop}
                onPointerCancel={stop}
                onLostPointerCapture={stop}
                onKeyDown={(e) => {
                  if (e.key === ' ' || e.key === 'Enter') start(pad.v);
                }}
                onKeyUp={stop}
              >
                {pad.label}
              </button>
            ))}
          </div>
          <div className="ptz-presets">
            <label>
              {t('onvif.presets')}
              <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="ptz-preset-select">
                {(presets ?? []).map((p) => (
                  <option key={p.token} value={p.token}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={!chosen} onClick={() => act(() => client.call('gotoPtzPreset', { id: cameraId, preset: chosen }))} data-testid="ptz-goto">
              {t('onvif.goto')}
            </button>
            <input value={name} placeholder={t('onvif.presetName')} aria-label={t('onvif.presetName')} onChange={(e) => setName(e.target.value)} data-testid="ptz-preset-name" />
            <button
              type="button"
              disabled={!name.trim()}
              data-testid="ptz-save"
              onClick={() =>
                act(async () => {
                  const saved = await client.call('savePtzPreset', { id: cameraId, name: name.trim() });
                  setName('');
                  setChosen(saved.token);
                  await loadPresets();
                })
              }
            >
              {t('onvif.savePreset')}
            </button>
          </div>
          {error && (
            <p className="ptz-error" role="alert" data-testid="ptz-error">
              ⚠ {t('onvif.ptzFailed')} {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
