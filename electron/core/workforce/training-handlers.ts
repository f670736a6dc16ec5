import { ApiError } from '../../common/api/errors.js';
import type { TrainingApi, TrainingWorkerView } from '../../common/api/training.js';
import type { RequestContext } from '../api/handlers.js';
import type { TrainingService } from './training-service.js';
import { portalLink, type PortalEndpoint } from './worker-portal-link.js';

type Handlers = { [M in keyof TrainingApi]: (params: Parameters<TrainingApi[M]>[0], context: RequestContext) => ReturnType<TrainingApi[M]> };

export interface TrainingHandlerDeps {
  training: TrainingService;
  /** Where the core is reached (null before the HTTP server listens). */
  endpoint: () => PortalEndpoint | null;
}

function unavailable(): never {
  throw new ApiError('not-found', 'training is not available in this core');
}

/** The console's training methods (electron/common/api/training.ts). Every change goes to the workforce change log. */
export function createTrainingHandlers(deps: TrainingHandlerDeps | undefined): Handlers {
  const t = () => deps?.training ?? unavailable();
  const audit = (context: RequestContext, entity: string, entityId: number | null, action: string, after?: unknown, before?: unknown) =>
    t().workforce.recordChange({ actor: context.caller?.username ?? 'unknown', actorRole: context.caller?.role ?? 'unknown', entity, entityId, action, before, after });
  return {
    async listCourses() {
      return t().store.courses();
    },
    async getCourse({ id }) {
      return t().courseDetail(id);
    },
    async createCourse(settings, context) {
      const course = t().createCourse(settings);
      audit(context, 'course', course.id, 'create', settings);
      return course;
    },
    async updateCourse({ id, ...settings }, context) {
      const before = t().store.course(id);
      const course = t().updateCourse(id, settings);
      audit(context, 'course', id, 'update', settings, before);
      return course;
    },
    async addQuestion({ courseId, ...q }, context) {
      const question = t().addQuestion(courseId, q);
      audit(context, 'question', question.id, 'create', question);
      return question;
    },
    async updateQuestion({ id, ...q }, context) {
      const before = t().store.question(id);
      const question = t().updateQuestion(id, q);
      audit(context, 'question', question.id, 'update', question, before);
      return question;
    },
    async removeQuestion({ id }, context) {
      const before = t().store.question(id);
      t().removeQuestion(id);
      audit(context, 'question', id, 'remove', undefined, before);
      return { ok: true };
    },
    async addTextMaterial({ courseId, title, body }, context) {
      const s = t();
      if (!s.store.course(courseId)) throw new ApiError('not-found', `no course ${courseId}`, 'courseId');
      const material = s.store.material(s.store.addMaterial({ courseId, kind: 'text', title, body }, s.now()))!;
      audit(context, 'material', material.id, 'create', { courseId, kind: 'text', title });
      return material;
    },
    async removeMaterial({ id }, context) {
      const before = t().store.material(id);
      if (!t().store.removeMaterial(id, t().now())) throw new ApiError('not-found', `no material ${id}`, 'id');
      audit(context, 'material', id, 'remove', undefined, before && { courseId: before.courseId, kind: before.kind, title: before.title });
      return { ok: true };
    },
    async listExamResults(query) {
      return t().store.results({ courseId: query?.courseId, workerId: query?.workerId, limit: query?.limit ?? 500 });
    },
    async findTrainingWorkers(query) {
      const s = t();
      const q = (query?.query ?? '').trim();
      const hours = new Map<number, number>();
      for (const r of s.store.db.prepare('SELECT worker_id, SUM(hours) AS h FROM wf_training_records WHERE passed = 1 GROUP BY worker_id').all() as { worker_id: number; h: number }[]) hours.set(r.worker_id, r.h);
      const out: TrainingWorkerView[] = [];
      for (const w of s.workforce.workers()) {
        if (q && !w.name.includes(q) && !w.idMasked.endsWith(q.toUpperCase())) continue;
        const inductionPassed = s.workforce.hasPassedInduction(w.id);
        if (query?.withoutInduction && inductionPassed) continue;
        out.push({ id: w.id, name: w.name, idMasked: w.idMasked, trade: w.trade, inductionPassed, trainingHours: Math.round((hours.get(w.id) ?? 0) * 10) / 10 });
        if (out.length >= (query?.limit ?? 50)) break;
      }
      return out;
    },
    async createWorkerCode({ workerId }, context) {
      const code = t().createCode(workerId, context.caller?.username ?? 'unknown');
      // The code itself is never logged: only who made one for whom, and until when.
      audit(context, 'worker-code', workerId, 'create', { expiresAt: code.expiresAt });
      return code;
    },
    async getPortalLink(target) {
      const endpoint = deps?.endpoint() ?? null;
      if (!endpoint) throw new ApiError('conflict', 'the core is not serving HTTP; the worker page has no address');
      return portalLink(endpoint, { courseId: target?.courseId, gateId: target?.gateId });
    },
  };
}
