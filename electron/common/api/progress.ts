import type { ProgressChange, ProgressOverview, SiteDay } from '../progress.js';
import type { UserRole } from './auth.js';
import type { RouteSpec } from './route-spec.js';

/**
 * Construction progress (工程进度): schedules per building (the site file's, with the console's
 * edits on top), floor completions (entered, or confirmed from a panorama capture), and the
 * planned-versus-actual delay. Everyone logged in reads; the project's admin and manager edit.
 */
export const PROGRESS_EDITORS: readonly UserRole[] = ['admin', 'manager'];

export interface ProgressQuery {
  /** Count delays at this site day (a report's period end); default today, site time. */
  asOf?: SiteDay;
}

/** Planned days for some floors of a building (the others keep theirs). */
export interface FloorPlansRequest {
  buildingId: string;
  floors: { floor: number; planned: SiteDay }[];
}

/**
 * A floor done: on `completed`, or on the day of the panorama `captureId` (a capture of one of the
 * building's capture points) that shows it; with both, the day given and the capture as evidence.
 */
export interface FloorCompletionRequest {
  buildingId: string;
  floor: number;
  completed?: SiteDay;
  captureId?: string;
}

export interface MilestoneRequest {
  buildingId: string;
  name: string;
  planned: SiteDay;
  /** The day it was reached; null or absent while still open. */
  done?: SiteDay | null;
}

export interface ProgressApi {
  getProgress(query?: ProgressQuery): Promise<ProgressOverview>;
  setFloorPlans(request: FloorPlansRequest): Promise<ProgressOverview>;
  completeFloor(request: FloorCompletionRequest): Promise<ProgressOverview>;
  /** Takes back a floor's completion (entered by mistake): the floor reads as not done. */
  clearFloorCompletion(request: { buildingId: string; floor: number }): Promise<ProgressOverview>;
  setMilestone(request: MilestoneRequest): Promise<ProgressOverview>;
  /** Every change, newest first: who, when, what it was and what it became. */
  listProgressChanges(query?: { buildingId?: string; limit?: number }): Promise<ProgressChange[]>;
}

const EDIT = PROGRESS_EDITORS;

export const PROGRESS_ROUTES = {
  getProgress: { verb: 'GET', path: '/api/progress', auth: true },
  setFloorPlans: { verb: 'POST', path: '/api/progress/buildings/:buildingId/plans', auth: true, roles: EDIT },
  completeFloor: { verb: 'POST', path: '/api/progress/buildings/:buildingId/completions', auth: true, roles: EDIT },
  clearFloorCompletion: { verb: 'POST', path: '/api/progress/buildings/:buildingId/completions/clear', auth: true, roles: EDIT },
  setMilestone: { verb: 'POST', path: '/api/progress/buildings/:buildingId/milestones', auth: true, roles: EDIT },
  listProgressChanges: { verb: 'GET', path: '/api/progress/changes', auth: true },
} as const satisfies Record<keyof ProgressApi, RouteSpec>;
