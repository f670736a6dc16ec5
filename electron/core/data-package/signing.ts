/**
 * Ed25519 (RFC 8032) over the manifest's canonical JSON, and the key's fingerprint: SHA-256 of
 * the SPKI DER (RFC 8410), the value the authority stores for the site (`sites.public_key`).
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** The signature file's text: base64 of the 64-byte signature and a newline. */
export function signManifest(manifestText: string, privateKey: KeyObject): string {
  return `${sign(null, Buffer.from(manifestText, 'utf8'), privateKey).toString('base64')}\n`;
}

/** The 64 signature bytes from the file's text, or null when it is not exactly what signManifest writes. */
export function parseSignature(text: string): Buffer | null {
  const m = /^([A-Za-z0-9+/]{86}==)\n$/.exec(text);
  if (!m) return null;
  const bytes = Buffer.from(m[1]!, 'base64');
  return bytes.length === 64 && `${bytes.toString('base64')}\n` === text ? bytes : null;
}

export function signatureValid(manifestBytes: Buffer, signature: Buffer, key: KeyObject): boolean {
  try {
    return verify(null, manifestBytes, key, signature);
  } catch {
    return false;
  }
}

/** An Ed25519 public key from PEM text, or a reason. */
export function readPublicKey(pem: string): KeyObject | string {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : `the key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`;
  } catch (error) {
    return `not a public key in PEM form (${(error as Error).message})`;
  }
}

/** A fingerprint as typed by a person: spaces and colons removed, lower case. */
export function normalizeFingerprint(text: string): string {
  return text.replace(/[\s:]/g, '').toLowerCase();
}
