import { momentBand, type MomentBand } from '../../../../electron/common/crane-moment-bands.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';

/** What the 3D view shows for one crane's reading: its label lines and the band that colours the hook. */
export interface CraneLabel {
  lines: string[];
  /** Null: neutral (below this crane's pre-warning set point, or no moment reading). */
  band: MomentBand | null;
}

/**
 * A crane's label and hook band from its latest reading, at the crane's own set points as the
 * core's alarm rules use them (`levels` in the site model), so the hook turns amber exactly when
 * the pre-warning alarm does.
 */
export function craneLabel(crane: SiteModel['cranes'][number], values: Readonly<Record<string, unknown>> | undefined | null, t: (key: string) => string): CraneLabel {
  const momentPct = typeof values?.momentPct === 'number' ? values.momentPct : undefined;
  const loadT = typeof values?.loadT === 'number' ? values.loadT : undefined;
  const band = momentBand(momentPct, crane.levels);
  const lines = [crane.name];
  if (momentPct !== undefined) {
    const word = band ? ` · ${t(`moment.${band.level}`)}` : '';
    lines.push(`${t('moment.label')} ${momentPct.toFixed(1)} %${word}`);
  }
  if (loadT !== undefined) lines.push(`${t('load')} ${loadT.toFixed(1)} t`);
  return { lines, band };
}
