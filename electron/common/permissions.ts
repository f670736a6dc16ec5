/**
 * Who may do what to alarms and their audit trail: the one table both sides read. The core
 * enforces it (core/alarms/permissions.ts, the API route table); the renderer reads it only to
 * hide buttons a role may not use, and shows the core's refusal if the two ever meet otherwise.
 *
 * Site policy, not a standard: operators acknowledge (ISA-18.2 / IEC 62682 leave the roles to the
 * site's alarm philosophy); only safety staff and administrators may hide an alarm (shelve, take
 * its device out of service), release a latched cut-off, or verify the audit chain, because those
 * decide whether work may go on or whether the record can be trusted.
 */
import type { UserRole } from './api/auth.js';

/** Actions on alarms and the alarm audit log that not every role may take. */
export type RoleAction =
  | 'acknowledge'
  | 'shelve'
  | 'unshelve'
  | 'reset'
  | 'comment'
  | 'remove-from-service'
  | 'return-to-service'
  | 'verifyAudit';

/** The roles allowed each action; a role not listed is refused. */
export const ROLE_PERMISSIONS: { readonly [A in RoleAction]: readonly UserRole[] } = {
  acknowledge: ['operator', 'safety', 'admin'],
  shelve: ['safety', 'admin'],
  unshelve: ['safety', 'admin'],
  reset: ['safety', 'admin'],
  comment: ['admin', 'operator', 'safety', 'manager'],
  'remove-from-service': ['safety', 'admin'],
  'return-to-service': ['safety', 'admin'],
  verifyAudit: ['safety', 'admin'],
};

/**
 * Whether `role` may take `action`. The alarm engine's own actor, `system`, is never allowed
 * here: the engine acts through its own paths, never through the user API.
 */
export function mayPerform(role: UserRole | 'system', action: RoleAction): boolean {
  if (role === 'system') return false;
  return ROLE_PERMISSIONS[action].includes(role);
}
