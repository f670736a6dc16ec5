import { ApiError } from '../../common/api/errors.js';
import type { CameraView, DiscoveredCameraView, OnvifProbeView, PtzPresetView } from '../../common/api.js';
import type { CameraRegistry } from '../cameras/camera-registry.js';
import type { CameraConfig } from '../config/site-schema.js';
import type { Logger } from '../log/logger.js';
import { publicUrl, type CameraCredentials, type CredentialVault } from '../secrets/credential-vault.js';
import type { AddedCameraFile } from './added-cameras.js';
import { OnvifClient } from './onvif-client.js';
import { OnvifError } from './onvif-error.js';
import type { PtzVector } from './onvif-types.js';
import { discoverOnvifDevices, type DiscoveredOnvifDevice, type DiscoveryOptions } from './ws-discovery.js';

export interface OnvifServiceDeps {
  cameras: CameraRegistry;
  vault: CredentialVault;
  added: AddedCameraFile;
  /** Tells the video service about a camera added at run time. */
  cameraAdded: (camera: CameraConfig) => Promise<void>;
  view: (id: string) => CameraView;
  log?: Logger;
  /** Per request to a camera (default 4 s). */
  timeoutMs?: number;
  /** To open the connection to a camera (default 1.5 s: cameras are on the LAN). */
  connectTimeoutMs?: number;
  discover?: (options: DiscoveryOptions) => Promise<DiscoveredOnvifDevice[]>;
}

/** How long a PTZ move lasts unless sent again: if the console loses the release, the camera stops itself. */
export const PTZ_MOVE_TIMEOUT_S = 2;

/** OnvifError → the API error an operator reads (a camera's refusal is a conflict, not our fault). */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof OnvifError) return new ApiError('conflict', error.message);
  return new ApiError('internal', 'The ONVIF request failed unexpectedly.');
}

/**
 * ONVIF for the site: discovery (one probe at a time, shared by concurrent callers), probing a
 * camera with credentials, adding it (credentials sealed in the vault, the camera kept in the data
 * folder), and PTZ on cameras with an ONVIF address, with their vault credentials.
 */
export class OnvifService {
  private discovering: Promise<DiscoveredOnvifDevice[]> | undefined;
  private readonly clients = new Map<string, { key: string; client: OnvifClient }>();

  constructor(private readonly deps: OnvifServiceDeps) {}

  async discover(timeoutMs = 2_000): Promise<DiscoveredCameraView[]> {
    this.discovering ??= (this.deps.discover ?? discoverOnvifDevices)({ timeoutMs }).finally(() => (this.discovering = undefined));
    const found = await this.discovering;
    const byUrl = new Map(this.deps.cameras.list().flatMap((c) => (c.onvif ? [[c.onvif.deviceUrl, c.id] as const] : [])));
    return found
      .filter((d) => d.xaddrs.length > 0)
      .map((d) => {
        const view: DiscoveredCameraView = { endpoint: d.endpoint, deviceUrl: d.xaddrs[0]!, xaddrs: d.xaddrs, address: d.address };
        if (d.name) view.name = d.name;
        if (d.hardware) view.hardware = d.hardware;
        const cameraId = d.xaddrs.map((x) => byUrl.get(x)).find((id) => id !== undefined);
        if (cameraId) view.cameraId = cameraId;
        return view;
      });
  }

  async probe(deviceUrl: string, credentials: CameraCredentials): Promise<OnvifProbeView> {
    const client = new OnvifClient({ url: deviceUrl, ...credentials, ...this.limits() });
    try {
      const info = await client.getDeviceInformation();
      const services = await client.getServices();
      const profiles = await client.getProfiles();
      const streams = await client.getStreams();
      const view: OnvifProbeView = {
        deviceUrl,
        manufacturer: info.manufacturer,
        model: info.model,
        firmwareVersion: info.firmwareVersion,
        serialNumber: info.serialNumber,
        profiles: profiles.map((p) => ({ ...p })),
        mainUrl: publicUrl(streams.main.uri),
        mainProfile: streams.main.profile.token,
        ptz: services.ptz !== undefined && profiles.some((p) => p.ptz),
      };
      if (streams.sub) {
        view.subUrl = publicUrl(streams.sub.uri);
        view.subProfile = streams.sub.profile.token;
      }
      return view;
    } catch (error) {
      throw apiErrorOf(error);
    }
  }

  async add(request: {
    id: string;
    name: string;
    deviceUrl: string;
    username: string;
    password: string;
    linkedDevices?: string[];
    recording?: boolean;
    alarmPreset?: string;
  }): Promise<CameraView> {
    if (this.deps.cameras.has(request.id)) throw new ApiError('conflict', `A camera "${request.id}" already exists; choose another id.`, 'id');
    const taken = this.deps.cameras.list().find((c) => c.onvif?.deviceUrl === request.deviceUrl);
    if (taken) throw new ApiError('conflict', `This camera is already on the site as "${taken.id}".`, 'deviceUrl');
    const probe = await this.probe(request.deviceUrl, { username: request.username, password: request.password });
    const camera: CameraConfig = {
      id: request.id,
      name: request.name,
      mainUrl: probe.mainUrl,
      ...(probe.subUrl ? { subUrl: probe.subUrl } : {}),
      linkedDevices: request.linkedDevices ?? [],
      recording: request.recording ?? false,
      transcode: false,
      onvif: { deviceUrl: request.deviceUrl, profileToken: probe.mainProfile },
      ...(request.alarmPreset ? { ptz: { alarmPreset: request.alarmPreset } } : {}),
    };
    if (!this.deps.cameras.add(camera)) throw new ApiError('conflict', `A camera "${request.id}" already exists; choose another id.`, 'id');
    this.deps.vault.set(camera.id, { username: request.username, password: request.password });
    this.deps.added.add(camera);
    await this.deps.cameraAdded(camera);
    this.deps.log?.info('ONVIF camera added', { camera: camera.id, deviceUrl: request.deviceUrl, model: probe.model });
    return this.deps.view(camera.id);
  }

  async move(id: string, velocity: PtzVector): Promise<void> {
    const { client, profile } = this.ptz(id);
    await client.continuousMove(profile, velocity, PTZ_MOVE_TIMEOUT_S).catch(rethrow);
  }

  async stop(id: string): Promise<void> {
    const { client, profile } = this.ptz(id);
    await client.stop(profile).catch(rethrow);
  }

  async presets(id: string): Promise<PtzPresetView[]> {
    const { client, profile } = this.ptz(id);
    const presets = await client.getPresets(profile).catch(rethrow);
    return presets.map((p) => ({ token: p.token, name: p.name }));
  }

  /** Goes to a preset named by token or, failing that, by name. */
  async gotoPreset(id: string, preset: string): Promise<void> {
    const { client, profile } = this.ptz(id);
    const presets = await client.getPresets(profile).catch(rethrow);
    const target = presets.find((p) => p.token === preset) ?? presets.find((p) => p.name === preset);
    if (!target) throw new ApiError('not-found', `Camera "${id}" has no preset "${preset}".`, 'preset');
    await client.gotoPreset(profile, target.token).catch(rethrow);
  }

  async savePreset(id: string, name: string): Promise<PtzPresetView> {
    const { client, profile } = this.ptz(id);
    const existing = (await client.getPresets(profile).catch(rethrow)).find((p) => p.name === name);
    const token = await client.setPreset(profile, name, existing?.token).catch(rethrow);
    return { token, name };
  }

  private limits(): { timeoutMs: number; connectTimeoutMs: number } {
    return { timeoutMs: this.deps.timeoutMs ?? 4_000, connectTimeoutMs: this.deps.connectTimeoutMs ?? 1_500 };
  }

  private ptz(id: string): { client: OnvifClient; profile: string } {
    const camera = this.deps.cameras.get(id);
    if (!camera) throw new ApiError('not-found', `There is no camera "${id}".`, 'id');
    if (!camera.onvif) throw new ApiError('conflict', `Camera "${id}" has no ONVIF address, so it cannot be turned. Add it through discovery or set "onvif" in the site file.`, 'id');
    const credentials = this.deps.vault.get(id);
    const key = JSON.stringify([camera.onvif.deviceUrl, credentials?.username, credentials?.password]);
    let entry = this.clients.get(id);
    if (entry?.key !== key) {
      entry = { key, client: new OnvifClient({ url: camera.onvif.deviceUrl, ...(credentials ?? {}), ...this.limits() }) };
      this.clients.set(id, entry);
    }
    return { client: entry.client, profile: camera.onvif.profileToken ?? 'main' };
  }
}

function rethrow(error: unknown): never {
  throw apiErrorOf(error);
}
