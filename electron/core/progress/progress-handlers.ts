import { ApiError } from '../../common/api.js';
import type { ApiHandlers } from '../api/handlers.js';
import { ProgressRefusal, type ProgressService } from './progress-service.js';

type ProgressMethods = 'getProgress' | 'setFloorPlans' | 'completeFloor' | 'clearFloorCompletion' | 'setMilestone' | 'listProgressChanges';

/** Refusals of the service as API errors (4xx naming the field to fix), everything else unchanged. */
function answer<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    if (error instanceof ProgressRefusal) return Promise.reject(new ApiError(error.code, error.message, error.field));
    return Promise.reject(error as Error);
  }
}

/** The progress methods; without a service (tests that build handlers alone) they answer "not available". */
export function createProgressHandlers(service: ProgressService | undefined): Pick<ApiHandlers, ProgressMethods> {
  const s = () => {
    if (!service) throw new ApiError('conflict', 'construction progress is not available on this core');
    return service;
  };
  const who = (context: { caller: { username: string } | null }) => context.caller?.username ?? 'system';
  return {
    getProgress: (query) => answer(() => s().overview(query?.asOf)),
    setFloorPlans: (request, context) => answer(() => s().setFloorPlans(request, who(context))),
    completeFloor: (request, context) => answer(() => s().completeFloor(request, who(context))),
    clearFloorCompletion: (request, context) => answer(() => s().clearFloorCompletion(request, who(context))),
    setMilestone: (request, context) => answer(() => s().setMilestone(request, who(context))),
    listProgressChanges: (query) => answer(() => s().changes(query?.buildingId, query?.limit)),
  };
}
