/**
 * Signing and field encryption for the national construction-worker real-name platform's OpenAPI
 * (全国建筑工人管理服务信息平台, 建市〔2019〕18号), in the shape its public connector code shows.
 * The platform's own interface document is issued with the credentials; where it differs from the
 * rules below, these two functions are the only places to change.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/** The request parameters every call carries besides `sign`. */
export interface PlatformParams {
  appid: string;
  /** API name, e.g. `ProjectWorker.Add`. */
  method: string;
  version: string;
  format: 'json';
  /** yyyyMMddHHmmss, China Standard Time (the platform's clock). */
  timestamp: string;
  nonce: string;
  /** The business payload as a JSON string. */
  data: string;
}

/**
 * The signature rule implemented here: take every parameter except `sign` whose value is not
 * empty, sort them by name (ASCII order), write them as `name=value` joined with `&`, append
 * `&appsecret=SECRET`, lower-case the whole string, and hash it with SHA-256; `sign` is the
 * 64-character lower-case hex digest. Values are used as sent (before URL encoding).
 */
export function signParams(params: Readonly<Record<string, string>>, appSecret: string): string {
  const text = Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== undefined && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return createHash('sha256').update(`${text}&appsecret=${appSecret}`.toLowerCase(), 'utf8').digest('hex');
}

/**
 * The field encryption rule implemented here (ID numbers and bank-card numbers): AES-128-CBC with
 * PKCS#7 padding; the key is the first 16 bytes of the app secret (UTF-8), the IV the same 16
 * bytes; the output is Base64. The platform's samples use the secret's first 16 characters as the
 * key; an app secret shorter than 16 bytes is refused.
 */
export function encryptField(plain: string, appSecret: string): string {
  const key = fieldKey(appSecret);
  const cipher = createCipheriv('aes-128-cbc', key, key);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** The inverse of `encryptField` (the simulator reads ID numbers with it); throws on a wrong key or damaged text. */
export function decryptField(base64: string, appSecret: string): string {
  const key = fieldKey(appSecret);
  const decipher = createDecipheriv('aes-128-cbc', key, key);
  return Buffer.concat([decipher.update(Buffer.from(base64, 'base64')), decipher.final()]).toString('utf8');
}

function fieldKey(appSecret: string): Buffer {
  const bytes = Buffer.from(appSecret, 'utf8');
  if (bytes.length < 16) throw new Error('the app secret is shorter than 16 bytes; the platform issues 32-character secrets');
  return bytes.subarray(0, 16);
}

/** yyyyMMddHHmmss in China Standard Time (UTC+8, no daylight saving), the platform's timestamp form. */
export function platformTimestamp(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The instant a platform timestamp names, or null when it is not one. */
export function parsePlatformTimestamp(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const at = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isFinite(at) ? at : null;
}
