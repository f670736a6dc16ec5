import type { CameraView } from './cameras.js';
import type { RouteSpec } from './route-spec.js';

/** A camera that answered a WS-Discovery probe on the console's LAN (ONVIF Core §7.3). */
export interface DiscoveredCameraView {
  /** The device's endpoint reference (`urn:uuid:…`), stable across answers. */
  endpoint: string;
  /** Its device service URL (the first XAddr). */
  deviceUrl: string;
  /** Every XAddr it announced. */
  xaddrs: string[];
  /** From its ONVIF name scope, when set. */
  name?: string;
  /** From its hardware scope (the model), when set. */
  hardware?: string;
  /** The IP address the answer came from. */
  address: string;
  /** The site camera already using this device service, if any. */
  cameraId?: string;
}

/** One media profile of a probed camera. */
export interface OnvifProfileView {
  token: string;
  name: string;
  encoding?: string;
  width?: number;
  height?: number;
  /** frames/s */
  frameRate?: number;
  ptz: boolean;
}

/** What a camera told the console when asked with credentials: who it is, its profiles and streams. */
export interface OnvifProbeView {
  deviceUrl: string;
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  profiles: OnvifProfileView[];
  /** RTSP URIs as the camera gave them (credentials never included). */
  mainUrl: string;
  mainProfile: string;
  subUrl?: string;
  subProfile?: string;
  /** Whether the camera has a PTZ service and a profile with a PTZ configuration. */
  ptz: boolean;
}

/** A PTZ preset stored in the camera. */
export interface PtzPresetView {
  token: string;
  name: string;
}

/** Velocities in the ONVIF generic space: each in [-1, 1]; positive pan right, tilt up, zoom in. */
export interface PtzMoveRequest {
  id: string;
  pan: number;
  tilt: number;
  zoom: number;
}

/**
 * ONVIF cameras: find them on the LAN, read their profiles with credentials, add one to the site
 * (credentials sealed in the vault), and drive a PTZ camera. Adding is for administrators; PTZ
 * for whoever watches the wall (operator, safety, admin).
 */
export interface OnvifApi {
  discoverOnvifCameras(request?: { timeoutMs?: number }): Promise<DiscoveredCameraView[]>;
  probeOnvifCamera(request: { deviceUrl: string; username: string; password: string }): Promise<OnvifProbeView>;
  addOnvifCamera(request: {
    id: string;
    name: string;
    deviceUrl: string;
    username: string;
    password: string;
    linkedDevices?: string[];
    recording?: boolean;
    alarmPreset?: string;
  }): Promise<CameraView>;
  /** Starts moving; the camera stops by itself after about 2 s unless the move is sent again. */
  ptzMove(request: PtzMoveRequest): Promise<{ ok: true }>;
  ptzStop(request: { id: string }): Promise<{ ok: true }>;
  listPtzPresets(request: { id: string }): Promise<PtzPresetView[]>;
  gotoPtzPreset(request: { id: string; preset: string }): Promise<{ ok: true }>;
  /** Saves where the camera points now as a preset named `name`. */
  savePtzPreset(request: { id: string; name: string }): Promise<PtzPresetView>;
}

const PTZ_ROLES = ['operator', 'safety', 'admin'] as const;

export const ONVIF_ROUTES = {
  discoverOnvifCameras: { verb: 'POST', path: '/api/onvif/discover', auth: true, roles: ['admin'] },
  probeOnvifCamera: { verb: 'POST', path: '/api/onvif/probe', auth: true, roles: ['admin'] },
  addOnvifCamera: { verb: 'POST', path: '/api/onvif/cameras', auth: true, roles: ['admin'] },
  ptzMove: { verb: 'POST', path: '/api/cameras/:id/ptz/move', auth: true, roles: PTZ_ROLES },
  ptzStop: { verb: 'POST', path: '/api/cameras/:id/ptz/stop', auth: true, roles: PTZ_ROLES },
  listPtzPresets: { verb: 'GET', path: '/api/cameras/:id/ptz/presets', auth: true },
  gotoPtzPreset: { verb: 'POST', path: '/api/cameras/:id/ptz/goto', auth: true, roles: PTZ_ROLES },
  savePtzPreset: { verb: 'POST', path: '/api/cameras/:id/ptz/presets', auth: true, roles: PTZ_ROLES },
} as const satisfies Record<keyof OnvifApi, RouteSpec>;
