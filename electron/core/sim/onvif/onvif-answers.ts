import { NS } from '../../onvif/onvif-namespaces.js';
import { escapeXml } from '../../onvif/xml-escape.js';
import type { PtzPosition } from './ptz-head.js';

/**
 * The simulated camera's SOAP 1.2 answers, written as the ONVIF WSDLs and schema define them
 * (Device Management ver10, Media ver10, PTZ ver20, common schema tt) and faults as ONVIF Core
 * §5.11 specifies them (Code env:Sender/env:Receiver, Subcode ter:…).
 */

const DECLS = `xmlns:s="${NS.soap}" xmlns:tds="${NS.device}" xmlns:trt="${NS.media}" xmlns:tptz="${NS.ptz}" xmlns:tt="${NS.schema}" xmlns:ter="${NS.error}"`;

export function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${DECLS}><s:Body>${body}</s:Body></s:Envelope>`;
}

/** A fault: `code` is Sender or Receiver, `subcodes` the ter: codes, outermost first. */
export function fault(code: 'Sender' | 'Receiver', subcodes: readonly string[], reason: string): string {
  const nested = subcodes.reduceRight((inner, sub) => `<s:Subcode><s:Value>ter:${sub}</s:Value>${inner}</s:Subcode>`, '');
  return envelope(`<s:Fault><s:Code><s:Value>s:${code}</s:Value>${nested}</s:Code><s:Reason><s:Text xml:lang="en">${escapeXml(reason)}</s:Text></s:Reason></s:Fault>`);
}

export function systemDateAndTime(now: Date): string {
  return envelope(
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>` +
      `<tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone><tt:UTCDateTime>` +
      `<tt:Time><tt:Hour>${now.getUTCHours()}</tt:Hour><tt:Minute>${now.getUTCMinutes()}</tt:Minute><tt:Second>${now.getUTCSeconds()}</tt:Second></tt:Time>` +
      `<tt:Date><tt:Year>${now.getUTCFullYear()}</tt:Year><tt:Month>${now.getUTCMonth() + 1}</tt:Month><tt:Day>${now.getUTCDate()}</tt:Day></tt:Date>` +
      `</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`,
  );
}

export interface DeviceFacts {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

export function deviceInformation(facts: DeviceFacts): string {
  const f = (k: keyof DeviceFacts, tag: string): string => `<tds:${tag}>${escapeXml(facts[k])}</tds:${tag}>`;
  return envelope(
    `<tds:GetDeviceInformationResponse>${f('manufacturer', 'Manufacturer')}${f('model', 'Model')}${f('firmwareVersion', 'FirmwareVersion')}` +
      `${f('serialNumber', 'SerialNumber')}${f('hardwareId', 'HardwareId')}</tds:GetDeviceInformationResponse>`,
  );
}

export function services(base: string, ptz: boolean): string {
  const service = (ns: string, path: string): string =>
    `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${base}${path}</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>`;
  return envelope(
    `<tds:GetServicesResponse>${service(NS.device, '/onvif/device_service')}${service(NS.media, '/onvif/media_service')}` +
      `${ptz ? service(NS.ptz, '/onvif/ptz_service') : ''}</tds:GetServicesResponse>`,
  );
}

export function capabilities(base: string, ptz: boolean): string {
  return envelope(
    `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
      `<tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr></tt:Device>` +
      `<tt:Media><tt:XAddr>${base}/onvif/media_service</tt:XAddr><tt:StreamingCapabilities><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>` +
      `${ptz ? `<tt:PTZ><tt:XAddr>${base}/onvif/ptz_service</tt:XAddr></tt:PTZ>` : ''}` +
      `</tds:Capabilities></tds:GetCapabilitiesResponse>`,
  );
}

/** One of the simulated camera's media profiles. */
export interface SimulatedProfile {
  token: string;
  name: string;
  width: number;
  height: number;
  frameRate: number;
  /** kbit/s */
  bitrate: number;
  rtspUri: string;
}

export function profiles(list: readonly SimulatedProfile[], ptz: boolean): string {
  const one = (p: SimulatedProfile): string =>
    `<trt:Profiles token="${escapeXml(p.token)}" fixed="true"><tt:Name>${escapeXml(p.name)}</tt:Name>` +
    `<tt:VideoSourceConfiguration token="vsc"><tt:Name>VideoSource</tt:Name><tt:UseCount>${list.length}</tt:UseCount><tt:SourceToken>vs</tt:SourceToken>` +
    `<tt:Bounds x="0" y="0" width="${list[0]?.width ?? p.width}" height="${list[0]?.height ?? p.height}"/></tt:VideoSourceConfiguration>` +
    `<tt:VideoEncoderConfiguration token="vec-${escapeXml(p.token)}"><tt:Name>${escapeXml(p.name)}</tt:Name><tt:UseCount>1</tt:UseCount>` +
    `<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution>` +
    `<tt:Quality>4</tt:Quality><tt:RateControl><tt:FrameRateLimit>${p.frameRate}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
    `<tt:BitrateLimit>${p.bitrate}</tt:BitrateLimit></tt:RateControl><tt:H264><tt:GovLength>${p.frameRate * 2}</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>` +
    `<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>` +
    (ptz
      ? `<tt:PTZConfiguration token="ptz"><tt:Name>PTZ</tt:Name><tt:UseCount>${list.length}</tt:UseCount><tt:NodeToken>ptz-node</tt:NodeToken>` +
        `<tt:DefaultContinuousPanTiltVelocitySpace>http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace</tt:DefaultContinuousPanTiltVelocitySpace>` +
        `<tt:DefaultPTZTimeout>PT5S</tt:DefaultPTZTimeout></tt:PTZConfiguration>`
      : '') +
    `</trt:Profiles>`;
  return envelope(`<trt:GetProfilesResponse>${list.map(one).join('')}</trt:GetProfilesResponse>`);
}

export function streamUri(uri: string): string {
  return envelope(
    `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
      `<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>`,
  );
}

function vector(tag: string, p: PtzPosition): string {
  return `<tt:${tag}><tt:PanTilt x="${p.pan}" y="${p.tilt}" space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace"/>` + `<tt:Zoom x="${p.zoom}" space="http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace"/></tt:${tag}>`;
}

export function presets(list: ReadonlyArray<{ token: string; name: string; position: PtzPosition }>): string {
  return envelope(
    `<tptz:GetPresetsResponse>${list
      .map((p) => `<tptz:Preset token="${escapeXml(p.token)}"><tt:Name>${escapeXml(p.name)}</tt:Name>${vector('PTZPosition', p.position)}</tptz:Preset>`)
      .join('')}</tptz:GetPresetsResponse>`,
  );
}

export function setPreset(token: string): string {
  return envelope(`<tptz:SetPresetResponse><tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken></tptz:SetPresetResponse>`);
}

export function status(position: PtzPosition, moving: boolean, now: Date): string {
  const state = moving ? 'MOVING' : 'IDLE';
  return envelope(
    `<tptz:GetStatusResponse><tptz:PTZStatus>${vector('Position', position)}<tt:MoveStatus><tt:PanTilt>${state}</tt:PanTilt><tt:Zoom>${state}</tt:Zoom></tt:MoveStatus>` +
      `<tt:UtcTime>${now.toISOString()}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`,
  );
}

/** An empty `<prefix:OperationResponse/>` (ContinuousMove, Stop, GotoPreset). */
export function empty(prefix: 'tptz' | 'trt' | 'tds', operation: string): string {
  return envelope(`<${prefix}:${operation}Response/>`);
}
