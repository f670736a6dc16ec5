import { OnvifError } from './onvif-error.js';
import type { OnvifDeviceInformation, OnvifMediaProfile, OnvifServiceAddresses, PtzPreset, PtzStatus, PtzVector } from './onvif-types.js';
import { NS } from './onvif-namespaces.js';
import { child, childrenNamed, numberAt, numberAttr, path, textAt } from './xml-query.js';
import type { XmlElement } from './xml-parser.js';

/**
 * Readers from the response elements of ONVIF operations to our types. Missing optional parts read
 * as undefined; a missing required part is OnvifError('bad-response').
 */

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new OnvifError('bad-response', `The camera's answer lacks ${what}.`);
  return value;
}

/** GetDeviceInformationResponse. */
export function readDeviceInformation(el: XmlElement): OnvifDeviceInformation {
  return {
    manufacturer: textAt(el, 'Manufacturer') ?? '',
    model: textAt(el, 'Model') ?? '',
    firmwareVersion: textAt(el, 'FirmwareVersion') ?? '',
    serialNumber: textAt(el, 'SerialNumber') ?? '',
    hardwareId: textAt(el, 'HardwareId') ?? '',
  };
}

/** GetSystemDateAndTimeResponse → the device's UTC clock, or undefined when it gives none. */
export function readSystemTime(el: XmlElement): Date | undefined {
  const utc = path(el, 'SystemDateAndTime', 'UTCDateTime');
  if (!utc) return undefined;
  const y = numberAt(utc, 'Date', 'Year');
  const mo = numberAt(utc, 'Date', 'Month');
  const d = numberAt(utc, 'Date', 'Day');
  const h = numberAt(utc, 'Time', 'Hour');
  const mi = numberAt(utc, 'Time', 'Minute');
  const s = numberAt(utc, 'Time', 'Second');
  if ([y, mo, d, h, mi, s].some((v) => v === undefined)) return undefined;
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** GetServicesResponse: the XAddr of each service we use, by its namespace. */
export function readServices(el: XmlElement, deviceUrl: string): OnvifServiceAddresses {
  const out: OnvifServiceAddresses = { device: deviceUrl };
  for (const service of childrenNamed(el, 'Service')) {
    const ns = textAt(service, 'Namespace');
    const xaddr = textAt(service, 'XAddr');
    if (!xaddr) continue;
    if (ns === NS.media) out.media = xaddr;
    else if (ns === NS.ptz) out.ptz = xaddr;
  }
  return out;
}

/** GetCapabilitiesResponse (older devices): Media and PTZ XAddrs. */
export function readCapabilities(el: XmlElement, deviceUrl: string): OnvifServiceAddresses {
  const caps = child(el, 'Capabilities');
  const out: OnvifServiceAddresses = { device: deviceUrl };
  const media = textAt(caps, 'Media', 'XAddr');
  const ptz = textAt(caps, 'PTZ', 'XAddr');
  if (media) out.media = media;
  if (ptz) out.ptz = ptz;
  return out;
}

/** GetProfilesResponse. */
export function readProfiles(el: XmlElement): OnvifMediaProfile[] {
  return childrenNamed(el, 'Profiles').map((p) => {
    const encoder = child(p, 'VideoEncoderConfiguration');
    const profile: OnvifMediaProfile = {
      token: required(p.attributes.token, 'a profile token'),
      name: textAt(p, 'Name') ?? '',
      ptz: child(p, 'PTZConfiguration') !== undefined,
    };
    const encoding = textAt(encoder, 'Encoding');
    const width = numberAt(encoder, 'Resolution', 'Width');
    const height = numberAt(encoder, 'Resolution', 'Height');
    const frameRate = numberAt(encoder, 'RateControl', 'FrameRateLimit');
    const bitrate = numberAt(encoder, 'RateControl', 'BitrateLimit');
    if (encoding) profile.encoding = encoding;
    if (width !== undefined) profile.width = width;
    if (height !== undefined) profile.height = height;
    if (frameRate !== undefined) profile.frameRate = frameRate;
    if (bitrate !== undefined) profile.bitrate = bitrate;
    return profile;
  });
}

/** GetStreamUriResponse → the URI. */
export function readStreamUri(el: XmlElement): string {
  const uri = required(textAt(el, 'MediaUri', 'Uri'), 'a stream URI');
  if (!/^rtsps?:\/\//i.test(uri)) throw new OnvifError('bad-response', `The camera gave a stream URI that is not RTSP: ${uri.slice(0, 120)}.`);
  return uri;
}

/** A PTZVector element (PanTilt x/y attributes, Zoom x attribute). */
export function readPtzVector(el: XmlElement | undefined): PtzVector {
  const out: PtzVector = {};
  const pt = child(el, 'PanTilt');
  const zoom = child(el, 'Zoom');
  const pan = numberAttr(pt, 'x');
  const tilt = numberAttr(pt, 'y');
  const z = numberAttr(zoom, 'x');
  if (pan !== undefined) out.pan = pan;
  if (tilt !== undefined) out.tilt = tilt;
  if (z !== undefined) out.zoom = z;
  return out;
}

/** GetPresetsResponse. */
export function readPresets(el: XmlElement): PtzPreset[] {
  return childrenNamed(el, 'Preset').map((p) => {
    const preset: PtzPreset = { token: required(p.attributes.token, 'a preset token'), name: textAt(p, 'Name') ?? '' };
    const position = child(p, 'PTZPosition');
    if (position) preset.position = readPtzVector(position);
    return preset;
  });
}

/** SetPresetResponse → the preset's token. */
export function readSetPreset(el: XmlElement): string {
  return required(textAt(el, 'PresetToken'), 'the new preset token');
}

/** GetStatusResponse. */
export function readPtzStatus(el: XmlElement): PtzStatus {
  const status = child(el, 'PTZStatus');
  const move = child(status, 'MoveStatus');
  const states = [textAt(move, 'PanTilt'), textAt(move, 'Zoom')];
  return { position: readPtzVector(child(status, 'Position')), moving: states.some((s) => s === 'MOVING') };
}
