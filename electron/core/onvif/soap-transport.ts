import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { OnvifError } from './onvif-error.js';

/**
 * One SOAP 1.2 request over HTTP (SOAP 1.2 Part 2 §7, the HTTP binding ONVIF Core §5.3 uses):
 * POST, `Content-Type: application/soap+xml; charset=utf-8; action="…"`. The whole exchange is
 * bounded in time and in size, whatever the device does: a device that never answers, answers
 * slowly or answers forever ends in OnvifError('timeout' | 'too-large').
 */
export interface SoapPostOptions {
  /** Whole exchange, connect to last byte (default 5 s). */
  timeoutMs?: number;
  /** Time to open the TCP connection (default: the whole timeout). A camera on the LAN connects in milliseconds. */
  connectTimeoutMs?: number;
  /** Largest answer accepted (default 1 MiB: a camera's GetProfiles is a few tens of KiB). */
  maxBytes?: number;
  /** For https device URLs: whether to check the certificate (cameras mostly carry self-signed ones). */
  rejectUnauthorized?: boolean;
}

export interface SoapHttpAnswer {
  status: number;
  body: string;
}

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Posts `envelope` to `url` with SOAP `action`; resolves with the HTTP status and body text. */
export function postSoap(url: string, action: string, envelope: string, options: SoapPostOptions = {}): Promise<SoapHttpAnswer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new OnvifError('unreachable', `The device address ${JSON.stringify(url.slice(0, 200))} is not a URL.`));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new OnvifError('unreachable', `The device address must be http or https, not ${target.protocol}`));
  }
  const payload = Buffer.from(envelope, 'utf8');
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': `application/soap+xml; charset=utf-8; action="${action}"`,
          'Content-Length': payload.length,
        },
        ...(target.protocol === 'https:' ? { rejectUnauthorized: options.rejectUnauthorized ?? false } : {}),
      },
      (res: IncomingMessage) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          settle(() => reject(new OnvifError('too-large', `The device's answer of ${declared} bytes exceeds ${maxBytes}.`)));
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            settle(() => reject(new OnvifError('too-large', `The device's answer exceeds ${maxBytes} bytes.`)));
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => settle(() => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })));
        res.on('error', (error) => settle(() => reject(new OnvifError('unreachable', `The device's answer broke off: ${error.message}.`))));
      },
    );
    const timer = setTimeout(() => {
      settle(() => reject(new OnvifError('timeout', `The device at ${target.host} did not answer within ${timeoutMs} ms.`)));
      req.destroy();
    }, timeoutMs);
    if (options.connectTimeoutMs !== undefined && options.connectTimeoutMs < timeoutMs) {
      const connectMs = options.connectTimeoutMs;
      const connectTimer = setTimeout(() => {
        settle(() => reject(new OnvifError('timeout', `The device at ${target.host} did not accept a connection within ${connectMs} ms.`)));
        req.destroy();
      }, connectMs);
      req.once('socket', (socket) => {
        if (!socket.connecting) clearTimeout(connectTimer);
        else socket.once('connect', () => clearTimeout(connectTimer));
      });
      req.once('close', () => clearTimeout(connectTimer));
    }
    req.on('error', (error) => settle(() => reject(new OnvifError('unreachable', `The device at ${target.host} cannot be reached: ${error.message}.`))));
    req.end(payload);
  });
}
