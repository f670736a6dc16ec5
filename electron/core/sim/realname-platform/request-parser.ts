/**
 * SIMULATOR of the national real-name platform's published OpenAPI shape — not the platform.
 * Parses one call's body (form-encoded, or a JSON object of the same parameters) into checked
 * parameters. Pure and total: whatever bytes arrive, the answer is parameters or a code and a
 * reason, never a throw (property-tested).
 */
import { PLATFORM_CODES } from '../../realname-platform/methods.js';
import { parsePlatformTimestamp, signParams } from '../../realname-platform/signature.js';

export interface ParsedCall {
  appid: string;
  method: string;
  version: string;
  timestamp: number;
  nonce: string;
  data: Record<string, unknown>;
}

export type ParseResult = { ok: true; call: ParsedCall } | { ok: false; code: string; message: string };

/** Largest body taken: a 50 KB photo in Base64 is about 68 KB; room for the rest. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A timestamp more than this far from the platform's clock is refused (replay guard). */
export const TIMESTAMP_TOLERANCE_MS = 10 * 60_000;

const REQUIRED = ['appid', 'method', 'version', 'timestamp', 'nonce', 'data', 'sign'] as const;

export interface ParserKeys {
  appId: string;
  appSecret: string;
  now: number;
}

export function parsePlatformCall(body: Buffer, contentType: string | undefined, keys: ParserKeys): ParseResult {
  if (body.length > MAX_BODY_BYTES) return fail(PLATFORM_CODES.tooLarge, `请求体超过 ${MAX_BODY_BYTES} 字节`);
  let params: Record<string, string>;
  try {
    params = (contentType ?? '').includes('json') ? fromJson(body) : fromForm(body);
  } catch {
    return fail(PLATFORM_CODES.malformed, '请求格式错误：无法解析参数');
  }
  for (const name of REQUIRED) {
    if (typeof params[name] !== 'string' || params[name] === '') return fail(PLATFORM_CODES.missingParam, `缺少参数 ${name}`);
  }
  if (params.appid !== keys.appId) return fail(PLATFORM_CODES.badAppId, 'appid 无效');
  if (!/^[0-9a-f]{64}$/.test(params.sign!) || signParams(params, keys.appSecret) !== params.sign) return fail(PLATFORM_CODES.badSign, '签名错误');
  const timestamp = parsePlatformTimestamp(params.timestamp!);
  if (timestamp === null || Math.abs(keys.now - timestamp) > TIMESTAMP_TOLERANCE_MS) return fail(PLATFORM_CODES.staleTimestamp, '时间戳无效或已过期');
  let data: unknown;
  try {
    data = JSON.parse(params.data!);
  } catch {
    return fail(PLATFORM_CODES.badData, 'data 不是有效的 JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail(PLATFORM_CODES.badData, 'data 必须是 JSON 对象');
  return { ok: true, call: { appid: params.appid!, method: params.method!, version: params.version!, timestamp, nonce: params.nonce!, data: data as Record<string, unknown> } };
}

function fail(code: string, message: string): ParseResult {
  return { ok: false, code, message };
}

function fromForm(body: Buffer): Record<string, string> {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(text)) {
    if (name in out) throw new Error('repeated parameter');
    out[name] = value;
  }
  return out;
}

function fromJson(body: Buffer): Record<string, string> {
  const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, v] of Object.entries(value)) if (typeof v === 'string') out[name] = v;
  return out;
}
