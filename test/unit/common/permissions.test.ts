import { describe, expect, it } from 'vitest';
import { API_ROUTES, USER_ROLES, type UserRole } from '../../../electron/common/api.js';
import { mayPerform, ROLE_PERMISSIONS, type RoleAction } from '../../../electron/common/permissions.js';
import { checkPermission } from '../../../electron/core/alarms/permissions.js';
import { availableActions } from '../../../renderer/src/state/alarm-state.js';

const ROLES: readonly UserRole[] = USER_ROLES;
const allowed = (action: RoleAction) => ROLES.filter((r) => mayPerform(r, action));

describe('role permissions (one table for the core and the renderer)', () => {
  it('lets only safety staff and administrators verify the audit chain, shelve, reset or take a device out of service', () => {
    for (const action of ['verifyAudit', 'shelve', 'unshelve', 'reset', 'remove-from-service', 'return-to-service'] as const) {
      expect(allowed(action).sort(), action).toEqual(['admin', 'safety']);
    }
  });

  it('lets operators acknowledge and managers only comment; viewers do nothing', () => {
    expect(allowed('acknowledge').sort()).toEqual(['admin', 'operator', 'safety']);
    expect(allowed('comment').sort()).toEqual(['admin', 'manager', 'operator', 'safety']);
    for (const action of Object.keys(ROLE_PERMISSIONS) as RoleAction[]) expect(mayPerform('viewer', action)).toBe(false);
  });

  it('never lets the engine\'s own actor act through the user API', () => {
    for (const action of Object.keys(ROLE_PERMISSIONS) as RoleAction[]) expect(mayPerform('system', action)).toBe(false);
  });

  it('the core refuses with the roles that may, and the API routes carry the same roles', () => {
    expect(checkPermission({ user: 'op', role: 'operator' }, 'reset')).toMatchObject({ code: 'forbidden', message: expect.stringContaining('safety, admin') });
    expect(checkPermission({ user: 'so', role: 'safety' }, 'reset')).toBeNull();
    expect(API_ROUTES.verifyAudit.roles).toEqual(ROLE_PERMISSIONS.verifyAudit);
    expect(API_ROUTES.setDeviceService.roles).toEqual(ROLE_PERMISSIONS['remove-from-service']);
  });

  it('the console offers acknowledge to an operator and reset too to a safety officer, from the same table', () => {
    const latched = { state: 'unack-rtn', shelved: null, latched: true, conditionActive: false } as unknown as Parameters<typeof availableActions>[0];
    expect(availableActions(latched, 'viewer')).toEqual([]);
    expect(availableActions(latched, 'manager')).toEqual(['comment']);
    expect(availableActions(latched, 'operator')).toEqual(['acknowledge', 'comment']);
    expect(availableActions(latched, 'safety')).toEqual(['acknowledge', 'reset', 'shelve', 'comment']);
  });
});
