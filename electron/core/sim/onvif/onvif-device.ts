import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NS } from '../../onvif/onvif-namespaces.js';
import { parseXml, type XmlElement } from '../../onvif/xml-parser.js';
import { child, numberAttr, textAt } from '../../onvif/xml-query.js';
import * as answers from './onvif-answers.js';
import { PtzHead } from './ptz-head.js';
import { UsernameTokenCheck } from './token-check.js';

/**
 * Our own ONVIF device simulator. No ONVIF camera exists where this project is built and tested,
 * so this is a small camera written from the published specifications: SOAP 1.2 over HTTP on
 * loopback (ONVIF Core §5), WS-Security UsernameToken PasswordDigest checked on every call outside
 * the PRE_AUTH class (Core §5.12.1–5.12.2), Device Management (GetSystemDateAndTime, GetServices,
 * GetCapabilities, GetDeviceInformation), Media ver10 (GetProfiles, GetStreamUri pointing at the
 * RTSP URLs it is given, e.g. the GStreamer test camera), PTZ ver20 (ContinuousMove, Stop,
 * GotoPreset, SetPreset, GetPresets, GetStatus) with the head's position and presets kept, and
 * faults as Core §5.11 defines them. It is not a conformance-tested device: it answers the calls
 * the console uses, and `misbehave` makes it answer as broken cameras do.
 */
export interface SimulatedOnvifCameraOptions {
  username: string;
  password: string;
  /** RTSP URL of the main stream. */
  mainRtspUri: string;
  /** RTSP URL of the sub stream (a second profile); none when left out. */
  subRtspUri?: string;
  /** Whether the camera has a PTZ head (default true). */
  ptz?: boolean;
  /** Camera name (WS-Discovery name scope). */
  name?: string;
  manufacturer?: string;
  model?: string;
  serialNumber?: string;
  host?: string;
  port?: number;
  /** Device clock minus real time, ms (to test the client's clock sync). */
  clockSkewMs?: number;
  /** Time source (tests may step it for PTZ motion). */
  now?: () => number;
  /** GetServices answers ActionNotSupported, as on ONVIF 1.x devices (the client falls back to GetCapabilities). */
  noGetServices?: boolean;
}

/** How the simulated camera misbehaves, for the bad-input tests. */
export type Misbehaviour = 'none' | 'garbage' | 'html-error' | 'hang' | 'huge' | 'refuse-ptz';

const MAX_REQUEST_BYTES = 64 * 1024;
/** ONVIF Core §5.12.1: operations any client may call without credentials. */
const PRE_AUTH = new Set(['GetSystemDateAndTime', 'GetServices', 'GetCapabilities', 'GetWsdlUrl', 'GetServiceCapabilities', 'GetHostname', 'GetEndpointReference']);

export class SimulatedOnvifCamera {
  readonly ptzHead: PtzHead;
  misbehave: Misbehaviour = 'none';
  /** Requests answered, by operation (for tests). */
  readonly calls: string[] = [];
  private readonly tokens: UsernameTokenCheck;
  private readonly hung = new Set<ServerResponse>();
  private readonly profiles: answers.SimulatedProfile[];

  private constructor(
    private readonly server: Server,
    readonly options: SimulatedOnvifCameraOptions,
  ) {
    const now = options.now ?? Date.now;
    this.ptzHead = new PtzHead(now);
    this.tokens = new UsernameTokenCheck(options.username, options.password, () => this.deviceNow());
    this.profiles = [{ token: 'main', name: 'MainStream', width: 1920, height: 1080, frameRate: 25, bitrate: 4096, rtspUri: options.mainRtspUri }];
    if (options.subRtspUri) this.profiles.push({ token: 'sub', name: 'SubStream', width: 640, height: 360, frameRate: 25, bitrate: 512, rtspUri: options.subRtspUri });
  }

  static async start(options: SimulatedOnvifCameraOptions): Promise<SimulatedOnvifCamera> {
    const server = createServer();
    const camera = new SimulatedOnvifCamera(server, options);
    server.on('request', (req, res) => camera.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return camera;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `http://host:port`, the base of every XAddr. */
  get baseUrl(): string {
    return `http://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  /** The device service URL (what WS-Discovery announces as XAddrs). */
  get deviceUrl(): string {
    return `${this.baseUrl}/onvif/device_service`;
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private deviceNow(): number {
    return (this.options.now ?? Date.now)() + (this.options.clockSkewMs ?? 0);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        res.writeHead(413).end();
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      const [status, xml] = this.answer(Buffer.concat(chunks).toString('utf8'));
      this.send(res, status, xml);
    });
  }

  private send(res: ServerResponse, status: number, xml: string): void {
    switch (this.misbehave) {
      case 'garbage':
        return void res.writeHead(200, { 'Content-Type': 'application/soap+xml' }).end('<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><trt:GetProf\u0000\u00ff');
      case 'html-error':
        return void res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body><h1>500 Internal Server Error</h1></body></html>');
      case 'hang':
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return;
      case 'huge': {
        res.writeHead(200, { 'Content-Type': 'application/soap+xml' });
        const block = Buffer.alloc(64 * 1024, 0x20);
        let sent = 0;
        const pump = (): void => {
          while (sent < 64 && !res.destroyed) {
            sent++;
            if (!res.write(block)) return void res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      default:
        res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8' }).end(xml);
    }
  }

  /** The HTTP status and envelope answering one request's text. */
  private answer(text: string): [number, string] {
    let root: XmlElement;
    try {
      root = parseXml(text, { maxLength: MAX_REQUEST_BYTES });
    } catch (error) {
      return [400, answers.fault('Sender', ['WellFormed'], `Request is not well-formed XML: ${(error as Error).message}`)];
    }
    const body = child(root, 'Body', NS.soap);
    const operation = body?.children[0];
    if (root.local !== 'Envelope' || root.ns !== NS.soap || !operation) {
      return [400, answers.fault('Sender', ['InvalidArgs'], 'Not a SOAP 1.2 request')];
    }
    this.calls.push(operation.local);
    if (!PRE_AUTH.has(operation.local)) {
      const refused = this.tokens.refuse(child(root, 'Header', NS.soap));
      if (refused) return [400, answers.fault('Sender', ['NotAuthorized'], `Sender not authorized: ${refused}`)];
    }
    try {
      return [200, this.operate(operation)];
    } catch (error) {
      if (error instanceof DeviceFault) return [error.code === 'Sender' ? 400 : 500, answers.fault(error.code, error.subcodes, error.message)];
      throw error;
    }
  }

  private operate(op: XmlElement): string {
    const ptz = this.options.ptz ?? true;
    const now = new Date(this.deviceNow());
    const key = `${op.ns}#${op.local}`;
    switch (key) {
      case `${NS.device}#GetSystemDateAndTime`:
        return answers.systemDateAndTime(now);
      case `${NS.device}#GetServices`:
        if (this.options.noGetServices) break;
        return answers.services(this.baseUrl, ptz);
      case `${NS.device}#GetCapabilities`:
        return answers.capabilities(this.baseUrl, ptz);
      case `${NS.device}#GetDeviceInformation`:
        return answers.deviceInformation({
          manufacturer: this.options.manufacturer ?? 'Site Command',
          model: this.options.model ?? 'SimCam PTZ',
          firmwareVersion: '1.0.0',
          serialNumber: this.options.serialNumber ?? 'SIM-0001',
          hardwareId: 'sim',
        });
      case `${NS.media}#GetProfiles`:
        return answers.profiles(this.profiles, ptz);
      case `${NS.media}#GetStreamUri`: {
        const profile = this.profile(op);
        const protocol = textAt(op, 'StreamSetup', 'Transport', 'Protocol');
        if (protocol && protocol !== 'RTSP' && protocol !== 'TCP' && protocol !== 'UDP') {
          throw new DeviceFault('Sender', ['InvalidArgVal', 'InvalidStreamSetup'], `Transport ${protocol} not supported`);
        }
        return answers.streamUri(profile.rtspUri);
      }
    }
    if (op.ns === NS.ptz && ptz) return this.operatePtz(op, now);
    throw new DeviceFault('Receiver', ['ActionNotSupported'], `Optional action ${op.local} not implemented`);
  }

  private operatePtz(op: XmlElement, now: Date): string {
    this.profile(op); // every PTZ call names a profile with a PTZ configuration
    if (this.misbehave === 'refuse-ptz' && op.local !== 'GetPresets' && op.local !== 'GetStatus') {
      throw new DeviceFault('Receiver', ['Action', 'PTZNotSupported'], 'PTZ is disabled on this camera');
    }
    const head = this.ptzHead;
    switch (op.local) {
      case 'ContinuousMove': {
        const velocity = child(op, 'Velocity');
        const timeout = textAt(op, 'Timeout');
        const seconds = timeout ? /^PT(\d+(?:\.\d+)?)S$/.exec(timeout)?.[1] : undefined;
        if (timeout && seconds === undefined) throw new DeviceFault('Sender', ['InvalidArgVal', 'TimeoutNotSupported'], `Timeout ${timeout} not understood`);
        head.move(
          { pan: numberAttr(child(velocity, 'PanTilt'), 'x'), tilt: numberAttr(child(velocity, 'PanTilt'), 'y'), zoom: numberAttr(child(velocity, 'Zoom'), 'x') },
          seconds === undefined ? undefined : Number(seconds) * 1000,
        );
        return answers.empty('tptz', 'ContinuousMove');
      }
      case 'Stop':
        head.stop();
        return answers.empty('tptz', 'Stop');
      case 'GetPresets':
        return answers.presets(head.listPresets());
      case 'GotoPreset': {
        const token = textAt(op, 'PresetToken') ?? '';
        const position = head.preset(token);
        if (!position) throw new DeviceFault('Sender', ['InvalidArgVal', 'NoToken'], `No preset ${token}`);
        head.goTo(position);
        return answers.empty('tptz', 'GotoPreset');
      }
      case 'SetPreset': {
        const token = textAt(op, 'PresetToken');
        const saved = head.savePreset(textAt(op, 'PresetName') ?? '', token);
        if (!saved) {
          throw token
            ? new DeviceFault('Sender', ['InvalidArgVal', 'NoToken'], `No preset ${token}`)
            : new DeviceFault('Receiver', ['Action', 'TooManyPresets'], 'Preset memory full');
        }
        return answers.setPreset(saved);
      }
      case 'GetStatus':
        return answers.status(head.position(), head.moving(), now);
      default:
        throw new DeviceFault('Receiver', ['ActionNotSupported'], `Optional action ${op.local} not implemented`);
    }
  }

  private profile(op: XmlElement): answers.SimulatedProfile {
    const token = textAt(op, 'ProfileToken');
    const found = this.profiles.find((p) => p.token === token);
    if (!found) throw new DeviceFault('Sender', ['InvalidArgVal', 'NoProfile'], `No profile ${token ?? '(none)'}`);
    return found;
  }
}

class DeviceFault extends Error {
  constructor(
    readonly code: 'Sender' | 'Receiver',
    readonly subcodes: string[],
    message: string,
  ) {
    super(message);
  }
}

/** For the discovery responder: the device's hardware scope value. */
export function hardwareOf(camera: SimulatedOnvifCamera): string {
  return camera.options.model ?? 'SimCam PTZ';
}

