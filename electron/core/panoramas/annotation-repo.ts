import type { MeasurementKind } from '../../common/panorama/measure.js';
import type { PanoramaIssueCategory, PanoramaIssueStatus, PanoramaIssueView, PanoramaMeasurementView } from '../../common/panorama/types.js';
import type { Database } from '../store/database.js';

interface MeasurementRow {
  id: number;
  capture_id: string;
  point_id: string | null;
  kind: string;
  label: string;
  points: string;
  camera_height_m: number;
  pixel_error_px: number;
  value: number;
  unit: string;
  uncertainty: number;
  created_at: number;
  created_by: string;
}

interface IssueRow {
  id: number;
  capture_id: string;
  point_id: string | null;
  yaw_deg: number;
  pitch_deg: number;
  bearing_deg: number;
  text: string;
  category: string;
  assignee: string | null;
  status: string;
  created_at: number;
  created_by: string;
  updated_at: number;
}

/** Measurements and pinned issues on captures (migration 5). */
export class AnnotationRepo {
  constructor(private readonly db: Database) {}

  addMeasurement(m: Omit<PanoramaMeasurementView, 'id' | 'pointId'>): number {
    const info = this.db
      .prepare(
        `INSERT INTO panorama_measurements (capture_id, kind, label, points, camera_height_m, pixel_error_px, value, unit, uncertainty, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(m.captureId, m.kind, m.label, JSON.stringify(m.points), m.cameraHeightM, m.pixelErrorPx, m.value, m.unit, m.uncertainty, m.createdAt, m.createdBy);
    return Number(info.lastInsertRowid);
  }

  measurements(filter: { captureId?: string; pointId?: string; id?: number }): PanoramaMeasurementView[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.id !== undefined) {
      where.push('m.id = ?');
      args.push(filter.id);
    }
    if (filter.captureId) {
      where.push('m.capture_id = ?');
      args.push(filter.captureId);
    }
    if (filter.pointId) {
      where.push('c.point_id = ?');
      args.push(filter.pointId);
    }
    const rows = this.db
      .prepare(
        `SELECT m.*, c.point_id FROM panorama_measurements m JOIN panorama_captures c ON c.id = m.capture_id
         ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY m.created_at, m.id`,
      )
      .all(...args) as MeasurementRow[];
    return rows.map((r) => ({
      id: r.id,
      captureId: r.capture_id,
      pointId: r.point_id,
      kind: r.kind as MeasurementKind,
      label: r.label,
      points: JSON.parse(r.points) as { yawDeg: number; pitchDeg: number }[],
      cameraHeightM: r.camera_height_m,
      pixelErrorPx: r.pixel_error_px,
      value: r.value,
      unit: r.unit as 'm' | 'm²',
      uncertainty: r.uncertainty,
      createdAt: r.created_at,
      createdBy: r.created_by,
    }));
  }

  deleteMeasurement(id: number): boolean {
    return this.db.prepare('DELETE FROM panorama_measurements WHERE id = ?').run(id).changes > 0;
  }

  addIssue(i: Omit<PanoramaIssueView, 'id' | 'updatedAt' | 'status'>): number {
    const info = this.db
      .prepare(
        `INSERT INTO panorama_issues (capture_id, point_id, yaw_deg, pitch_deg, bearing_deg, text, category, assignee, status, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      )
      .run(i.captureId, i.pointId, i.yawDeg, i.pitchDeg, i.bearingDeg, i.text, i.category, i.assignee, i.createdAt, i.createdBy, i.createdAt);
    return Number(info.lastInsertRowid);
  }

  updateIssue(id: number, change: { status?: PanoramaIssueStatus; assignee?: string; text?: string }, at: number): void {
    this.db
      .prepare('UPDATE panorama_issues SET status = coalesce(?, status), assignee = coalesce(?, assignee), text = coalesce(?, text), updated_at = ? WHERE id = ?')
      .run(change.status ?? null, change.assignee ?? null, change.text ?? null, at, id);
  }

  issues(filter: { pointId?: string; status?: PanoramaIssueStatus; id?: number }): PanoramaIssueView[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.id !== undefined) {
      where.push('id = ?');
      args.push(filter.id);
    }
    if (filter.pointId) {
      where.push('point_id = ?');
      args.push(filter.pointId);
    }
    if (filter.status) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const rows = this.db.prepare(`SELECT * FROM panorama_issues ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id`).all(...args) as IssueRow[];
    return rows.map((r) => ({
      id: r.id,
      captureId: r.capture_id,
      pointId: r.point_id,
      yawDeg: r.yaw_deg,
      pitchDeg: r.pitch_deg,
      bearingDeg: r.bearing_deg,
      text: r.text,
      category: r.category as PanoramaIssueCategory,
      assignee: r.assignee,
      status: r.status as PanoramaIssueStatus,
      createdAt: r.created_at,
      createdBy: r.created_by,
      updatedAt: r.updated_at,
    }));
  }
}
