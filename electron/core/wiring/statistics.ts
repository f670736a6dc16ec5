import { buildingOfDevice } from '../../common/geometry/building-of.js';
import type { SiteConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import type { Database } from '../store/database.js';
import { StatisticsQueries } from '../statistics/statistics-queries.js';
import { StatisticsService } from '../statistics/statistics-service.js';

export interface StatisticsWiring {
  service: StatisticsService;
  queries: StatisticsQueries;
}

/**
 * Statistics: the folds (a service, registered after the store and the alarms) and the queries
 * behind the API. The ingest pipeline calls `service.observe` for every accepted reading.
 */
export function wireStatistics(options: { db: Database; site: () => SiteConfig; log: Logger }): StatisticsWiring {
  const { db, site } = options;
  const kindOf = (id: string) => site().devices.find((d) => d.id === id)?.kind;
  const buildingOf = (id: string) => {
    const device = site().devices.find((d) => d.id === id);
    return device ? buildingOfDevice(device, site().model.buildings) : null;
  };
  const service = new StatisticsService({
    db,
    timeZone: () => site().timeZone,
    preset: () => site().alarms.dustPreset,
    deviceKind: kindOf,
    dustDevices: () => site().devices.filter((d) => d.kind === 'dust').map((d) => d.id),
    buildingOf,
    log: options.log,
  });
  const queries = new StatisticsQueries({
    db,
    timeZone: () => site().timeZone,
    preset: () => site().alarms.dustPreset,
    devices: () => site().devices.map((d) => ({ id: d.id, name: d.name, kind: d.kind, building: buildingOfDevice(d, site().model.buildings) })),
    buildings: () => site().model.buildings.map((b) => ({ id: b.id, name: b.name })),
  });
  return { service, queries };
}
