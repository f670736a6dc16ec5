import type { AlarmService } from '../alarms/alarm-service.js';
import type { LiveHub } from '../pipeline/live-hub.js';
import type { EffectiveSite } from '../registry/effective-site.js';

/**
 * A moved crane is judged at its new base from its next reading; every view drawing the site
 * model is told to fetch it again (the live channel carries no model, only that it changed).
 */
export function followModelEdits(effectiveSite: EffectiveSite, alarms: AlarmService, hub: LiveHub): void {
  effectiveSite.onModelEdit((current, edit) => {
    const moved = current.devices.find((d) => d.id === edit.deviceId);
    if (edit.fields.includes('position') && moved?.kind === 'crane') alarms.relayoutCranes(current.devices);
    hub.publish({ type: 'siteModelChanged', deviceId: edit.deviceId, fields: edit.fields });
  });
}
