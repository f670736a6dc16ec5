import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { buildProbe, PROBE_TYPES, readProbeMatches, scopeValue, WS_DISCOVERY_ADDRESS, WS_DISCOVERY_PORT } from './ws-discovery-messages.js';

/** A camera found on the LAN, its answers to every probe merged. */
export interface DiscoveredOnvifDevice {
  /** Stable endpoint reference (`urn:uuid:…`): the key duplicates are merged on. */
  endpoint: string;
  /** Device service URLs, first answer first. */
  xaddrs: string[];
  types: string[];
  scopes: string[];
  /** From the `name` scope, when the device sets one. */
  name?: string;
  /** From the `hardware` scope (the model), when set. */
  hardware?: string;
  /** The IP address the answer came from. */
  address: string;
}

export interface DiscoveryOptions {
  /** How long to listen for answers (default 3 s; ONVIF devices answer within APP_MAX_DELAY = 500 ms). */
  timeoutMs?: number;
  /** Local IPv4 address of the interface to probe from (default: the OS's multicast route). */
  interfaceAddress?: string;
  /** Where to send the probe (default the WS-Discovery group and port; tests may point elsewhere). */
  target?: { address: string; port: number };
  /** At most this many devices are kept (default 512). */
  maxDevices?: number;
}

/**
 * WS-Discovery probe (ONVIF Core §7.3): multicasts a Probe for each ONVIF device type, twice
 * (SOAP-over-UDP §3.4 repeats UDP messages; the same MessageID lets devices drop the copy),
 * collects ProbeMatches that relate to our probes until the timeout, and merges answers by the
 * device's endpoint reference. Never rejects on what devices send; rejects only when the socket
 * cannot be opened.
 */
export async function discoverOnvifDevices(options: DiscoveryOptions = {}): Promise<DiscoveredOnvifDevice[]> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const maxDevices = options.maxDevices ?? 512;
  const target = options.target ?? { address: WS_DISCOVERY_ADDRESS, port: WS_DISCOVERY_PORT };
  const probes = PROBE_TYPES.map((type) => ({ id: `urn:uuid:${randomUUID()}`, type }));
  const ours = new Set(probes.map((p) => p.id));
  const found = new Map<string, DiscoveredOnvifDevice>();
  const socket = createSocket({ type: 'udp4' });

  socket.on('message', (message, rinfo) => {
    const answer = readProbeMatches(message.toString('utf8'));
    if (!answer || !ours.has(answer.relatesTo)) return;
    for (const match of answer.matches) {
      const known = found.get(match.endpoint);
      if (!known) {
        if (found.size >= maxDevices) continue;
        const device: DiscoveredOnvifDevice = { ...match, address: rinfo.address };
        const name = scopeValue(match.scopes, 'name');
        const hardware = scopeValue(match.scopes, 'hardware');
        if (name) device.name = name;
        if (hardware) device.hardware = hardware;
        found.set(match.endpoint, device);
        continue;
      }
      for (const key of ['xaddrs', 'types', 'scopes'] as const) {
        for (const value of match[key]) if (!known[key].includes(value) && known[key].length < 64) known[key].push(value);
      }
    }
  });

  try {
    await bind(socket);
    if (options.interfaceAddress) socket.setMulticastInterface(options.interfaceAddress);
    socket.setMulticastTTL(1);
    for (let round = 0; round < 2; round++) {
      for (const probe of probes) await send(socket, buildProbe(probe.id, probe.type), target).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, timeoutMs));
  } finally {
    socket.close();
  }
  return [...found.values()];
}

function bind(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve();
    });
  });
}

function send(socket: Socket, text: string, target: { address: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => socket.send(Buffer.from(text, 'utf8'), target.port, target.address, (error) => (error ? reject(error) : resolve())));
}
