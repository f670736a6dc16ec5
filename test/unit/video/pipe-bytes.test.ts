import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PipeBytes } from '../../../electron/core/video/pipe-bytes.js';

/** The same bytes cut into chunks of the given sizes (the last one takes the rest). */
function chunked(data: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= data.length) break;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  if (at < data.length) out.push(data.subarray(at));
  return out;
}

describe('PipeBytes', () => {
  it('reads, takes and skips across chunk boundaries exactly as one joined buffer would', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
        fc.array(fc.tuple(fc.constantFrom('take', 'view', 'skip', 'copy'), fc.integer({ min: 0, max: 50 }), fc.nat()), { maxLength: 20 }),
        (raw, sizes, operations) => {
          const data = Buffer.from(raw);
          const bytes = new PipeBytes();
          for (const chunk of chunked(data, sizes)) bytes.push(chunk);
          let front = 0;
          for (const [operation, wanted, probe] of operations) {
            const left = data.length - front;
            expect(bytes.length).toBe(left);
            if (left > 0) expect(bytes.byteAt(probe % left)).toBe(data[front + (probe % left)]);
            if (left >= 4) {
              const index = probe % (left - 3);
              expect(bytes.uint32At(index)).toBe(data.readUInt32BE(front + index));
            }
            const n = Math.min(wanted, left);
            const expected = data.subarray(front, front + n);
            if (operation === 'take') expect(bytes.take(n).equals(expected)).toBe(true);
            else if (operation === 'view') expect(bytes.takeView(n).equals(expected)).toBe(true);
            else if (operation === 'skip') bytes.skip(n);
            else {
              const target = Buffer.alloc(n + 3, 0xee);
              bytes.copyOut(target, 3, n);
              expect(target.subarray(3).equals(expected)).toBe(true);
              expect(target.subarray(0, 3).equals(Buffer.alloc(3, 0xee))).toBe(true);
            }
            front += n;
          }
          expect(bytes.length).toBe(data.length - front);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hands out copies that do not share memory with the pipe chunk', () => {
    const chunk = Buffer.from([1, 2, 3, 4, 5, 6]);
    const bytes = new PipeBytes();
    bytes.push(chunk);
    const taken = bytes.take(4);
    chunk.fill(0);
    expect([...taken]).toEqual([1, 2, 3, 4]);
  });

  it('refuses to give more bytes than it holds, and reads nothing past its end', () => {
    const bytes = new PipeBytes();
    bytes.push(Buffer.from([1, 2, 3]));
    bytes.push(Buffer.alloc(0));
    expect(() => bytes.take(4)).toThrow(RangeError);
    expect(() => bytes.skip(4)).toThrow(RangeError);
    expect(() => bytes.byteAt(3)).toThrow(RangeError);
    expect(bytes.length).toBe(3);
    bytes.clear();
    expect(bytes.length).toBe(0);
    expect(() => bytes.byteAt(0)).toThrow(RangeError);
  });
});
