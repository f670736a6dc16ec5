import { ApiError } from '../../common/api.js';
import type { WorkforceRegistryApi } from '../../common/api/workforce.js';
import type { ApiHandlers, RequestContext } from '../api/handlers.js';
import type { Actor, RegistryService } from './registry-service.js';

type RegistryHandlers = Pick<ApiHandlers, keyof WorkforceRegistryApi>;

/** The registry's API handlers; route roles (workforce-permissions.ts) are checked before these run. */
export function createWorkforceRegistryHandlers(registry: RegistryService | undefined): RegistryHandlers {
  const service = (): RegistryService => {
    if (!registry) throw new ApiError('not-found', 'the real-name registry is not available on this core');
    return registry;
  };
  const actor = (context: RequestContext): Actor => {
    if (!context.caller) throw new ApiError('unauthorized', 'log in first (missing bearer token)');
    return { username: context.caller.username, role: context.caller.role };
  };
  return {
    async getRosterCounts() {
      return service().queries.counts();
    },
    async listCompanies() {
      return service().companies();
    },
    async createCompany(r, c) {
      return service().createCompany(actor(c), r);
    },
    async updateCompany(r, c) {
      return service().updateCompany(actor(c), r);
    },
    async listTeams(r) {
      return service().teams(r?.companyId);
    },
    async createTeam(r, c) {
      return service().createTeam(actor(c), r);
    },
    async updateTeam(r, c) {
      return service().updateTeam(actor(c), r);
    },
    async listWorkers(q) {
      return service().listWorkers(q ?? {});
    },
    async getWorker({ id }, c) {
      return service().detail(id, actor(c).role);
    },
    async registerWorker(r, c) {
      return service().register(actor(c), r);
    },
    async updateWorker({ id, changes }, c) {
      return service().update(actor(c), id, changes);
    },
    async exitWorker({ id, exitedOn, reason }, c) {
      return service().exit(actor(c), id, exitedOn, reason);
    },
    async reenterWorker({ id, membership }, c) {
      return service().reenter(actor(c), id, membership);
    },
    async revealWorkerNumbers({ id }, c) {
      return service().reveal(actor(c), id);
    },
    async addWorkerCertificate({ workerId, certificate }, c) {
      return service().addCertificate(actor(c), workerId, certificate);
    },
    async listWorkerCertificates({ workerId }) {
      service().existingWorker(workerId, 'workerId');
      return service().certificates(workerId);
    },
    async addOfficeTraining(r, c) {
      return service().addTraining(actor(c), r);
    },
    async listWorkerTraining({ workerId }) {
      service().existingWorker(workerId, 'workerId');
      return service().training(workerId);
    },
    async addWorkerConduct(r, c) {
      return service().addConduct(actor(c), r);
    },
    async listWorkerConduct({ workerId }) {
      service().existingWorker(workerId, 'workerId');
      return service().queries.conductOf(workerId);
    },
    async listWorkerBlacklist() {
      return service().queries.blacklist();
    },
    async blacklistWorker({ workerId, reason }, c) {
      return service().blacklist(actor(c), workerId, reason);
    },
    async unblacklistWorker({ id, reason }, c) {
      service().unblacklist(actor(c), id, reason);
      return { ok: true };
    },
    async listWorkerChanges(r, c) {
      return service().changes(actor(c).role, r?.workerId, r?.limit ?? 200);
    },
  };
}
