import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../../electron/common/api.js';
import { clampTour, LAYOUTS, type WallLayout, type WallSettings } from './layouts.js';

export interface WallToolbarProps {
  settings: WallSettings;
  single: CameraView | null;
  tour: boolean;
  fullscreen: boolean;
  snapshotBusy: boolean;
  onLayout(layout: WallLayout): void;
  onTour(on: boolean): void;
  onTourSec(seconds: number): void;
  onFullscreen(): void;
  onBack(): void;
}

/** Layout choice, tour, full screen; in single view, the way back. */
export function WallToolbar(props: WallToolbarProps) {
  const { t } = useTranslation();
  const { settings, single } = props;
  return (
    <div className="wall-toolbar" role="toolbar" aria-label={t('camera.wallLabel')}>
      {single ? (
        <>
          <button type="button" onClick={props.onBack} data-testid="single-back">
            ← {t('camera.back')}
          </button>
          <strong className="single-title">
            {single.name} · {t('camera.main')}
          </strong>
        </>
      ) : (
        <>
          <span className="toolbar-label" id="layout-label">
            {t('camera.layout')}
          </span>
          <div className="layout-choice" role="radiogroup" aria-labelledby="layout-label">
            {LAYOUTS.map((layout) => (
              <button
                key={layout}
                type="button"
                role="radio"
                aria-checked={settings.layout === layout}
                className={settings.layout === layout ? 'chosen' : ''}
                data-testid={`layout-${layout}`}
                onClick={() => props.onLayout(layout)}
              >
                {t(`camera.layoutName.${layout}`)}
              </button>
            ))}
          </div>
          <label className="tour">
            <input type="checkbox" checked={props.tour} onChange={(e) => props.onTour(e.target.checked)} data-testid="tour-toggle" />
            {props.tour ? `⟳ ${t('camera.tourOn')}` : t('camera.tour')}
          </label>
          <label className="tour-sec">
            {t('camera.tourEvery')}
            <input
              type="number"
              min={5}
              max={600}
              step={5}
              value={settings.tourSec}
              onChange={(e) => props.onTourSec(clampTour(Number(e.target.value)))}
              data-testid="tour-seconds"
            />
            {t('camera.seconds')}
          </label>
        </>
      )}
      {props.snapshotBusy && <span className="busy">{t('camera.snapshotBusy')}</span>}
      <button type="button" className="fullscreen-button" onClick={props.onFullscreen} data-testid="fullscreen">
        {props.fullscreen ? `⤡ ${t('camera.exitFullscreen')}` : `⤢ ${t('camera.fullscreen')}`}
      </button>
    </div>
  );
}
