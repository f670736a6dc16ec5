import { describe, expect, it } from 'vitest';
import { UPDATE_DEVICE_SCHEMA } from '../../../electron/core/registry/param-schemas.js';

/** The first issue's field and message, as dispatch.ts turns it into a 400. */
function refusal(params: unknown): { field: string; message: string } | null {
  const parsed = UPDATE_DEVICE_SCHEMA.safeParse(params);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return { field: issue.path.join('.'), message: issue.message };
}

const at = (position: unknown) => ({ id: 'crane-2', position });

describe('registry edits of a position: what is refused before it can move anything', () => {
  it('accepts a position inside the site bounds, and null (back to the site file)', () => {
    expect(refusal(at({ e: 46, n: 140, u: 0 }))).toBeNull();
    expect(refusal(at({ e: -10_000, n: 10_000, u: -500 }))).toBeNull();
    expect(refusal(at({ e: 0, n: 0, u: 1000 }))).toBeNull();
    expect(refusal(at(null))).toBeNull();
  });

  it('refuses NaN and infinities (IPC carries them; JSON turns them into null, refused too)', () => {
    expect(refusal(at({ e: Number.NaN, n: 0, u: 0 }))?.field).toBe('position.e');
    expect(refusal(at({ e: 0, n: Number.POSITIVE_INFINITY, u: 0 }))?.field).toBe('position.n');
    expect(refusal(at({ e: 0, n: 0, u: Number.NEGATIVE_INFINITY }))?.field).toBe('position.u');
    expect(refusal(JSON.parse(JSON.stringify(at({ e: Number.NaN, n: 0, u: 0 }))))?.field).toBe('position.e');
  });

  it('refuses a place off any site: ±10 km east/north, −500…1000 m up', () => {
    expect(refusal(at({ e: 10_000.5, n: 0, u: 0 }))?.field).toBe('position.e');
    expect(refusal(at({ e: 0, n: -12_000, u: 0 }))?.field).toBe('position.n');
    expect(refusal(at({ e: 0, n: 0, u: 1000.1 }))?.field).toBe('position.u');
    expect(refusal(at({ e: 0, n: 0, u: -501 }))?.field).toBe('position.u');
  });

  it('refuses text, missing or extra coordinates, and a position that is not an object', () => {
    expect(refusal(at({ e: '46', n: 12, u: 0 }))?.field).toBe('position.e');
    expect(refusal(at({ e: 46, n: 12 }))?.field).toBe('position.u');
    expect(refusal(at({ e: 46, n: 12, u: 0, h: 3 }))?.field).toBe('position');
    expect(refusal(at([46, 12, 0]))?.field).toBe('position');
    expect(refusal(at('46,12,0'))?.field).toBe('position');
  });

  it('refuses a missing or empty device id (an unknown one is the registry’s 404)', () => {
    expect(refusal({ position: { e: 0, n: 0, u: 0 } })?.field).toBe('id');
    expect(refusal({ id: '', position: { e: 0, n: 0, u: 0 } })?.field).toBe('id');
  });
});
