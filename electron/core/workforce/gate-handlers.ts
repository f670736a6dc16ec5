import { ApiError } from '../../common/api.js';
import type { PassageView } from '../../common/api/gates.js';
import type { ApiHandlers } from '../api/handlers.js';
import { captureMediaPath } from './gate-capture-files.js';
import type { GateSystem } from './gate-system.js';

type GateMethods = 'getHeadcount' | 'listPassages' | 'getCertificateWatch' | 'getGateStats' | 'issueGateToken';

/** The gate methods of the contract; roles are on the routes (GATE_ROUTES). */
export function createGateHandlers(gates: GateSystem | undefined): Pick<ApiHandlers, GateMethods> {
  const sys = () => {
    if (!gates) throw new ApiError('conflict', 'the real-name gates are not available on this core');
    return gates;
  };
  return {
    async getHeadcount() {
      return sys().headcount.view();
    },
    async listPassages(query) {
      const g = sys();
      return g.passages.recent(query?.limit ?? 50, query?.beforeId ?? null).map(
        ({ photoFile, ...r }): PassageView => ({ ...r, gateName: g.gate(r.gateId)?.name ?? r.gateId, photo: photoFile ? captureMediaPath(photoFile) : null }),
      );
    },
    async getCertificateWatch() {
      const c = sys().certificates;
      return { today: c.today(), expiring: c.expiring(), expired: c.expired(), operators: sys().operators.operators(), noInduction: c.noInduction() };
    },
    async getGateStats() {
      return { ...sys().processor.stats };
    },
    async issueGateToken({ gateId }) {
      const g = sys();
      if (!g.gate(gateId)) throw new ApiError('not-found', `no gate "${gateId}" in the site file: add it as a device of kind gate first`, 'gateId');
      return { gateId, token: g.tokens.issue(gateId) };
    },
  };
}
