/**
 * HTTP client for the national real-name platform's OpenAPI: each call POSTs form-encoded
 * parameters (appid, method, version, format, timestamp, nonce, data as JSON) with their `sign`
 * (signature.ts). Answers are JSON `{ code, message, data }`, code "0" for success.
 */
import { randomBytes } from 'node:crypto';
import { PLATFORM_API_VERSION, PLATFORM_CODES, QUERY_METHOD } from './methods.js';
import { platformTimestamp, signParams, type PlatformParams } from './signature.js';

export interface PlatformCredentials {
  platformUrl: string;
  appId: string;
  appSecret: string;
  projectCode: string;
}

/** The platform answered (whatever it said). */
export interface PlatformAnswer {
  code: string;
  message: string;
  data?: unknown;
}

/** The platform could not be reached or answered something that is not its JSON (retry later). */
export class PlatformTransportError extends Error {
  override name = 'PlatformTransportError';
}

/** An upload's final result, once the platform has processed it. */
export type UploadResult = { status: 'processing' } | { status: 'accepted'; ref: string | null } | { status: 'rejected'; code: string; reason: string };

/** One call's time limit: the platform is slow at times; the sync pass retries later. */
const CALL_TIMEOUT_MS = 15_000;

export class RealnamePlatformClient {
  constructor(
    private readonly credentials: PlatformCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async call(method: string, data: Record<string, unknown>): Promise<PlatformAnswer> {
    const params: PlatformParams = {
      appid: this.credentials.appId,
      method,
      version: PLATFORM_API_VERSION,
      format: 'json',
      timestamp: platformTimestamp(this.now()),
      nonce: randomBytes(8).toString('hex'),
      data: JSON.stringify(data),
    };
    const body = new URLSearchParams({ ...params, sign: signParams({ ...params }, this.credentials.appSecret) });
    let response: Response;
    try {
      response = await fetch(this.credentials.platformUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      throw new PlatformTransportError(`the platform at ${this.credentials.platformUrl} could not be reached (${describe(error)})`);
    }
    let answer: unknown;
    try {
      answer = await response.json();
    } catch {
      throw new PlatformTransportError(`the platform answered HTTP ${response.status} without its JSON reply`);
    }
    if (typeof answer !== 'object' || answer === null || typeof (answer as PlatformAnswer).code !== 'string') {
      throw new PlatformTransportError(`the platform answered HTTP ${response.status} with an unexpected reply`);
    }
    return answer as PlatformAnswer;
  }

  /** Uploads one record; the answer's request code is what `result` queries. */
  async upload(method: string, data: Record<string, unknown>): Promise<{ ok: true; requestCode: string } | { ok: false; code: string; reason: string }> {
    const a = await this.call(method, { projectCode: this.credentials.projectCode, ...data });
    const code = (a.data as { requestSerialCode?: unknown } | undefined)?.requestSerialCode;
    if (a.code === PLATFORM_CODES.ok && typeof code === 'string') return { ok: true, requestCode: code };
    return { ok: false, code: a.code, reason: a.message };
  }

  /** Queries an upload's result (AsyncHandleResult.Query). */
  async result(requestCode: string): Promise<UploadResult> {
    const a = await this.call(QUERY_METHOD, { projectCode: this.credentials.projectCode, requestSerialCode: requestCode });
    if (a.code !== PLATFORM_CODES.ok) return { status: 'rejected', code: a.code, reason: a.message };
    const d = a.data as { status?: unknown; code?: unknown; message?: unknown; ref?: unknown } | undefined;
    if (d?.status === 'accepted') return { status: 'accepted', ref: typeof d.ref === 'string' ? d.ref : null };
    if (d?.status === 'rejected') return { status: 'rejected', code: String(d.code ?? ''), reason: String(d.message ?? '平台未说明原因') };
    return { status: 'processing' };
  }
}

function describe(error: unknown): string {
  const e = error as { cause?: { code?: string; message?: string }; message?: string };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}
