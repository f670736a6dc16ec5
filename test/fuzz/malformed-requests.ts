/**
 * Requests as raw bytes that no well-behaved client sends: bad %-escapes, odd verbs, huge or
 * duplicated headers, broken Authorization and Content-Type, absolute-form and `*` targets, and
 * bodies whose length lies or whose chunks stop half-way (RFC 9112 §6–7 describe what is valid).
 */
import fc from 'fast-check';
import { API_ROUTES } from '../../electron/common/api.js';
import { hostileString, percentEncode } from './hostile-values.js';

export interface MalformedRequest {
  /** What the request is, for the counterexample. */
  label: string;
  bytes: Buffer;
  /** Whether the target is under `/api/` (4xx answers must then be JSON errors). */
  isApi: boolean;
  verb: string;
}

const API_PATHS = Object.values(API_ROUTES).map((r) => r.path.replace(/:([A-Za-z]+)/g, 'x'));

const target = fc.oneof(
  fc.constantFrom(...API_PATHS),
  fc.constantFrom('/api/devices/%', '/api/devices/%zz', '/api/devices/%E0%A4%A', '/api/%ff', '/api/alarms/%C0%AF/ack', '/api/media/snapshots/%ff', '/api/media/model/%',
    '/api/media/panoramas/%zz/thumb.jpeg', '/%zz', '/assets/%ff.js', '//api//health', '/api/health/', '/api/../api/health', '/api/health?%zz=%zz', '/api/telemetry/crane-1?from=%ff',
    '*', 'http://evil.example/api/health', '/api/devices/' + 'a'.repeat(5000), '/api/media/snapshots/..%2f..%2fsite.json'),
  fc.tuple(fc.constantFrom(...API_PATHS), hostileString).map(([p, s]) => `${p}/${percentEncode(s)}`),
);

const verb = fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'get', 'FOO', 'M-SEARCH', 'PROPFIND');

const authorization = fc.constantFrom<string | null>(null, 'Bearer', 'Bearer ', 'Bearer a b', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'t'.repeat(8000)}`, 'Bearer \u00ff\u00fe', 'bearer x', 'Bearer %00');

const contentType = fc.constantFrom<string | null>(null, 'application/json', 'application/json; charset=latin1', 'text/plain', 'application/json, text/plain', '', 'multipart/form-data; boundary=x');

type Framing = 'none' | 'exact' | 'short' | 'long' | 'chunked' | 'chunked-stops' | 'chunked-bad' | 'cl-and-te' | 'huge-header' | 'dup-cl' | 'no-host' | 'http10';

/** Builds the request bytes; `framing` decides how (and how wrongly) the body is delimited. */
function build(v: string, t: string, auth: string | null, type: string | null, body: string, framing: Framing): Buffer {
  const lines = [`${v} ${t} ${framing === 'http10' ? 'HTTP/1.0' : 'HTTP/1.1'}`];
  if (framing !== 'no-host') lines.push('Host: 127.0.0.1');
  if (auth !== null) lines.push(`Authorization: ${auth}`);
  if (type !== null) lines.push(`Content-Type: ${type}`);
  const length = Buffer.byteLength(body);
  let payload = '';
  switch (framing) {
    case 'none':
    case 'no-host':
    case 'http10':
      break;
    case 'exact':
      lines.push(`Content-Length: ${length}`);
      payload = body;
      break;
    case 'short':
      lines.push(`Content-Length: ${length + 100}`);
      payload = body;
      break;
    case 'long':
      lines.push(`Content-Length: ${Math.max(0, length - 1)}`);
      payload = body;
      break;
    case 'chunked':
      lines.push('Transfer-Encoding: chunked');
      payload = `${length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
      break;
    case 'chunked-stops':
      lines.push('Transfer-Encoding: chunked');
      payload = `${(length + 50).toString(16)}\r\n${body}`;
      break;
    case 'chunked-bad':
      lines.push('Transfer-Encoding: chunked');
      payload = `zz\r\n${body}\r\n0\r\n\r\n`;
      break;
    case 'cl-and-te':
      lines.push(`Content-Length: ${length}`, 'Transfer-Encoding: chunked');
      payload = body;
      break;
    case 'dup-cl':
      lines.push(`Content-Length: ${length}`, `Content-Length: ${length + 1}`);
      payload = body;
      break;
    case 'huge-header':
      lines.push(`X-Filler: ${'h'.repeat(20_000)}`);
      break;
  }
  lines.push('Connection: close');
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), Buffer.from(payload, 'utf8')]);
}

export const malformedRequests: fc.Arbitrary<MalformedRequest> = fc
  .record({
    verb,
    target,
    authorization,
    contentType,
    body: fc.oneof(fc.constant('{}'), fc.constant('{"username":"admin","password":"x"}'), hostileString.map((s) => JSON.stringify({ id: s }))),
    framing: fc.constantFrom<Framing>('none', 'exact', 'short', 'long', 'chunked', 'chunked-stops', 'chunked-bad', 'cl-and-te', 'huge-header', 'dup-cl', 'no-host', 'http10'),
  })
  .map((r) => ({
    label: `${r.verb} ${r.target.slice(0, 120)} framing=${r.framing} auth=${r.authorization?.slice(0, 20) ?? 'none'} type=${r.contentType ?? 'none'} body=${r.body.slice(0, 80)}`,
    bytes: build(r.verb, r.target, r.authorization, r.contentType, r.body, r.framing),
    isApi: r.target.startsWith('/api/'),
    verb: r.verb,
  }));
