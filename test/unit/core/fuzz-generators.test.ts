import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../electron/common/api.js';
import { PARAM_SCHEMAS } from '../../../electron/core/api/param-schemas.js';
import { matchApiRoute } from '../../../electron/core/api/http-router.js';
import { arbitraryFor, jsonSchemaOf } from '../../fuzz/json-schema-arbitrary.js';
import { deeplyNestedJson, percentEncode } from '../../fuzz/hostile-values.js';

describe('fuzz generators derived from the parameter schemas', () => {
  // The fuzzer only reaches the handlers if most of what it derives from a schema passes that schema.
  it.each(API_METHODS)('%s: most generated parameters pass its schema', (method) => {
    const schema = PARAM_SCHEMAS[method];
    const samples = fc.sample(arbitraryFor(jsonSchemaOf(schema)), { numRuns: 200, seed: 42 });
    const passed = samples.filter((s) => schema.safeParse(s).success).length;
    expect(passed / samples.length).toBeGreaterThan(0.8);
  });

  it('percent-encodes a lone surrogate as the invalid UTF-8 a hostile client sends', () => {
    expect(percentEncode('a\ud800/')).toBe('a%ED%A0%80%2F');
    expect(() => decodeURIComponent(percentEncode('\udfff'))).toThrow(URIError);
    expect(decodeURIComponent(percentEncode('塔吊😀'))).toBe('塔吊😀');
  });

  it('nests JSON text as deep as asked', () => {
    expect(deeplyNestedJson(3, 'array')).toBe('[[[1]]]');
    expect(JSON.parse(deeplyNestedJson(2, 'object'))).toEqual({ a: { a: 1 } });
  });
});

describe('router and malformed %-escapes', () => {
  // Found by the API fuzzer: decodeURIComponent threw a URIError out of the router (a 500).
  it('treats a path parameter that is not percent-encoded UTF-8 as no route, without throwing', () => {
    expect(matchApiRoute('GET', '/api/devices/%')).toBeNull();
    expect(matchApiRoute('DELETE', '/api/panorama-measurements/%ED%A0%80')).toBeNull();
    expect(matchApiRoute('GET', '/api/devices/crane%2D1')).toEqual({ method: 'getDeviceDetail', pathParams: { id: 'crane-1' } });
  });
});
