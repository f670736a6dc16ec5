import { ApiError, DATA_PACKAGE_FILES_PATH, type DataPackageView } from '../../common/api.js';
import { packagePeriodProblem, type DataPackageRecord } from '../../common/data-package.js';
import type { ApiHandlers } from '../api/handlers.js';
import type { MediaTickets } from '../auth/media-tickets.js';
import { todayIn } from '../workforce/registry-service.js';
import { PackageQueueFull, type PackageJobs } from './package-jobs.js';
import type { SiteSigningKeys } from './site-key.js';

export interface DataPackageHandlerDeps {
  jobs: PackageJobs;
  keys: SiteSigningKeys;
  site: () => { id: string; timeZone: string };
  tickets: () => MediaTickets;
  now?: () => number;
}

/** A package's record with its download URL once done (a ticket for that one path). */
export function packageView(p: DataPackageRecord, tickets: MediaTickets): DataPackageView {
  if (p.state !== 'done') return { ...p, download: null };
  const path = `${DATA_PACKAGE_FILES_PATH}${p.id}.tar`;
  return { ...p, download: `${path}?ticket=${encodeURIComponent(tickets.issue(path).ticket)}` };
}

export function createDataPackageHandlers(deps: DataPackageHandlerDeps | undefined): Pick<ApiHandlers, 'listDataPackages' | 'requestDataPackage' | 'getDataPackage' | 'getSiteSigningKey'> {
  const d = () => {
    if (!deps) throw new ApiError('conflict', 'data packages are not available on this core');
    return deps;
  };
  return {
    async listDataPackages(request) {
      const { jobs, tickets } = d();
      return jobs.list(request?.limit ?? 100).map((p) => packageView(p, tickets()));
    },
    async requestDataPackage({ from, to }, context) {
      const { jobs, tickets, site, now } = d();
      const problem = packagePeriodProblem(from, to, todayIn(site().timeZone, (now ?? Date.now)()));
      if (problem) throw new ApiError('bad-request', problem.message, problem.field);
      try {
        return packageView(jobs.submit(from, to, context.caller?.username ?? 'system'), tickets());
      } catch (error) {
        if (error instanceof PackageQueueFull) throw new ApiError('rate-limited', error.message);
        throw error;
      }
    },
    async getDataPackage({ id }) {
      const { jobs, tickets } = d();
      const p = jobs.view(id);
      if (!p) throw new ApiError('not-found', `no data package "${id}"`, 'id');
      return packageView(p, tickets());
    },
    async getSiteSigningKey() {
      const { keys, site } = d();
      return keys.view(site().id);
    },
  };
}
