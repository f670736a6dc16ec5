import { describe, expect, it } from 'vitest';
import { prototypesIntact } from '../../../electron/core/prototype-guard.js';

describe('prototype guard (reported in /api/health)', () => {
  it('is intact after parsing a payload that names __proto__ (JSON.parse makes it an own key)', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toContain('__proto__');
    expect(prototypesIntact()).toBe(true);
  });

  it('sees a key added to Object.prototype, and a built-in method replaced, until they are undone', () => {
    const target = {} as Record<string, unknown>;
    // What a naive recursive merge of untrusted input does.
    (target.__proto__ as Record<string, unknown>).polluted = true;
    try {
      expect(prototypesIntact()).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(prototypesIntact()).toBe(true);

    const original = Array.prototype.includes;
    Array.prototype.includes = () => true;
    try {
      expect(prototypesIntact()).toBe(false);
    } finally {
      Array.prototype.includes = original;
    }
    expect(prototypesIntact()).toBe(true);
  });
});
