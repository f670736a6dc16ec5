/**
 * Who may do what to an alarm. Site policy (not a standard): operators acknowledge; only
 * safety staff and administrators may hide an alarm (shelve, take out of service) or release a
 * latched cut-off, because those decide whether work may go on.
 */
import type { UserRole } from '../../common/api.js';
import { type AlarmActor, type AlarmError, alarmError } from './alarm-types.js';

export type AlarmAction = 'acknowledge' | 'shelve' | 'unshelve' | 'reset' | 'comment' | 'remove-from-service' | 'return-to-service';

export const ALARM_PERMISSIONS: { readonly [A in AlarmAction]: readonly UserRole[] } = {
  acknowledge: ['operator', 'safety', 'admin'],
  shelve: ['safety', 'admin'],
  unshelve: ['safety', 'admin'],
  reset: ['safety', 'admin'],
  comment: ['admin', 'operator', 'safety', 'manager'],
  'remove-from-service': ['safety', 'admin'],
  'return-to-service': ['safety', 'admin'],
};

export function mayPerform(role: AlarmActor['role'], action: AlarmAction): boolean {
  if (role === 'system') return false; // the engine acts through its own paths, never through the user API
  return ALARM_PERMISSIONS[action].includes(role);
}

/** Null when allowed; otherwise a `forbidden` error naming the roles that may. */
export function checkPermission(actor: AlarmActor, action: AlarmAction): AlarmError | null {
  if (mayPerform(actor.role, action)) return null;
  return alarmError('forbidden', `role "${actor.role}" may not ${action.replace(/-/g, ' ')} alarms (allowed: ${ALARM_PERMISSIONS[action].join(', ')})`);
}
