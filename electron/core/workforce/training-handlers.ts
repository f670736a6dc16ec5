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

/** The console's training methods (electron/common/api/training.ts). */
export function createTrainingHandlers(deps: TrainingHandlerDeps | undefined): Handlers {
  const t = () => deps?.training ?? unavailable();
  return {
    async listCourses() {
      return t().store.courses();
    },
    async getCourse({ id }) {
      return t().courseDetail(id);
    },
    async createCourse(settings) {
      return t().createCourse(settings);
    },
    async updateCourse({ id, ...settings }) {
      return t().updateCourse(id, settings);
    },
    async addQuestion({ courseId, ...q }) {
      return t().addQuestion(courseId, q);
    },
    async updateQuestion({ id, ...q }) {
      return t().updateQuestion(id, q);
    },
    async removeQuestion({ id }) {
      t().removeQuestion(id);
      return { ok: true };
    },
    async addTextMaterial({ courseId, title, body }) {
      const s = t();
      if (!s.store.course(courseId)) throw new ApiError('not-found', `no course ${courseId}`, 'courseId');
      return s.store.material(s.store.addMaterial({ courseId, kind: 'text', title, body }, s.now()))!;
    },
    async removeMaterial({ id }) {
      if (!t().store.removeMaterial(id, t().now())) throw new ApiError('not-found', `no material ${id}`, 'id');
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
      return t().createCode(workerId, context.caller?.username ?? 'unknown');
    },
    async getPortalLink(target) {
      const endpoint = deps?.endpoint() ?? null;
      if (!endpoint) throw new ApiError('conflict', 'the core is not serving HTTP; the worker page has no address');
      return portalLink(endpoint, { courseId: target?.courseId, gateId: target?.gateId });
    },
  };
}
