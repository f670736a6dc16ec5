/**
 * Signatures on what the authority sends down (electron/common/supervision.ts DownlinkMessage):
 * Ed25519 (RFC 8032) over `canonicalJson` of the message without its `signature`, base64. The
 * site checks with the authority's public key (SPKI PEM) it was given out of band, so a message
 * from anyone else who can reach the broker — another site, a forged client — is refused.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, type DownlinkMessage } from '../../common/supervision.js';

function signedBytes(message: DownlinkMessage): Buffer {
  const { signature: _omit, ...rest } = message;
  return Buffer.from(canonicalJson(rest), 'utf8');
}

export function signDownlink(message: DownlinkMessage, privateKey: KeyObject | string): DownlinkMessage {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  return { ...message, signature: sign(null, signedBytes(message), key).toString('base64') };
}

/** True when `signature` is the key's Ed25519 signature over the rest of the message. */
export function downlinkSignatureValid(message: DownlinkMessage, publicKey: KeyObject | string): boolean {
  if (typeof message.signature !== 'string' || message.signature.length === 0) return false;
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return verify(null, signedBytes(message), key, Buffer.from(message.signature, 'base64'));
  } catch {
    return false;
  }
}
