/**
 * The alarm engine's permission check: the policy itself is the shared table in
 * common/permissions.ts (the renderer hides buttons from the same table); this file turns a
 * refusal into the engine's `forbidden` error.
 */
import { mayPerform, ROLE_PERMISSIONS, type RoleAction } from '../../common/permissions.js';
import { type AlarmActor, type AlarmError, alarmError } from './alarm-types.js';

/** What a user can do to one alarm point through the engine (audit verification is an API route, not an engine action). */
export type AlarmAction = Exclude<RoleAction, 'verifyAudit'>;

/** Null when allowed; otherwise a `forbidden` error naming the roles that may. */
export function checkPermission(actor: AlarmActor, action: AlarmAction): AlarmError | null {
  if (mayPerform(actor.role, action)) return null;
  return alarmError('forbidden', `role "${actor.role}" may not ${action.replace(/-/g, ' ')} alarms (allowed: ${ROLE_PERMISSIONS[action].join(', ')})`);
}
