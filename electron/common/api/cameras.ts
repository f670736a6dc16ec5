import type { RouteSpec } from './route-spec.js';

/** One camera stream's state for the wall: why it is offline, and a bitrate/fps readout. */
export interface StreamStatusView {
  state: 'idle' | 'starting' | 'live' | 'offline';
  since: number;
  /** Why it is offline, in words (connection refused, timed out, authentication failed, not found, no video…). */
  reason?: string;
  fps?: number;
  bitrateKbps?: number;
  codec?: string;
  width?: number;
  height?: number;
  subscribers: number;
}

/** A camera as the console lists it. URLs never carry credentials. */
export interface CameraView {
  id: string;
  name: string;
  mainUrl: string;
  subUrl?: string;
  hasCredentials: boolean;
  position?: { e: number; n: number; u: number };
  headingDeg?: number;
  pitchDeg?: number;
  fovDeg?: number;
  linkedDevices: string[];
  recording: boolean;
  /** Whether PTZ commands can be sent (the camera has an ONVIF address); see api/onvif.ts. */
  ptz?: boolean;
  streams: { main?: StreamStatusView; sub?: StreamStatusView };
  /** Why no video can be shown at all (e.g. ffmpeg is not installed), in words. */
  unavailable?: string;
}

export interface SnapshotInfo {
  cameraId: string;
  takenAt: number;
  file: string;
  bytes: number;
  /** GET it with the bearer token (or `?token=` for an <img>). */
  url: string;
}

/** Cameras, their credentials and snapshots (live video itself goes over its own socket). */
export interface CamerasApi {
  listCameras(): Promise<CameraView[]>;
  /** Stores a camera's user name and password encrypted at rest (admin). */
  setCameraCredentials(request: { id: string; username: string; password: string }): Promise<CameraView>;
  /** A JPEG of the camera's current frame, saved with its time and camera. */
  takeSnapshot(request: { id: string; quality?: 'main' | 'sub' }): Promise<SnapshotInfo>;
}

export const CAMERA_ROUTES = {
  listCameras: { verb: 'GET', path: '/api/cameras', auth: true },
  setCameraCredentials: { verb: 'POST', path: '/api/cameras/:id/credentials', auth: true, roles: ['admin'] },
  takeSnapshot: { verb: 'POST', path: '/api/cameras/:id/snapshot', auth: true },
} as const satisfies Record<keyof CamerasApi, RouteSpec>;
