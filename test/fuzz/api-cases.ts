/**
 * HTTP requests to the API, generated from the contract's route table (`API_ROUTES`) and each
 * method's parameter schema (`PARAM_SCHEMAS`): valid-looking parameters that reach deep into the
 * handlers, the same parameters mutated one field at a time, and hostile JSON of every type.
 */
import fc from 'fast-check';
import { API_ROUTES, USER_ROLES, type ApiMethod, type RouteSpec, type UserRole } from '../../electron/common/api.js';
import { PARAM_SCHEMAS } from '../../electron/core/api/param-schemas.js';
import { hostileBodyText, hostileJson, hostileString, percentEncode } from './hostile-values.js';
import { arbitraryFor, jsonSchemaOf } from './json-schema-arbitrary.js';

export const ROLES: readonly UserRole[] = USER_ROLES;

/** Who sends the request: a logged-in role, nobody, or a token the core never issued. */
export type Sender = UserRole | 'anonymous' | 'forged';

/**
 * Ids the running core knows: for path parameters keyed by the first path segment after `/api/`
 * (`devices`, `alarms`, …) or by segment and parameter (`history.metric`); for body and query
 * fields keyed by `field.NAME` (`field.captureId`, `field.pointId`).
 */
export type KnownIds = Record<string, readonly string[]>;

/** One generated API request, small enough to print as a counterexample. */
export interface ApiCase {
  method: ApiMethod;
  verb: string;
  /** Path and query, as sent on the request line. */
  target: string;
  /** Body text (POST), or undefined. */
  body?: string;
  /** Content-Type header, or null for none. */
  contentType: string | null;
  sender: Sender;
}

/**
 * Methods whose valid calls cost real work (scrypt password hashing, an ffmpeg snapshot or a
 * stream restart): drawn less often so the bounded run stays within its time.
 */
// ONVIF probes and discovery wait on the network (up to a connect timeout, a discovery window).
const COSTLY: ReadonlySet<ApiMethod> = new Set(['login', 'createUser', 'takeSnapshot', 'setCameraCredentials', 'discoverOnvifCameras', 'probeOnvifCamera', 'addOnvifCamera']);

const ROUTES = Object.entries(API_ROUTES) as [ApiMethod, RouteSpec][];

function paramNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

/** Mutations of a valid parameter object: a field dropped, replaced by hostile JSON, an extra field, the whole replaced. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), hostileJson, fc.constantFrom('drop', 'replace', 'extra', 'wrap', 'stringify')).map(([value, pick, junk, how]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return how === 'wrap' ? [value] : junk;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys.length ? keys[pick % keys.length]! : 'id';
    if (how === 'drop') delete copy[key];
    else if (how === 'replace') copy[key] = junk;
    else if (how === 'extra') copy[`x${pick % 7}`] = junk;
    else if (how === 'stringify') copy[key] = JSON.stringify(copy[key] ?? null);
    else return [copy];
    return copy;
  });
}

/** Valid-looking parameters whose id fields name, half the time, records the core has (a real capture, point or device). */
function withKnownFields(valid: fc.Arbitrary<unknown>, known: KnownIds): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.array(fc.nat(), { minLength: 8, maxLength: 8 })).map(([value, picks]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    Object.keys(copy).forEach((key, i) => {
      const pool = known[`field.${key}`];
      const pick = picks[i % picks.length]!;
      if (pool?.length && pick % 2 === 0) copy[key] = pool[(pick >> 1) % pool.length];
    });
    return copy;
  });
}

/** Text of a query value: strings as they are, anything else as JSON (what a careless client does). */
function queryText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** A path segment: percent-encoded as a client should, or raw (malformed escapes, slashes) as an attacker may. */
function segment(value: unknown, raw: boolean): string {
  const text = queryText(value);
  return raw ? text.replace(/[^\x21-\x7e]|[?#]/gu, (c) => percentEncode(c)) : percentEncode(text);
}

function caseFor(method: ApiMethod, spec: RouteSpec, known: KnownIds): fc.Arbitrary<ApiCase> {
  const schema = jsonSchemaOf(PARAM_SCHEMAS[method]);
  const valid = arbitraryFor(schema);
  const names = paramNames(spec.path);
  const area = spec.path.split('/')[2] ?? '';
  const pathValue = (name: string): fc.Arbitrary<unknown> => {
    const pool = known[`${area}.${name}`] ?? known[area] ?? [];
    return fc.oneof(
      ...(pool.length ? [{ weight: 4, arbitrary: fc.constantFrom(...pool) }] : []),
      { weight: 2, arbitrary: arbitraryFor(schema.properties?.[name] ?? {}, 1) },
      { weight: 1, arbitrary: hostileString },
    );
  };
  const reaching = withKnownFields(valid, known);
  const params = fc.oneof({ weight: 4, arbitrary: reaching }, { weight: 3, arbitrary: mutated(reaching) }, { weight: 2, arbitrary: hostileJson });
  const senders: Sender[] = method === 'logout' ? ['anonymous', 'forged'] : [...ROLES, 'anonymous', 'forged'];
  return fc
    .record({
      params,
      pathValues: fc.tuple(...names.map(pathValue)),
      rawPath: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      // One POST in twelve sends a hostile body text instead of its parameters' JSON.
      bodyText: fc.option(hostileBodyText, { freq: 11 }),
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
        { weight: 1, arbitrary: fc.constantFrom<string | null>('text/plain', null, 'application/jsonx') },
      ),
      // Admin may call every route, so it is drawn more often: more calls get past the role check.
      sender: fc.oneof({ weight: 3, arbitrary: fc.constant<Sender>(senders[0]!) }, { weight: senders.length - 1, arbitrary: fc.constantFrom(...senders.slice(1)) }),
    })
    .map(({ params, pathValues, rawPath, bodyText, contentType, sender }) => {
      let i = 0;
      const path = spec.path.replace(/:([A-Za-z]+)/g, () => segment(pathValues[i++], rawPath) || 'x');
      const isObject = params !== null && typeof params === 'object' && !Array.isArray(params);
      const rest: Record<string, unknown> = isObject ? { ...(params as Record<string, unknown>) } : {};
      for (const name of names) delete rest[name];
      if (spec.verb === 'POST') {
        const body = bodyText ?? (params === undefined ? '' : JSON.stringify(isObject ? rest : params));
        return { method, verb: spec.verb, target: path, body, contentType, sender };
      }
      const query = new URLSearchParams(Object.entries(rest).map(([k, v]): [string, string] => [k, queryText(v)])).toString();
      return { method, verb: spec.verb, target: query ? `${path}?${query}` : path, contentType: null, sender };
    });
}

/** Requests to every route of the contract; costly methods drawn a fifth as often. */
export function apiCases(known: KnownIds): fc.Arbitrary<ApiCase> {
  return fc.oneof(...ROUTES.map(([method, spec]) => ({ weight: COSTLY.has(method) ? 2 : 10, arbitrary: caseFor(method, spec, known) })));
}
