import { toCsv } from '../../common/panorama/csv.js';
import type { PanoramaCaptureView, PanoramaIssueView, PanoramaMeasurementView } from '../../common/panorama/types.js';

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** One row per measurement; value and ± uncertainty (1σ) in the unit column's unit. */
export function measurementsCsv(rows: PanoramaMeasurementView[], captureOf: (id: string) => PanoramaCaptureView | null): string {
  return toCsv(
    ['id', 'point', 'capture', 'captured_at_utc', 'kind', 'label', 'value', 'uncertainty_1sigma', 'unit', 'camera_height_m', 'pixel_error_px', 'points_yaw_pitch_deg', 'created_at_utc', 'created_by'],
    rows.map((m) => {
      const c = captureOf(m.captureId);
      return [
        m.id, m.pointId ?? '', m.captureId, iso(c?.capturedAt ?? c?.ingestedAt ?? null), m.kind, m.label, round(m.value, 3), round(m.uncertainty, 3), m.unit,
        m.cameraHeightM, m.pixelErrorPx, m.points.map((p) => `${p.yawDeg.toFixed(3)} ${p.pitchDeg.toFixed(3)}`).join('; '), iso(m.createdAt), m.createdBy,
      ];
    }),
  );
}

export function issuesCsv(rows: PanoramaIssueView[]): string {
  return toCsv(
    ['id', 'point', 'capture', 'category', 'status', 'assignee', 'text', 'bearing_deg', 'pitch_deg', 'created_at_utc', 'created_by', 'updated_at_utc'],
    rows.map((i) => [i.id, i.pointId ?? '', i.captureId, i.category, i.status, i.assignee ?? '', i.text, round(i.bearingDeg, 2), round(i.pitchDeg, 2), iso(i.createdAt), i.createdBy, iso(i.updatedAt)]),
  );
}
