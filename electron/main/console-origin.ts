import { X509Certificate } from 'node:crypto';

/**
 * The URL the desktop window loads: the core's own address, on loopback when the core listens on
 * every interface. The window is then a browser tab on the web console, with the same code path.
 */
export function consoleUrlOf(coreUrl: string): string {
  const url = new URL(coreUrl);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.origin + '/';
}

/** Whether a navigation stays on the console (anything else is refused or opened in the system browser). */
export function isConsoleUrl(url: string, consoleUrl: string): boolean {
  try {
    return new URL(url).origin === new URL(consoleUrl).origin;
  } catch {
    return false;
  }
}

/**
 * Whether the window may accept a certificate Chromium does not trust: only the core's own
 * (self-signed, or issued for the LAN name rather than 127.0.0.1), recognised by the SHA-256
 * fingerprint the core reported over the supervisor channel, and only on the console's origin.
 */
export function trustsCoreCertificate(url: string, certificatePem: string, consoleUrl: string, coreFingerprint: string | undefined): boolean {
  if (!coreFingerprint || !isConsoleUrl(url, consoleUrl)) return false;
  try {
    return new X509Certificate(certificatePem).fingerprint256 === coreFingerprint;
  } catch {
    return false;
  }
}
