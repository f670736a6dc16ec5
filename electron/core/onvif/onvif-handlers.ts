import { ApiError } from '../../common/api/errors.js';
import type { OnvifApi } from '../../common/api/onvif.js';
import type { ApiHandlers } from '../api/handlers.js';
import type { OnvifService } from './onvif-service.js';

const OK = { ok: true } as const;

/** The ONVIF routes; without the service (no video wiring) each answers that ONVIF is not available. */
export function createOnvifHandlers(service: OnvifService | undefined, knownDevice: (id: string) => boolean): Pick<ApiHandlers, keyof OnvifApi> {
  const s = (): OnvifService => {
    if (!service) throw new ApiError('conflict', 'ONVIF is not available in this console.');
    return service;
  };
  return {
    discoverOnvifCameras: async (params) => s().discover(params?.timeoutMs),
    probeOnvifCamera: async ({ deviceUrl, username, password }) => s().probe(deviceUrl, { username, password }),
    addOnvifCamera: async (request) => {
      const unknown = (request.linkedDevices ?? []).find((id) => !knownDevice(id));
      if (unknown) throw new ApiError('bad-request', `There is no device "${unknown}" to link the camera to.`, 'linkedDevices');
      return s().add(request);
    },
    ptzMove: async ({ id, pan, tilt, zoom }) => {
      await s().move(id, { pan, tilt, zoom });
      return OK;
    },
    ptzStop: async ({ id }) => {
      await s().stop(id);
      return OK;
    },
    listPtzPresets: async ({ id }) => s().presets(id),
    gotoPtzPreset: async ({ id, preset }) => {
      await s().gotoPreset(id, preset);
      return OK;
    },
    savePtzPreset: async ({ id, name }) => s().savePreset(id, name),
  };
}
