import type { MeasurementKind } from '../panorama/measure.js';
import type {
  PanoramaCaptureView,
  PanoramaIssueCategory,
  PanoramaIssueStatus,
  PanoramaIssueView,
  PanoramaMeasurementView,
  PanoramaPointView,
  PanoramaQueueView,
} from '../panorama/types.js';
import type { RouteSpec } from './route-spec.js';

/** Roles that may edit the panorama survey (assign captures, measure, raise and update issues). */
const PANORAMA_EDITORS = ['admin', 'operator', 'safety', 'manager'] as const;

/** The panorama survey: capture points, captures, measurements and issues. */
export interface PanoramasApi {
  /** Capture points of the panorama survey, with how many captures each has. */
  listPanoramaPoints(): Promise<PanoramaPointView[]>;
  /** Captures, newest first; of one point, or `unassigned` for those with none. Upload: POST /api/panoramas (raw body). */
  listPanoramaCaptures(query?: { pointId?: string }): Promise<PanoramaCaptureView[]>;
  getPanoramaCapture(request: { id: string }): Promise<PanoramaCaptureView>;
  /** Assigns a capture to a point by hand, optionally with its own camera height (m) and heading (°). */
  assignPanoramaCapture(request: { id: string; pointId: string; cameraHeightM?: number; headingDeg?: number }): Promise<PanoramaCaptureView>;
  getPanoramaQueue(): Promise<PanoramaQueueView>;
  /** Sets a capture device's HTTP password (kept encrypted in the vault; never read back). Admin only. */
  setPanoramaDevicePassword(request: { id: string; password: string }): Promise<{ id: string; passwordSet: true }>;
  listPanoramaMeasurements(query?: { captureId?: string; pointId?: string }): Promise<PanoramaMeasurementView[]>;
  /** The core recomputes value and uncertainty from the directions (common/panorama/measure.ts). */
  savePanoramaMeasurement(request: {
    captureId: string;
    kind: MeasurementKind;
    points: { yawDeg: number; pitchDeg: number }[];
    label?: string;
    pixelErrorPx?: number;
  }): Promise<PanoramaMeasurementView>;
  deletePanoramaMeasurement(request: { id: number }): Promise<{ ok: true }>;
  /** Issues of a point (all its captures) or of the whole site. */
  listPanoramaIssues(query?: { pointId?: string; status?: PanoramaIssueStatus }): Promise<PanoramaIssueView[]>;
  createPanoramaIssue(request: {
    captureId: string;
    yawDeg: number;
    pitchDeg: number;
    text: string;
    category: PanoramaIssueCategory;
    assignee?: string;
  }): Promise<PanoramaIssueView>;
  updatePanoramaIssue(request: { id: number; status?: PanoramaIssueStatus; assignee?: string; text?: string }): Promise<PanoramaIssueView>;
  /** CSV (UTF-8 with BOM) of measurements or issues, optionally of one point. */
  exportPanoramaCsv(request: { kind: 'measurements' | 'issues'; pointId?: string }): Promise<{ filename: string; csv: string }>;
}

export const PANORAMA_ROUTES = {
  listPanoramaPoints: { verb: 'GET', path: '/api/panorama-points', auth: true },
  listPanoramaCaptures: { verb: 'GET', path: '/api/panorama-captures', auth: true },
  getPanoramaCapture: { verb: 'GET', path: '/api/panorama-captures/:id', auth: true },
  assignPanoramaCapture: { verb: 'POST', path: '/api/panorama-captures/:id/assign', auth: true, roles: PANORAMA_EDITORS },
  getPanoramaQueue: { verb: 'GET', path: '/api/panorama-queue', auth: true },
  setPanoramaDevicePassword: { verb: 'POST', path: '/api/panorama-devices/:id/password', auth: true, roles: ['admin'] },
  listPanoramaMeasurements: { verb: 'GET', path: '/api/panorama-measurements', auth: true },
  savePanoramaMeasurement: { verb: 'POST', path: '/api/panorama-measurements', auth: true, roles: PANORAMA_EDITORS },
  deletePanoramaMeasurement: { verb: 'DELETE', path: '/api/panorama-measurements/:id', auth: true, roles: PANORAMA_EDITORS },
  listPanoramaIssues: { verb: 'GET', path: '/api/panorama-issues', auth: true },
  createPanoramaIssue: { verb: 'POST', path: '/api/panorama-issues', auth: true, roles: PANORAMA_EDITORS },
  updatePanoramaIssue: { verb: 'POST', path: '/api/panorama-issues/:id', auth: true, roles: PANORAMA_EDITORS },
  exportPanoramaCsv: { verb: 'GET', path: '/api/panorama-export/:kind', auth: true },
} as const satisfies Record<keyof PanoramasApi, RouteSpec>;
