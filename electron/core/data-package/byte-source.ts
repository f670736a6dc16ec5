import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Random access to a package's bytes: a file on disk (the CLI) or a buffer (tests). */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end). */
  read(offset: number, length: number): Buffer;
  close(): void;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read: (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)),
    close: () => undefined,
  };
}

/** A file read in place, never loaded whole (a package may be hundreds of MiB). */
export function fileSource(path: string): ByteSource {
  const fd = openSync(path, 'r');
  const size = fstatSync(fd).size;
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const b = Buffer.alloc(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, b, got, n - got, offset + got);
        if (r === 0) break;
        got += r;
      }
      return b.subarray(0, got);
    },
    close: () => closeSync(fd),
  };
}
