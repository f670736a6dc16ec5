/** API handler of HJ 212 interval data (route and roles in common/api.ts, input in param-schemas.ts). */
import { ApiError } from '../../common/api.js';
import { INTERVAL_DEFAULT_RANGE_MS, INTERVAL_MAX_RANGE_MS } from '../../common/intervals.js';
import type { DeviceStates } from '../devices/device-states.js';
import type { IntervalQuery } from '../store/interval-query.js';
import type { ApiHandlers } from './handlers.js';

const DAY_MS = 86_400_000;

/** `query` is a getter so a transport built without one (tests) gets it only when used. */
export function createIntervalHandlers(query: () => IntervalQuery, devices: DeviceStates): Pick<ApiHandlers, 'getDeviceIntervals'> {
  return {
    async getDeviceIntervals({ id, kind, from: fromText, to: toText }) {
      if (!devices.has(id)) throw new ApiError('not-found', `no device "${id}" on this site`, 'id');
      const to = toText ? Date.parse(toText) : Date.now();
      const from = fromText ? Date.parse(fromText) : to - INTERVAL_DEFAULT_RANGE_MS[kind];
      if (from > to) throw new ApiError('bad-request', '"from" is after "to"', 'from');
      const max = INTERVAL_MAX_RANGE_MS[kind];
      if (to - from > max) {
        throw new ApiError('bad-request', `${kind} data can be read at most ${describeDays(max)} at a time; asked for ${describeDays(to - from)}`, 'from');
      }
      return query().between(id, kind, from, to);
    },
  };
}

function describeDays(ms: number): string {
  const days = ms / DAY_MS;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}
