import { createHash, randomBytes } from 'node:crypto';
import { escapeXml } from './xml-escape.js';
import { NS, WSSE_BASE64, WSSE_PASSWORD_DIGEST } from './onvif-namespaces.js';

/**
 * WS-Security UsernameToken with PasswordDigest, the authentication ONVIF Core §5.12.2 requires
 * of every device: Password_Digest = Base64(SHA-1(nonce + created + password)), where nonce is the
 * raw bytes (not their Base64) and created the UTC time as written in the token (UsernameToken
 * Profile 1.0 §3.1). The password itself never crosses the network.
 */

/** Base64(SHA-1(nonce ‖ created ‖ password)). */
export function passwordDigest(nonce: Uint8Array, created: string, password: string): string {
  return createHash('sha1').update(nonce).update(Buffer.from(created, 'utf8')).update(Buffer.from(password, 'utf8')).digest('base64');
}

/** The parts of one token; `created` is xsd:dateTime in UTC. */
export interface UsernameToken {
  username: string;
  nonce: Buffer;
  created: string;
  digest: string;
}

/**
 * A fresh token for `username`/`password`. `now` is the device's clock as best we know it (ONVIF Core
 * §5.12.2 advises reading GetSystemDateAndTime first: devices reject a Created too far from theirs).
 */
export function usernameToken(username: string, password: string, now: Date = new Date()): UsernameToken {
  const nonce = randomBytes(16);
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { username, nonce, created, digest: passwordDigest(nonce, created, password) };
}

/** The `<wsse:Security>` header block carrying `token`. */
export function securityHeader(token: UsernameToken): string {
  return (
    `<wsse:Security xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}" s:mustUnderstand="1">` +
    `<wsse:UsernameToken>` +
    `<wsse:Username>${escapeXml(token.username)}</wsse:Username>` +
    `<wsse:Password Type="${WSSE_PASSWORD_DIGEST}">${token.digest}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${WSSE_BASE64}">${token.nonce.toString('base64')}</wsse:Nonce>` +
    `<wsu:Created>${token.created}</wsu:Created>` +
    `</wsse:UsernameToken></wsse:Security>`
  );
}
