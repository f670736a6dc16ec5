import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';
import type { PortalLinkView } from '../../common/api/training.js';
import { WORKER_PAGE_PATH } from '../../common/api/worker-portal.js';

/** How the core is reached: the bound host and port, and whether it serves HTTPS (self-signed or not). */
export interface PortalEndpoint {
  host: string;
  port: number;
  tls: boolean;
  selfSigned: boolean;
}

/**
 * The addresses a phone on the site Wi-Fi can use: the bound address, or every non-internal IPv4
 * address when bound to all (0.0.0.0/::). A core bound to 127.0.0.1 cannot be reached from a
 * phone at all; its loopback URL is still given (the console says so).
 */
export function lanHosts(host: string): string[] {
  if (host === '0.0.0.0' || host === '::') {
    const ips = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    return ips.length ? [...new Set(ips)] : ['127.0.0.1'];
  }
  return [host];
}

/** The worker page URLs (one per LAN address) for a course or a gate, with a QR code of the first. */
export async function portalLink(endpoint: PortalEndpoint, target: { courseId?: number; gateId?: string }): Promise<PortalLinkView> {
  const scheme = endpoint.tls ? 'https' : 'http';
  const fragment = target.courseId !== undefined ? `#/course/${target.courseId}` : target.gateId !== undefined ? `#/gate/${encodeURIComponent(target.gateId)}` : '';
  const urls = lanHosts(endpoint.host).map((h) => `${scheme}://${h.includes(':') ? `[${h}]` : h}:${endpoint.port}${WORKER_PAGE_PATH}${fragment}`);
  // Level M (15 % recovery) survives a creased or dusty print on a site office wall.
  const qrSvg = await QRCode.toString(urls[0]!, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { urls, qrSvg, tls: endpoint.tls, selfSigned: endpoint.selfSigned };
}
