/**
 * Valid-looking inputs for an API method, derived from its zod parameter schema through zod's own
 * JSON Schema export (zod 4 `z.toJSONSchema`), so a new method or a changed field needs no edit
 * here. Refinements (`no such date`, `a reason is needed …`) are not in JSON Schema; the fuzzer
 * reaches them anyway because most generated values pass every other check.
 */
import fc from 'fast-check';
import { z } from 'zod';

/** The subset of JSON Schema 2020-12 that zod emits for our parameter schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** The JSON Schema of a zod schema as a client would send it (`io: 'input'`: before coercion). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
}

/** An ISO 8601 instant with offset, within a few days of now (where the site's data is). */
const isoInstant = fc
  .integer({ min: -5 * 86_400_000, max: 86_400_000 })
  .map((offsetMs) => new Date(Date.now() + offsetMs).toISOString());

const calendarDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** Arbitrary values that satisfy `schema` (as far as JSON Schema can say). */
export function arbitraryFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, depth)));
  if (schema.allOf?.length) return arbitraryFor(Object.assign({}, ...schema.allOf) as JsonSchema, depth);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => arbitraryFor({ ...schema, type: t }, depth)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: lowerBound(schema, true, -1e6), max: upperBound(schema, true, 1e6) });
    case 'number':
      return fc.double({ min: lowerBound(schema, false, -1e6), max: upperBound(schema, false, 1e6), noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringFor(schema);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 8, minLength + 8);
      return fc.array(schema.items ? arbitraryFor(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 2 }), { minLength, maxLength });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = schema.required ?? [];
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, sub] of Object.entries(properties)) record[name] = arbitraryFor(sub, depth + 1);
      if (Object.keys(record).length === 0) return fc.constant({});
      return fc.record(record, { requiredKeys: required.filter((r) => r in record) });
    }
    default:
      // `{}` (zod's "any", e.g. for `z.undefined()`): absent, or some small JSON.
      return depth === 0 ? fc.constant(undefined) : fc.jsonValue({ maxDepth: 1 });
  }
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return isoInstant;
  // A URL field (z.string().url()): mostly web URLs (what an admin types), some other strings.
  if (schema.format === 'uri') {
    return fc.oneof({ weight: 9, arbitrary: fc.webUrl().filter((s) => fits(s, schema)) }, { weight: 1, arbitrary: fc.string({ maxLength: schema.maxLength ?? 64 }) });
  }
  // A calendar date's pattern says nothing of month lengths (the schema's refinement does): mostly real dates, some impossible ones.
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') {
    return fc.oneof({ weight: 4, arbitrary: calendarDate }, { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  }
  // A day pattern that also bounds the years or months (e.g. 2000–2199): real dates that match it, some that do not.
  if (schema.pattern && /-\\d\{2\}\$$/.test(schema.pattern) && schema.pattern.includes('-')) {
    const pattern = new RegExp(schema.pattern);
    return fc.oneof({ weight: 4, arbitrary: calendarDate.filter((d) => pattern.test(d)) }, { weight: 1, arbitrary: fc.stringMatching(pattern) });
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(pattern).filter((s) => fits(s, schema));
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, minLength + 40);
  return fc.string({ minLength, maxLength, unit: 'grapheme' }).filter((s) => fits(s, schema) && s.trim().length >= Math.min(minLength, 1));
}

function fits(s: string, schema: JsonSchema): boolean {
  return s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
}

function lowerBound(schema: JsonSchema, integer: boolean, fallback: number): number {
  if (schema.exclusiveMinimum !== undefined) return integer ? Math.floor(schema.exclusiveMinimum) + 1 : schema.exclusiveMinimum + 1e-9;
  return Math.max(schema.minimum ?? fallback, -Number.MAX_SAFE_INTEGER);
}

function upperBound(schema: JsonSchema, integer: boolean, fallback: number): number {
  if (schema.exclusiveMaximum !== undefined) return integer ? Math.ceil(schema.exclusiveMaximum) - 1 : schema.exclusiveMaximum - 1e-9;
  return Math.min(schema.maximum ?? fallback, Number.MAX_SAFE_INTEGER, integer ? 1e9 : Infinity);
}
