/**
 * Who may do what with inspections and rectification notices: one table the core enforces (route
 * roles, raw photo routes) and the console reads to hide buttons.
 *
 * Site practice (JGJ 59-2011 §3.1: the project's safety inspections are done by its safety and
 * technical staff; rectifications are answered by the unit responsible and re-checked by the
 * inspector's side, 复查销项):
 * - safety officers and the project manager record inspections, raise notices and verify answers;
 * - the labour manager speaks for the companies and teams on site: acknowledges and answers
 *   notices (with photos) on their behalf; they do not verify their own answers;
 * - admin may do everything; operator and viewer (wall screens) read.
 */
import type { UserRole } from './api/auth.js';

export type QualityAction = 'read' | 'inspect' | 'raise' | 'respond' | 'verify' | 'uploadPhoto';

export const QUALITY_PERMISSIONS: { readonly [A in QualityAction]: readonly UserRole[] } = {
  read: ['admin', 'safety', 'manager', 'labour', 'operator', 'viewer'],
  inspect: ['admin', 'safety', 'manager'],
  raise: ['admin', 'safety', 'manager'],
  /** Acknowledge and answer a notice, for the company or team it is assigned to. */
  respond: ['admin', 'labour'],
  verify: ['admin', 'safety', 'manager'],
  /** Anyone who may attach photos to an inspection, a notice or an answer. */
  uploadPhoto: ['admin', 'safety', 'manager', 'labour'],
};

/** Whether `role` may take `action`. */
export function mayQuality(role: UserRole, action: QualityAction): boolean {
  return QUALITY_PERMISSIONS[action].includes(role);
}
