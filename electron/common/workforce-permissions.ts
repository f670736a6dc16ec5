/**
 * Who may see and change what in the real-name registry: the one table the core enforces (API
 * route roles, raw routes, what a worker view carries) and the renderer reads to hide buttons.
 *
 * Site policy after the real-name rule (建市〔2019〕18号: the general contractor's labour
 * management collects and keeps the data) and the Personal Information Protection Law (个人信息
 * 保护法 §28, §51: ID and bank-card numbers are sensitive personal information, seen only by
 * those who need them, access recorded):
 * - labour (劳务管理员) and admin write the registry and may reveal full ID and bank-card numbers;
 *   each reveal goes to the audit chain;
 * - safety, manager and operator read it with numbers masked (the safety officer checks
 *   certificates and induction; the operator sees who is at the gate);
 * - pay (wage kind and rate) is seen by labour, admin and the project manager, who signs the pay
 *   sheet (总包代发);
 * - viewer (wall screens, visitors) sees counts only: no names, no faces.
 */
import type { UserRole } from './api/auth.js';

export type WorkforceAction = 'readRegistry' | 'writeRegistry' | 'revealNumbers' | 'seePay' | 'writeTraining' | 'writeConduct' | 'importExport';

export const WORKFORCE_PERMISSIONS: { readonly [A in WorkforceAction]: readonly UserRole[] } = {
  readRegistry: ['admin', 'labour', 'safety', 'manager', 'operator'],
  writeRegistry: ['admin', 'labour'],
  revealNumbers: ['admin', 'labour'],
  seePay: ['admin', 'labour', 'manager'],
  /** Office-entered training records: the safety officer runs inductions too. */
  writeTraining: ['admin', 'labour', 'safety'],
  /** Good and bad conduct records: the safety officer records violations. */
  writeConduct: ['admin', 'labour', 'safety'],
  /** Import writes the registry; export is a copy of it (masked unless revealNumbers). */
  importExport: ['admin', 'labour'],
};

/** Whether `role` may take `action` on the registry. */
export function mayWorkforce(role: UserRole, action: WorkforceAction): boolean {
  return WORKFORCE_PERMISSIONS[action].includes(role);
}
