import { useTranslation } from 'react-i18next';
import { DELAY_BAND_COLOURS, DELAY_BANDS, type DelayBand } from '../../../../electron/common/progress.js';

/** Shapes that double the band's colour (read without colour too): ● on time, ◆ delayed, ■ badly delayed. */
export const BAND_SHAPES: Record<DelayBand, string> = { 'on-time': '●', delayed: '◆', 'badly-delayed': '■' };

/** A delay as shape, word and days, in its band's colour. */
export function DelayBadge({ band, days, testId }: { band: DelayBand; days: number; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`progress-badge progress-band-${band}`} style={{ color: DELAY_BAND_COLOURS[band] }} data-testid={testId} data-band={band}>
      {BAND_SHAPES[band]} {t(`progress.band.${band}`)}
      {days > 0 ? ` · ${t('progress.days', { count: days })}` : ''}
    </span>
  );
}

/** The three bands and their thresholds. */
export function DelayLegend() {
  const { t } = useTranslation();
  return (
    <p className="progress-legend" data-testid="progress-legend">
      {(['on-time', 'delayed', 'badly-delayed'] as const).map((band) => (
        <span key={band} style={{ color: DELAY_BAND_COLOURS[band] }}>
          {BAND_SHAPES[band]} {t(`progress.band.${band}`)}
        </span>
      ))}
      <span className="hint">{t('progress.legend', { delayed: DELAY_BANDS.delayedMaxDays })}</span>
    </p>
  );
}
