import type { CameraView, StreamStatusView } from '../../common/api.js';
import type { CameraConfig } from '../config/site-schema.js';
import { CredentialVault, publicUrl, withCredentials } from '../secrets/credential-vault.js';
import type { CameraStreamConfig, VideoStatus } from '../video/video-service.js';
import type { StreamStatus } from '../video/video-types.js';

/**
 * The site's cameras: their configuration from the site file, their credentials from the vault,
 * and the views the console may see (no credentials, ever).
 */
export class CameraRegistry {
  private readonly byId = new Map<string, CameraConfig>();

  constructor(
    cameras: readonly CameraConfig[],
    private readonly vault: CredentialVault,
  ) {
    for (const c of cameras) this.byId.set(c.id, c);
  }

  /** Adds a camera found at run time (ONVIF); false when the id is taken. */
  add(camera: CameraConfig): boolean {
    if (this.byId.has(camera.id)) return false;
    this.byId.set(camera.id, camera);
    return true;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): CameraConfig | undefined {
    return this.byId.get(id);
  }

  list(): CameraConfig[] {
    return [...this.byId.values()];
  }

  /** Cameras whose video is evidence for a device's alarms. */
  linkedTo(deviceId: string): CameraConfig[] {
    return this.list().filter((c) => c.linkedDevices.includes(deviceId));
  }

  /** What the video service needs: URLs with credentials, for ffmpeg only. */
  streamConfig(id: string): CameraStreamConfig {
    const camera = this.byId.get(id);
    if (!camera) throw new Error(`no camera "${id}"`);
    const credentials = this.vault.get(id);
    return {
      id,
      mainUrl: withCredentials(camera.mainUrl, credentials),
      ...(camera.subUrl ? { subUrl: withCredentials(camera.subUrl, credentials) } : {}),
      transcode: camera.transcode,
    };
  }

  streamConfigs(): CameraStreamConfig[] {
    return this.list().map((c) => this.streamConfig(c.id));
  }

  view(id: string, status: VideoStatus): CameraView {
    const c = this.byId.get(id)!;
    const streams = status[id] ?? {};
    return {
      id: c.id,
      name: c.name,
      mainUrl: c.mainUrl.startsWith('testpattern:') ? c.mainUrl : publicUrl(c.mainUrl),
      ...(c.subUrl ? { subUrl: c.subUrl.startsWith('testpattern:') ? c.subUrl : publicUrl(c.subUrl) } : {}),
      hasCredentials: this.vault.has(id) || /\/\/[^/]*@/.test(c.mainUrl),
      ...(c.position ? { position: c.position } : {}),
      ...(c.headingDeg !== undefined ? { headingDeg: c.headingDeg } : {}),
      ...(c.pitchDeg !== undefined ? { pitchDeg: c.pitchDeg } : {}),
      ...(c.fovDeg !== undefined ? { fovDeg: c.fovDeg } : {}),
      linkedDevices: c.linkedDevices,
      recording: c.recording,
      ...(c.onvif ? { ptz: true } : {}),
      streams: {
        ...(streams.main ? { main: statusView(streams.main) } : {}),
        ...(streams.sub ? { sub: statusView(streams.sub) } : {}),
      },
    };
  }
}

function statusView(s: StreamStatus): StreamStatusView {
  return {
    state: s.state,
    since: s.since,
    subscribers: s.subscribers,
    ...(s.reason ? { reason: s.reason } : {}),
    ...(s.fps !== undefined ? { fps: s.fps } : {}),
    ...(s.bitrateKbps !== undefined ? { bitrateKbps: s.bitrateKbps } : {}),
    ...(s.codec ? { codec: s.codec } : {}),
    ...(s.width ? { width: s.width } : {}),
    ...(s.height ? { height: s.height } : {}),
  };
}
