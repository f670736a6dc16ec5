import { NS } from './onvif-namespaces.js';
import { escapeXml } from './xml-escape.js';
import { parseXml, type XmlElement } from './xml-parser.js';
import { child, path, textAt } from './xml-query.js';

/**
 * WS-Discovery (2005/04, the version ONVIF Core §7 uses) messages: the Probe a client multicasts
 * and the ProbeMatches a device answers unicast. ONVIF Core §7.3.2 defines the device types to
 * probe for (tds:Device, dn:NetworkVideoTransmitter) and §7.3.2.2 the scopes that carry the
 * camera's name and hardware (`onvif://www.onvif.org/name/…`, `…/hardware/…`).
 */

export const WS_DISCOVERY_ADDRESS = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;
export const PROBE_ACTION = 'http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe';
export const PROBE_MATCHES_ACTION = 'http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches';
const DISCOVERY_TO = 'urn:schemas-xmlsoap-org:ws:2005:04:discovery';
const ANONYMOUS = 'http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous';

/** The device types we probe for, each as (prefix, namespace, local). */
export const PROBE_TYPES = [
  { prefix: 'dn', ns: NS.network, local: 'NetworkVideoTransmitter' },
  { prefix: 'tds', ns: NS.device, local: 'Device' },
] as const;

/** A Probe for one device type, with its MessageID (`urn:uuid:…`). */
export function buildProbe(messageId: string, type: (typeof PROBE_TYPES)[number]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<s:Envelope xmlns:s="${NS.soap}" xmlns:a="${NS.wsa}" xmlns:d="${NS.wsd}" xmlns:${type.prefix}="${type.ns}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${PROBE_ACTION}</a:Action>` +
    `<a:MessageID>${escapeXml(messageId)}</a:MessageID>` +
    `<a:ReplyTo><a:Address>${ANONYMOUS}</a:Address></a:ReplyTo>` +
    `<a:To s:mustUnderstand="1">${DISCOVERY_TO}</a:To></s:Header>` +
    `<s:Body><d:Probe><d:Types>${type.prefix}:${type.local}</d:Types></d:Probe></s:Body></s:Envelope>`
  );
}

/** One ProbeMatch: a device's endpoint, where its device service answers and what its scopes say. */
export interface ProbeMatch {
  /** The device's stable endpoint reference (usually `urn:uuid:…`). */
  endpoint: string;
  /** Device service URLs (http/https only). */
  xaddrs: string[];
  /** Device types as written (`dn:NetworkVideoTransmitter`). */
  types: string[];
  scopes: string[];
}

/** A ProbeMatches message: which probe it answers and its matches. */
export interface ProbeMatches {
  relatesTo: string;
  matches: ProbeMatch[];
}

function words(text: string | undefined): string[] {
  return text ? text.split(/\s+/).filter(Boolean).slice(0, 64) : [];
}

/** Reads a datagram as ProbeMatches; undefined for anything else (other traffic on the group, garbage). */
export function readProbeMatches(datagram: string): ProbeMatches | undefined {
  let root: XmlElement;
  try {
    root = parseXml(datagram, { maxLength: 64 * 1024 });
  } catch {
    return undefined;
  }
  if (root.local !== 'Envelope' || root.ns !== NS.soap) return undefined;
  const header = child(root, 'Header', NS.soap);
  if (textAt(header, 'Action') !== PROBE_MATCHES_ACTION) return undefined;
  const relatesTo = textAt(header, 'RelatesTo');
  const list = child(child(root, 'Body', NS.soap), 'ProbeMatches', NS.wsd);
  if (!relatesTo || !list) return undefined;
  const matches: ProbeMatch[] = [];
  for (const match of list.children.filter((c) => c.local === 'ProbeMatch').slice(0, 64)) {
    const endpoint = textAt(match, 'EndpointReference', 'Address');
    if (!endpoint) continue;
    const xaddrs = words(textAt(match, 'XAddrs')).filter((x) => /^https?:\/\/[^\s]+$/i.test(x));
    matches.push({ endpoint, xaddrs, types: words(textAt(match, 'Types')), scopes: words(textAt(match, 'Scopes')) });
  }
  return { relatesTo, matches };
}

/** The value of an ONVIF scope (`onvif://www.onvif.org/<kind>/<value>`), URL-decoded; undefined when absent. */
export function scopeValue(scopes: readonly string[], kind: 'name' | 'hardware' | 'location' | 'type'): string | undefined {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const scope = scopes.find((s) => s.toLowerCase().startsWith(prefix));
  if (!scope) return undefined;
  const raw = scope.slice(prefix.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Reads a datagram as a Probe (for responders): its MessageID and requested types' local names. */
export function readProbe(datagram: string): { messageId: string; types: string[] } | undefined {
  let root: XmlElement;
  try {
    root = parseXml(datagram, { maxLength: 64 * 1024 });
  } catch {
    return undefined;
  }
  if (root.local !== 'Envelope' || root.ns !== NS.soap) return undefined;
  const header = child(root, 'Header', NS.soap);
  if (textAt(header, 'Action') !== PROBE_ACTION) return undefined;
  const messageId = textAt(header, 'MessageID');
  const probe = path(root, 'Body', 'Probe');
  if (!messageId || !probe) return undefined;
  return { messageId, types: words(textAt(probe, 'Types')).map((t) => t.slice(t.indexOf(':') + 1)) };
}
