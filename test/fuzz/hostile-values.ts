/**
 * Values an attacker or a broken client sends: every JSON type, strings with NUL, lone UTF-16
 * surrogates, right-to-left marks and 4-byte characters, numbers at the edges of IEEE 754, and
 * bodies nested thousands of levels deep or sized around the 64 KiB body limit.
 */
import fc from 'fast-check';

/** The core's limit on a JSON request body (core/api/http-server.ts). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Characters that break naive code: NUL, controls, lone surrogates, BOM, RTL override, emoji, CJK, `%`. */
const nastyChar = fc.constantFrom('\0', '\u0001', '\u001f', '\u007f', '\ud800', '\udfff', '\ufeff', '\u202e', '\u2028', '😀', '塔', '%', '%zz', '"', '\\', '/', '..', '\n', '__proto__', 'constructor');

/** Strings mixing ordinary text with the characters above. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.array(fc.oneof(nastyChar, fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.constantFrom('', ' ', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '9007199254740993', 'true', '[]', '{}', 'admin', 'crane-1'),
);

/** Numbers at the edges: zero of both signs, huge, tiny, non-integers, unsafe integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 31, 2 ** 53),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value, with hostile leaves, up to a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'token')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * JSON text nested `levels` deep (`[[[…]]]` or `{"a":{"a":…}}`), built as text: the object
 * itself would overflow this process's stack in `JSON.stringify` long before the core's.
 */
export function deeplyNestedJson(levels: number, kind: 'array' | 'object', around?: string): string {
  const open = kind === 'array' ? '[' : '{"a":';
  const close = kind === 'array' ? ']' : '}';
  const inner = open.repeat(levels) + '1' + close.repeat(levels);
  return around ? around.replace('$', inner) : inner;
}

/** Body texts that are not ordinary JSON values: deep nesting, sizes around the limit, broken syntax. */
export const hostileBodyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ levels: fc.constantFrom(100, 1000, 10_000, 30_000), kind: fc.constantFrom('array' as const, 'object' as const) }).map(({ levels, kind }) => deeplyNestedJson(levels, kind)) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 40_000).map((levels) => deeplyNestedJson(levels, 'array', '{"id":$,"ids":$}')) },
  { weight: 1, arbitrary: fc.integer({ min: -64, max: 64 }).map((delta) => JSON.stringify({ text: 'x'.repeat(BODY_LIMIT_BYTES - 11 + delta) })) },
  { weight: 1, arbitrary: fc.constantFrom(BODY_LIMIT_BYTES * 4, 1024 * 1024).map((size) => JSON.stringify({ id: 'a'.repeat(size) })) },
  { weight: 4, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', '"\\ud800"', '"\\u0000"', 'nul', '\ufeff{}', '{}garbage', '{"a":1,"a":2}', '1e99999', '-', '\0', ' ', '{"__proto__":{"polluted":1}}') },
  { weight: 4, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
);

/**
 * Percent-encodes like `encodeURIComponent`, but a lone surrogate becomes its three WTF-8 bytes
 * (`%ED%A0%80`) instead of a thrown URIError: exactly the invalid UTF-8 a hostile client sends.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16).toUpperCase()}%${(0x80 | ((code >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    } else out += encodeURIComponent(ch);
  }
  return out;
}
