import { NS, soapAction } from './onvif-namespaces.js';
import { OnvifError } from './onvif-error.js';
import type { OnvifDeviceInformation, OnvifMediaProfile, OnvifServiceAddresses, OnvifStreams, PtzPreset, PtzStatus, PtzVector } from './onvif-types.js';
import {
  readCapabilities,
  readDeviceInformation,
  readPresets,
  readProfiles,
  readPtzStatus,
  readServices,
  readSetPreset,
  readStreamUri,
  readSystemTime,
} from './onvif-readers.js';
import { bodyPayload, buildEnvelope, faultError, readEnvelope, readFault } from './soap-envelope.js';
import { postSoap, type SoapPostOptions } from './soap-transport.js';
import { securityHeader, usernameToken } from './ws-security.js';
import { escapeXml } from './xml-escape.js';
import type { XmlElement } from './xml-parser.js';
import { pickStreams } from './stream-choice.js';

/** How to reach one device: its device service URL (a discovered XAddr) and its credentials. */
export interface OnvifClientOptions extends SoapPostOptions {
  /** The device management service, e.g. `http://192.168.1.64/onvif/device_service`. */
  url: string;
  username?: string;
  password?: string;
}

/**
 * An ONVIF client for the calls the console uses: device information and services (Core), profiles
 * and stream URIs (Media, ver10), continuous move, stop, presets and status (PTZ, ver20). Every
 * request carries a WS-Security UsernameToken when credentials are set, stamped with the device's
 * clock (read once with the unauthenticated GetSystemDateAndTime, as ONVIF Core §5.12.2 advises).
 * Every failure is an OnvifError.
 */
export class OnvifClient {
  private services: OnvifServiceAddresses | undefined;
  /** Device clock minus ours, ms; undefined until read. */
  private clockOffsetMs: number | undefined;

  constructor(private readonly options: OnvifClientOptions) {}

  /** GetSystemDateAndTime (no credentials needed): learns the device's clock offset. */
  async syncClock(): Promise<Date | undefined> {
    const answer = await this.call(this.options.url, NS.device, 'GetSystemDateAndTime', '<tds:GetSystemDateAndTime/>', false);
    const deviceTime = readSystemTime(answer);
    this.clockOffsetMs = deviceTime ? deviceTime.getTime() - Date.now() : 0;
    return deviceTime;
  }

  async getDeviceInformation(): Promise<OnvifDeviceInformation> {
    return readDeviceInformation(await this.call(this.options.url, NS.device, 'GetDeviceInformation', '<tds:GetDeviceInformation/>'));
  }

  /** Where the media and PTZ services answer: GetServices, falling back to GetCapabilities on devices without it. */
  async getServices(): Promise<OnvifServiceAddresses> {
    if (this.services) return this.services;
    try {
      const answer = await this.call(this.options.url, NS.device, 'GetServices', '<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>');
      this.services = readServices(answer, this.options.url);
    } catch (error) {
      if (!(error instanceof OnvifError) || (error.kind !== 'unsupported' && error.kind !== 'fault')) throw error;
      const answer = await this.call(this.options.url, NS.device, 'GetCapabilities', '<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>');
      this.services = readCapabilities(answer, this.options.url);
    }
    return this.services;
  }

  async getProfiles(): Promise<OnvifMediaProfile[]> {
    return readProfiles(await this.call(await this.mediaUrl(), NS.media, 'GetProfiles', '<trt:GetProfiles/>'));
  }

  /** GetStreamUri for RTSP over RTP unicast (ONVIF Media §5.15.1). */
  async getStreamUri(profileToken: string): Promise<string> {
    const body =
      `<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>` +
      `<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup>` +
      `<trt:ProfileToken>${escapeXml(profileToken)}</trt:ProfileToken></trt:GetStreamUri>`;
    return readStreamUri(await this.call(await this.mediaUrl(), NS.media, 'GetStreamUri', body));
  }

  /** The main stream (largest profile) and the sub stream (smallest, when it differs), with their URIs. */
  async getStreams(): Promise<OnvifStreams> {
    const choice = pickStreams(await this.getProfiles());
    if (!choice) throw new OnvifError('unsupported', 'The camera has no media profile with video.');
    const main = { profile: choice.main, uri: await this.getStreamUri(choice.main.token) };
    if (!choice.sub) return { main };
    return { main, sub: { profile: choice.sub, uri: await this.getStreamUri(choice.sub.token) } };
  }

  /** ContinuousMove at `velocity` (each in [-1, 1]); the device stops by itself after `timeoutS` when given. */
  async continuousMove(profileToken: string, velocity: PtzVector, timeoutS?: number): Promise<void> {
    const timeout = timeoutS !== undefined && timeoutS > 0 ? `<tptz:Timeout>PT${Math.min(timeoutS, 3600).toFixed(1)}S</tptz:Timeout>` : '';
    const body = `<tptz:ContinuousMove>${token(profileToken)}<tptz:Velocity>${vector(velocity, -1)}</tptz:Velocity>${timeout}</tptz:ContinuousMove>`;
    await this.call(await this.ptzUrl(), NS.ptz, 'ContinuousMove', body);
  }

  async stop(profileToken: string): Promise<void> {
    const body = `<tptz:Stop>${token(profileToken)}<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom></tptz:Stop>`;
    await this.call(await this.ptzUrl(), NS.ptz, 'Stop', body);
  }

  async getPresets(profileToken: string): Promise<PtzPreset[]> {
    return readPresets(await this.call(await this.ptzUrl(), NS.ptz, 'GetPresets', `<tptz:GetPresets>${token(profileToken)}</tptz:GetPresets>`));
  }

  async gotoPreset(profileToken: string, presetToken: string): Promise<void> {
    const body = `<tptz:GotoPreset>${token(profileToken)}<tptz:PresetToken>${escapeXml(presetToken)}</tptz:PresetToken></tptz:GotoPreset>`;
    await this.call(await this.ptzUrl(), NS.ptz, 'GotoPreset', body);
  }

  /** Saves the current position as a preset named `name` (overwriting `presetToken` when given); returns its token. */
  async setPreset(profileToken: string, name: string, presetToken?: string): Promise<string> {
    const existing = presetToken ? `<tptz:PresetToken>${escapeXml(presetToken)}</tptz:PresetToken>` : '';
    const body = `<tptz:SetPreset>${token(profileToken)}<tptz:PresetName>${escapeXml(name)}</tptz:PresetName>${existing}</tptz:SetPreset>`;
    return readSetPreset(await this.call(await this.ptzUrl(), NS.ptz, 'SetPreset', body));
  }

  async getStatus(profileToken: string): Promise<PtzStatus> {
    return readPtzStatus(await this.call(await this.ptzUrl(), NS.ptz, 'GetStatus', `<tptz:GetStatus>${token(profileToken)}</tptz:GetStatus>`));
  }

  private async mediaUrl(): Promise<string> {
    const url = (await this.getServices()).media;
    if (!url) throw new OnvifError('unsupported', 'The camera offers no ONVIF media service.');
    return url;
  }

  private async ptzUrl(): Promise<string> {
    const url = (await this.getServices()).ptz;
    if (!url) throw new OnvifError('unsupported', 'The camera offers no ONVIF PTZ service (not a PTZ camera).');
    return url;
  }

  /** One request/answer; returns the `<OperationResponse>` element. */
  private async call(url: string, serviceNs: string, operation: string, body: string, authenticate = true): Promise<XmlElement> {
    const headers: string[] = [];
    if (authenticate && this.options.username !== undefined) {
      if (this.clockOffsetMs === undefined) await this.syncClock().catch(() => (this.clockOffsetMs = 0));
      const now = new Date(Date.now() + (this.clockOffsetMs ?? 0));
      headers.push(securityHeader(usernameToken(this.options.username, this.options.password ?? '', now)));
    }
    const answer = await postSoap(url, soapAction(serviceNs, operation), buildEnvelope(body, headers), this.options);
    if (answer.status >= 200 && answer.status < 300) return bodyPayload(readEnvelope(answer.body).body, `${operation}Response`);
    // SOAP 1.2 Part 2 §7.5.1.2: faults come with 400 (Sender) or 500 (Receiver); some devices answer 401 bare.
    let fault;
    try {
      fault = readFault(readEnvelope(answer.body).body);
    } catch {
      fault = undefined;
    }
    if (fault) throw faultError(fault);
    if (answer.status === 401 || answer.status === 403) {
      throw new OnvifError('not-authorized', `The camera refused the credentials (HTTP ${answer.status}). Check the user name and password.`);
    }
    throw new OnvifError('unreachable', `The camera answered HTTP ${answer.status} without a SOAP fault.`);
  }
}

function token(profileToken: string): string {
  return `<tptz:ProfileToken>${escapeXml(profileToken)}</tptz:ProfileToken>`;
}

/** A PTZVector/PTZSpeed body; values clamped to the generic space ([min, 1]), non-numbers read as 0. */
function vector(v: PtzVector, min: number): string {
  const clamp = (x: number | undefined, lo: number): string => {
    const n = typeof x === 'number' && Number.isFinite(x) ? Math.max(lo, Math.min(1, x)) : 0;
    return String(Math.round(n * 1000) / 1000);
  };
  return `<tt:PanTilt x="${clamp(v.pan, min)}" y="${clamp(v.tilt, min)}"/><tt:Zoom x="${clamp(v.zoom, min)}"/>`;
}
