import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProbe, PROBE_TYPES, readProbe, readProbeMatches, scopeValue } from '../../../electron/core/onvif/ws-discovery-messages.js';

const matches = (relatesTo: string, body: string): string =>
  `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">` +
  `<s:Header><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action><a:RelatesTo>${relatesTo}</a:RelatesTo></s:Header>` +
  `<s:Body><d:ProbeMatches>${body}</d:ProbeMatches></s:Body></s:Envelope>`;

describe('WS-Discovery messages', () => {
  it('builds a probe a responder reads back with its MessageID and type', () => {
    const probe = readProbe(buildProbe('urn:uuid:1', PROBE_TYPES[0]));
    expect(probe).toEqual({ messageId: 'urn:uuid:1', types: ['NetworkVideoTransmitter'] });
    expect(readProbe(buildProbe('urn:uuid:2', PROBE_TYPES[1]))?.types).toEqual(['Device']);
  });

  it('reads ProbeMatches: endpoint, http(s) XAddrs only, types, scopes', () => {
    const answer = readProbeMatches(
      matches(
        'urn:uuid:1',
        `<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:cam</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>` +
          `<d:Scopes>onvif://www.onvif.org/name/%E4%B8%9C%E9%97%A8 onvif://www.onvif.org/hardware/DS%2D2 onvif://www.onvif.org/location/bad%zz</d:Scopes>` +
          `<d:XAddrs>http://192.168.1.64/onvif/device_service file:///etc/passwd https://[fe80::1]/onvif/device_service</d:XAddrs></d:ProbeMatch>` +
          `<d:ProbeMatch><d:XAddrs>http://no-endpoint/</d:XAddrs></d:ProbeMatch>`,
      ),
    );
    expect(answer?.relatesTo).toBe('urn:uuid:1');
    expect(answer?.matches).toHaveLength(1);
    const match = answer!.matches[0]!;
    expect(match.xaddrs).toEqual(['http://192.168.1.64/onvif/device_service', 'https://[fe80::1]/onvif/device_service']);
    expect(scopeValue(match.scopes, 'name')).toBe('东门');
    expect(scopeValue(match.scopes, 'hardware')).toBe('DS-2');
    expect(scopeValue(match.scopes, 'location')).toBe('bad%zz');
    expect(scopeValue(match.scopes, 'type')).toBeUndefined();
  });

  it('ignores probes, other actions and garbage; never throws on any datagram (fuzz)', () => {
    expect(readProbeMatches(buildProbe('urn:uuid:1', PROBE_TYPES[0]))).toBeUndefined();
    expect(readProbeMatches(matches('', ''))).toBeUndefined();
    expect(readProbeMatches('<<<')).toBeUndefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const text = Buffer.from(bytes).toString('utf8');
        expect(() => readProbeMatches(text)).not.toThrow();
        expect(() => readProbe(text)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
