import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsChoice } from '../cli/command-line.js';

/** What the HTTPS server needs, and what the operator compares on each wall screen. */
export interface LanCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the DER certificate, colon-separated hex, as browsers show it. */
  fingerprint: string;
  selfSigned: boolean;
}

/** A certificate or key file that cannot be used; the message names the file and the fix. */
export class TlsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsFileError';
  }
}

/** The self-signed pair's home in the data folder; the key is readable by the service user only. */
export const SELF_SIGNED_CERT_FILE = join('tls', 'self-signed-cert.pem');
export const SELF_SIGNED_KEY_FILE = join('tls', 'self-signed-key.pem');

/** The certificate the core serves with, or null for plain HTTP. */
export async function lanCertificate(choice: TlsChoice, dataDir: string, host: string): Promise<LanCertificate | null> {
  if (choice.mode === 'off') return null;
  if (choice.mode === 'files') return fromFiles(choice.certFile, choice.keyFile);
  return selfSigned(dataDir, host);
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

function fromFiles(certFile: string, keyFile: string): LanCertificate {
  const cert = readPem(certFile, '--tls-cert');
  const key = readPem(keyFile, '--tls-key');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch {
    throw new TlsFileError(`--tls-cert ${certFile} is not a PEM certificate. Give the server certificate ("-----BEGIN CERTIFICATE-----").`);
  }
  try {
    if (!x509.checkPrivateKey(createPrivateKey(key))) throw new Error('mismatch');
  } catch {
    throw new TlsFileError(`--tls-key ${keyFile} is not the private key of ${certFile}. Give the key the certificate was issued for (PEM, unencrypted).`);
  }
  return { cert, key, fingerprint: x509.fingerprint256, selfSigned: false };
}

function readPem(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new TlsFileError(`${flag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path and that this user may read it.`);
  }
}

/**
 * Made once and reused, so wall screens that trusted it (or pinned its fingerprint) keep trusting
 * it across restarts. EC P-256 (fast to make, accepted by every current browser); valid 825 days,
 * the longest lifetime browsers accept for a server certificate (CA/Browser Forum Baseline
 * Requirements, 6.3.2 as of 2018).
 */
async function selfSigned(dataDir: string, host: string): Promise<LanCertificate> {
  const certFile = join(dataDir, SELF_SIGNED_CERT_FILE);
  const keyFile = join(dataDir, SELF_SIGNED_KEY_FILE);
  if (existsSync(certFile) && existsSync(keyFile)) {
    if ((statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
    const cert = readFileSync(certFile, 'utf8');
    return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: fingerprintOf(cert), selfSigned: true };
  }
  const now = new Date();
  const made = await generate([{ name: 'commonName', value: 'Site Command' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3600_000),
    notAfterDate: new Date(now.getTime() + 825 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(host) },
    ],
  });
  mkdirSync(join(dataDir, 'tls'), { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, made.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(certFile, made.cert, { mode: 0o644 });
  return { cert: made.cert, key: made.private, fingerprint: fingerprintOf(made.cert), selfSigned: true };
}

/** The names wall screens may use to reach this PC: the bound address or, for 0.0.0.0/::, every local address. */
function subjectAltNames(host: string): { type: 2 | 7; value?: string; ip?: string }[] {
  const names: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
  ];
  const wildcard = host === '0.0.0.0' || host === '::';
  const ips = wildcard
    ? Object.values(networkInterfaces())
        .flat()
        .filter((a) => a && !a.internal && a.family === 'IPv4')
        .map((a) => a!.address)
    : [];
  if (!wildcard) {
    if (/^[\d.]+$/.test(host) || host.includes(':')) ips.push(host.replace(/^\[|\]$/g, ''));
    else names.push({ type: 2, value: host });
  }
  for (const ip of new Set(ips)) if (ip !== '127.0.0.1') names.push({ type: 7, ip });
  return names;
}
