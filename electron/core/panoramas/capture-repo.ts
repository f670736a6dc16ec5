import type { PanoramaAssignment, PanoramaCaptureView } from '../../common/panorama/types.js';
import type { CaptureMetadata } from './capture-metadata.js';
import { thumbnailUrl, type TileLevel } from '../../common/panorama/tiles.js';
import type { Database } from '../store/database.js';

/** A capture as inserted: what ingest knows once tiling is done (the file's own metadata, bar its projection, and the pyramid). */
export type NewCapture = Pick<PanoramaCaptureView, 'id' | 'sha256' | 'pointId' | 'assignedBy' | 'source' | 'originalName' | 'format' | 'width' | 'height' | 'bytes' | 'ingestedAt'> &
  Omit<CaptureMetadata, 'projection'> & { levels: TileLevel[] };

interface CaptureRow {
  id: string;
  sha256: string;
  point_id: string | null;
  assigned_by: string;
  source: string;
  original_name: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  captured_at: number | null;
  ingested_at: number;
  heading_deg: number | null;
  gps_lat: number | null;
  gps_lon: number | null;
  gps_alt: number | null;
  camera_make: string | null;
  camera_model: string | null;
  camera_height_m: number | null;
  state: string;
  error: string | null;
  levels: string;
}

/** Rows of `panorama_captures` (migration 5) and their API view. */
export class CaptureRepo {
  constructor(
    private readonly db: Database,
    /** Lens height of a point, metres (from the site file), for captures without their own. */
    private readonly pointHeight: (pointId: string | null) => number,
  ) {}

  insert(c: NewCapture): void {
    this.db
      .prepare(
        `INSERT INTO panorama_captures (id, sha256, point_id, assigned_by, source, original_name, format, width, height, bytes,
           captured_at, ingested_at, heading_deg, pitch_deg, roll_deg, gps_lat, gps_lon, gps_alt, camera_make, camera_model, state, levels)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ready', ?)`,
      )
      .run(
        c.id, c.sha256, c.pointId, c.assignedBy, c.source, c.originalName, c.format, c.width, c.height, c.bytes,
        c.capturedAt, c.ingestedAt, c.headingDeg, c.pitchDeg, c.rollDeg, c.gps?.latDeg ?? null, c.gps?.lonDeg ?? null, c.gps?.altM ?? null,
        c.make, c.model, JSON.stringify(c.levels),
      );
  }

  bySha(sha256: string): PanoramaCaptureView | null {
    const row = this.db.prepare('SELECT * FROM panorama_captures WHERE sha256 = ?').get(sha256) as CaptureRow | undefined;
    return row ? this.view(row) : null;
  }

  byId(id: string): PanoramaCaptureView | null {
    const row = this.db.prepare('SELECT * FROM panorama_captures WHERE id = ?').get(id) as CaptureRow | undefined;
    return row ? this.view(row) : null;
  }

  /** Newest first by capture time (ingest time when the file has none). */
  list(pointId?: string): PanoramaCaptureView[] {
    const order = 'ORDER BY coalesce(captured_at, ingested_at) DESC, id';
    const rows = (
      pointId === undefined
        ? this.db.prepare(`SELECT * FROM panorama_captures ${order}`).all()
        : pointId === 'unassigned'
          ? this.db.prepare(`SELECT * FROM panorama_captures WHERE point_id IS NULL ${order}`).all()
          : this.db.prepare(`SELECT * FROM panorama_captures WHERE point_id = ? ${order}`).all(pointId)
    ) as CaptureRow[];
    return rows.map((r) => this.view(r));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM panorama_captures').get() as { n: number }).n;
  }

  assign(id: string, pointId: string, cameraHeightM?: number, headingDeg?: number): void {
    this.db
      .prepare(
        `UPDATE panorama_captures SET point_id = ?, assigned_by = 'hand',
           camera_height_m = coalesce(?, camera_height_m), heading_deg = coalesce(?, heading_deg) WHERE id = ?`,
      )
      .run(pointId, cameraHeightM ?? null, headingDeg ?? null, id);
  }

  private view(r: CaptureRow): PanoramaCaptureView {
    return {
      id: r.id,
      sha256: r.sha256,
      pointId: r.point_id,
      assignedBy: r.assigned_by as PanoramaAssignment,
      source: r.source,
      originalName: r.original_name,
      format: r.format as 'jpeg' | 'png',
      width: r.width,
      height: r.height,
      bytes: r.bytes,
      capturedAt: r.captured_at,
      ingestedAt: r.ingested_at,
      headingDeg: r.heading_deg,
      gps: r.gps_lat !== null && r.gps_lon !== null ? { latDeg: r.gps_lat, lonDeg: r.gps_lon, altM: r.gps_alt } : null,
      camera: { make: r.camera_make, model: r.camera_model },
      cameraHeightM: r.camera_height_m ?? this.pointHeight(r.point_id),
      state: r.state as PanoramaCaptureView['state'],
      error: r.error,
      levels: JSON.parse(r.levels) as TileLevel[],
      thumbnailUrl: thumbnailUrl(r.id),
    };
  }
}
