import { ApiError } from '../../common/api/errors.js';
import type { QualityAssignee } from '../../common/api/quality.js';
import { QUALITY_CHECKLISTS } from '../../common/quality-checklists.js';
import type { ApiHandlers, RequestContext } from '../api/handlers.js';
import type { QualityActor, QualityService } from './quality-service.js';

type QualityMethods =
  | 'listQualityChecklists'
  | 'listQualityAssignees'
  | 'getQualitySummary'
  | 'listInspections'
  | 'getInspection'
  | 'recordInspection'
  | 'listNotices'
  | 'getNotice'
  | 'raiseNotice'
  | 'acknowledgeNotice'
  | 'answerNotice'
  | 'verifyNotice';

/** The quality methods of the contract; roles are on the routes (QUALITY_ROUTES). */
/** `quality` absent: each method answers that the area is not available (handlers built without it in tests). */
export function createQualityHandlers(quality: { service: QualityService; assignees: () => QualityAssignee[] } | undefined): Pick<ApiHandlers, QualityMethods> {
  const q = () => {
    if (!quality) throw new ApiError('conflict', 'inspections and notices are not available on this core');
    return quality.service;
  };
  const actor = (context: RequestContext): QualityActor => {
    if (!context.caller) throw new ApiError('unauthorized', 'log in first');
    return { username: context.caller.username, role: context.caller.role };
  };
  return {
    async listQualityChecklists() {
      return QUALITY_CHECKLISTS.map((c) => ({ ...c, items: [...c.items] }));
    },
    async listQualityAssignees() {
      q();
      return quality?.assignees() ?? [];
    },
    async getQualitySummary() {
      return q().summary();
    },
    async listInspections(query) {
      return q().inspections(query ?? {});
    },
    async getInspection({ id }) {
      return q().inspection(id);
    },
    async recordInspection(input, context) {
      return q().recordInspection(input, actor(context));
    },
    async listNotices(query) {
      return q().notices(query ?? {});
    },
    async getNotice({ id }) {
      return q().notice(id);
    },
    async raiseNotice(input, context) {
      return q().raiseNotice(input, actor(context));
    },
    async acknowledgeNotice({ id, text }, context) {
      return q().step(id, 'acknowledge', actor(context), text ?? '');
    },
    async answerNotice({ id, text, photos }, context) {
      return q().step(id, 'answer', actor(context), text, photos);
    },
    async verifyNotice({ id, pass, text }, context) {
      return q().step(id, pass ? 'verify-pass' : 'verify-fail', actor(context), text ?? '');
    },
  };
}
