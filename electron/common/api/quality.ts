/**
 * Inspections and rectification notices (质量安全检查、整改通知单). Photos go up first through the
 * raw route `QUALITY_RAW_PATHS.photos` (the body is the image) and are then named by file in
 * these calls. Roles come from the permission table (electron/common/quality-permissions.ts).
 */
import type { Checklist } from '../quality-checklists.js';
import { QUALITY_PERMISSIONS as P } from '../quality-permissions.js';
import type { InspectionResult, ItemResult, NoticeAction, NoticeOrigin, NoticeState, QualityLocation } from '../quality.js';
import type { RouteSpec } from './route-spec.js';

/** A stored photo, with a URL an <img> can load (it carries a short-lived media ticket). */
export interface QualityPhotoView {
  file: string;
  url: string;
}

/** One checklist item as found. */
export interface InspectionItemInput {
  code: string;
  result: ItemResult;
  remark?: string;
  /** Photo files from the upload route. */
  photos?: string[];
}

export interface InspectionInput {
  checklistId: string;
  items: InspectionItemInput[];
  location?: QualityLocation | null;
  remark?: string;
  photos?: string[];
  /** When it was done (ISO 8601); now when absent. Not in the future. */
  at?: string;
}

export interface InspectionItemView {
  code: string;
  text: string;
  clause: string;
  result: ItemResult;
  remark: string;
  photos: QualityPhotoView[];
}

export interface InspectionSummary {
  id: number;
  checklistId: string;
  checklistName: string;
  result: InspectionResult;
  /** Items 合格 / 不合格 / 不适用. */
  passed: number;
  failed: number;
  notApplicable: number;
  inspector: string;
  at: number;
  location: QualityLocation | null;
  /** Readable location, e.g. `1号楼 5层` or `全景 P-01`. */
  locationText: string;
  /** Notices raised from this inspection. */
  notices: number;
}

export interface InspectionView extends InspectionSummary {
  remark: string;
  items: InspectionItemView[];
  photos: QualityPhotoView[];
}

export interface InspectionQuery {
  /** Site days, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  result?: InspectionResult;
  limit?: number;
}

/** Where a notice came from. */
export type NoticeSource =
  | { kind: 'inspection'; inspectionId: number; itemCode: string }
  | { kind: 'panorama'; captureId: string; yawDeg: number; pitchDeg: number; issueId?: number }
  | { kind: 'direct' };

export interface NoticeInput {
  source: NoticeSource;
  companyId: number;
  teamId?: number | null;
  /** Last day to rectify (site day, YYYY-MM-DD); today or later. */
  dueDate: string;
  description: string;
  /** Evidence photo files. */
  photos?: string[];
  /** Building and floor, when not given by the source. */
  location?: QualityLocation | null;
}

/** One step of a notice's append-only log. */
export interface NoticeLogEntry {
  seq: number;
  action: NoticeAction;
  state: NoticeState;
  actor: string;
  actorRole: string;
  at: number;
  text: string;
  photos: QualityPhotoView[];
}

export interface NoticeSummary {
  id: number;
  /** 整改通知单 number, e.g. ZG-20261206-003. */
  number: string;
  origin: NoticeOrigin;
  /** The authority's reference for notices sent down by it. */
  externalRef: string | null;
  state: NoticeState;
  overdue: boolean;
  companyId: number;
  companyName: string;
  teamId: number | null;
  teamName: string | null;
  dueDate: string;
  description: string;
  raisedBy: string;
  raisedAt: number;
  closedAt: number | null;
  source: NoticeSource;
  location: QualityLocation | null;
  locationText: string;
}

export interface NoticeView extends NoticeSummary {
  photos: QualityPhotoView[];
  log: NoticeLogEntry[];
}

export interface NoticeQuery {
  state?: NoticeState | 'open';
  companyId?: number;
  overdue?: boolean;
  limit?: number;
}

export interface NoticeAnswer {
  id: number;
  text: string;
  photos: string[];
}

export interface NoticeVerdict {
  id: number;
  pass: boolean;
  /** Required when not passed: what is still wrong. */
  text?: string;
}

/** Companies and teams on the project now: whom a notice can go to. */
export interface QualityAssignee {
  companyId: number;
  companyName: string;
  teams: { id: number; name: string }[];
}

/** Figures for the panel and the view's header. */
export interface QualitySummary {
  today: string;
  openNotices: number;
  overdueNotices: number;
  /** This week's inspections (Monday to today, site days) and how many passed. */
  weekInspections: number;
  weekPassed: number;
  /** passed / inspections, 0–1; null with no inspections. */
  weekPassRate: number | null;
  /** Each of the last 7 site days: inspections and passed, oldest first. */
  days: { day: string; inspections: number; passed: number }[];
}

export interface QualityApi {
  listQualityChecklists(): Promise<Checklist[]>;
  listQualityAssignees(): Promise<QualityAssignee[]>;
  getQualitySummary(): Promise<QualitySummary>;
  listInspections(query?: InspectionQuery): Promise<InspectionSummary[]>;
  getInspection(params: { id: number }): Promise<InspectionView>;
  recordInspection(input: InspectionInput): Promise<InspectionView>;
  listNotices(query?: NoticeQuery): Promise<NoticeSummary[]>;
  getNotice(params: { id: number }): Promise<NoticeView>;
  raiseNotice(input: NoticeInput): Promise<NoticeView>;
  acknowledgeNotice(params: { id: number; text?: string }): Promise<NoticeView>;
  answerNotice(params: NoticeAnswer): Promise<NoticeView>;
  verifyNotice(params: NoticeVerdict): Promise<NoticeView>;
}

export const QUALITY_ROUTES = {
  listQualityChecklists: { verb: 'GET', path: '/api/quality/checklists', auth: true, roles: P.read },
  listQualityAssignees: { verb: 'GET', path: '/api/quality/assignees', auth: true, roles: P.read },
  getQualitySummary: { verb: 'GET', path: '/api/quality/summary', auth: true, roles: P.read },
  listInspections: { verb: 'GET', path: '/api/quality/inspections', auth: true, roles: P.read },
  getInspection: { verb: 'GET', path: '/api/quality/inspections/:id', auth: true, roles: P.read },
  recordInspection: { verb: 'POST', path: '/api/quality/inspections', auth: true, roles: P.inspect },
  listNotices: { verb: 'GET', path: '/api/quality/notices', auth: true, roles: P.read },
  getNotice: { verb: 'GET', path: '/api/quality/notices/:id', auth: true, roles: P.read },
  raiseNotice: { verb: 'POST', path: '/api/quality/notices', auth: true, roles: P.raise },
  acknowledgeNotice: { verb: 'POST', path: '/api/quality/notices/:id/acknowledge', auth: true, roles: P.respond },
  answerNotice: { verb: 'POST', path: '/api/quality/notices/:id/answer', auth: true, roles: P.respond },
  verifyNotice: { verb: 'POST', path: '/api/quality/notices/:id/verify', auth: true, roles: P.verify },
} as const satisfies Record<keyof QualityApi, RouteSpec>;

/** The raw routes: photo upload (POST, body = the image, bearer token) and download (GET, bearer or media ticket). */
export const QUALITY_RAW_PATHS = {
  photos: '/api/quality/photos',
  photoFile: '/api/quality/photos/',
} as const;

/** What the upload answers. */
export interface QualityPhotoUploaded {
  file: string;
  bytes: number;
  format: string;
  width: number;
  height: number;
  url: string;
}
