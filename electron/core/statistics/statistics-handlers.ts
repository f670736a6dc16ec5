import { ApiError } from '../../common/api/errors.js';
import { STAT_RECORD_ROLES, type StatisticsApi } from '../../common/api/statistics.js';
import type { RequestContext } from '../api/handlers.js';
import type { StatisticsQueries } from './statistics-queries.js';

type StatisticsHandlers = {
  [M in keyof StatisticsApi]: (params: Parameters<StatisticsApi[M]>[0], context: RequestContext) => ReturnType<StatisticsApi[M]>;
};

/** Server side of the statistics contract; absent `queries` (tests that build handlers alone): "not available". */
export function createStatisticsHandlers(queries: StatisticsQueries | undefined): StatisticsHandlers {
  const q = () => {
    if (!queries) throw new ApiError('not-found', 'statistics are not available on this core');
    return queries;
  };
  return {
    async getStatisticsFigure(params) {
      return q().figure(params);
    },
    async getStatisticsRecords(params, context) {
      const roles = STAT_RECORD_ROLES[params.figure];
      if (roles && (!context.caller || !roles.includes(context.caller.role))) {
        throw new ApiError('forbidden', `the records behind ${params.figure} name workers; ask a labour officer, manager or administrator`);
      }
      return q().records(params, params.row, params.column ?? null);
    },
    async exportStatisticsFigure(params) {
      return q().export(params, params.format);
    },
  };
}
