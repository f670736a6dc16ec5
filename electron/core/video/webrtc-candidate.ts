/**
 * Whether an ICE candidate line's connection address (RFC 8839 §5.1, the fifth field) is an mDNS
 * name (`<uuid>.local`, draft-ietf-mmusic-mdns-ice-candidates), as browsers send host candidates
 * by default to keep LAN addresses private.
 */
export function isMdnsCandidate(candidate: string): boolean {
  const address = candidate.replace(/^a=/, '').trim().split(/\s+/)[4] ?? '';
  return address.toLowerCase().endsWith('.local');
}
