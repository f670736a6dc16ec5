import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { NS } from '../../onvif/onvif-namespaces.js';
import { escapeXml } from '../../onvif/xml-escape.js';
import { PROBE_MATCHES_ACTION, readProbe, WS_DISCOVERY_ADDRESS, WS_DISCOVERY_PORT } from '../../onvif/ws-discovery-messages.js';

/** What the responder announces for one simulated camera. */
export interface DiscoveryAnnouncement {
  /** `urn:uuid:…`, stable for the device. */
  endpoint: string;
  /** Device service URL. */
  xaddr: string;
  name: string;
  hardware: string;
}

/**
 * The WS-Discovery target-service side of the simulated camera (WS-Discovery 2005/04 §5.3, ONVIF
 * Core §7.3): joins 239.255.255.250:3702, answers a Probe whose Types it matches (or a Probe
 * without Types) with ProbeMatches sent unicast to the prober, RelatesTo the probe's MessageID.
 * Part of our own ONVIF simulator (no ONVIF camera exists here).
 */
export class DiscoveryResponder {
  private constructor(
    private readonly socket: Socket,
    private readonly devices: readonly DiscoveryAnnouncement[],
  ) {}

  /**
   * Listens on `port` (default 3702) and joins the group on `interfaceAddress` (default: the OS's
   * choice); `joinGroup: false` answers unicast probes only (for tests without a multicast route).
   */
  static async start(
    devices: readonly DiscoveryAnnouncement[],
    options: { port?: number; interfaceAddress?: string; joinGroup?: boolean; host?: string } = {},
  ): Promise<DiscoveryResponder> {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    const responder = new DiscoveryResponder(socket, devices);
    socket.on('message', (message, rinfo) => responder.answer(message.toString('utf8'), rinfo.address, rinfo.port));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port ?? WS_DISCOVERY_PORT, options.host, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        resolve();
      });
    });
    if (options.joinGroup ?? true) socket.addMembership(WS_DISCOVERY_ADDRESS, options.interfaceAddress);
    return responder;
  }

  /** The UDP port it listens on. */
  get port(): number {
    return this.socket.address().port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private answer(text: string, address: string, port: number): void {
    const probe = readProbe(text);
    if (!probe) return;
    const ours = ['NetworkVideoTransmitter', 'Device'];
    if (probe.types.length && !probe.types.every((t) => ours.includes(t))) return;
    const matches = this.devices
      .map(
        (d) =>
          `<d:ProbeMatch><a:EndpointReference><a:Address>${escapeXml(d.endpoint)}</a:Address></a:EndpointReference>` +
          `<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>` +
          `<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/type/ptz ` +
          `onvif://www.onvif.org/name/${escapeXml(encodeURIComponent(d.name))} onvif://www.onvif.org/hardware/${escapeXml(encodeURIComponent(d.hardware))} ` +
          `onvif://www.onvif.org/Profile/Streaming</d:Scopes>` +
          `<d:XAddrs>${escapeXml(d.xaddr)}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch>`,
      )
      .join('');
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${NS.soap}" xmlns:a="${NS.wsa}" xmlns:d="${NS.wsd}" xmlns:dn="${NS.network}" xmlns:tds="${NS.device}">` +
      `<s:Header><a:MessageID>urn:uuid:${randomUUID()}</a:MessageID><a:RelatesTo>${escapeXml(probe.messageId)}</a:RelatesTo>` +
      `<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To><a:Action>${PROBE_MATCHES_ACTION}</a:Action></s:Header>` +
      `<s:Body><d:ProbeMatches>${matches}</d:ProbeMatches></s:Body></s:Envelope>`;
    this.socket.send(Buffer.from(xml, 'utf8'), port, address);
  }
}
