/**
 * The package's container: POSIX ustar (IEEE Std 1003.1-2001, "pax" interchange format, ustar
 * headers only), the form every `tar` reads. Only regular files, in one strict form: names of
 * at most 100 bytes of safe characters, mode 0644, owner 0/0, the package's time, no link or
 * device fields. The verifier re-encodes every header it reads and refuses one that differs, so
 * a changed byte in a header fails just as a changed byte in a file does.
 */

export const BLOCK = 512;

/** Names the package writes: relative, `/`-separated, no `..`, no leading dot. */
export const SAFE_NAME = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;

export interface TarEntryHeader {
  name: string;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
}

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as GNU and BSD tar write them.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** The 512-byte ustar header of a regular file. */
export function encodeHeader(h: TarEntryHeader): Buffer {
  if (!SAFE_NAME.test(h.name) || Buffer.byteLength(h.name) > 100) throw new Error(`"${h.name}" is not a name the package may hold`);
  if (!Number.isSafeInteger(h.size) || h.size < 0 || h.size >= 8 ** 11) throw new Error(`size ${h.size} does not fit a ustar header`);
  const b = Buffer.alloc(BLOCK);
  b.write(h.name, 0, 'ascii');
  b.write(octal(0o644, 8), 100, 'ascii');
  b.write(octal(0, 8), 108, 'ascii');
  b.write(octal(0, 8), 116, 'ascii');
  b.write(octal(h.size, 12), 124, 'ascii');
  b.write(octal(h.mtime, 12), 136, 'ascii');
  b.write('        ', 148, 'ascii');
  b.write('0', 156, 'ascii');
  b.write('ustar\0', 257, 'ascii');
  b.write('00', 263, 'ascii');
  b.write('root', 265, 'ascii');
  b.write('root', 297, 'ascii');
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return b;
}

/** Zero bytes that pad a file's content to whole blocks. */
export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** Two zero blocks end the archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

/**
 * Reads one header block: the entry, 'end' for a zero block, or a reason in plain words. Strict:
 * the block must be exactly what `encodeHeader` writes for the name, size and time it holds.
 */
export function decodeHeader(block: Buffer): TarEntryHeader | 'end' | { problem: string } {
  if (block.length !== BLOCK) return { problem: 'the file ends inside a tar header (truncated)' };
  if (block.every((b) => b === 0)) return 'end';
  const nul = block.indexOf(0);
  const name = block.toString('latin1', 0, nul >= 0 && nul < 100 ? nul : 100);
  const field = (offset: number, width: number) => block.toString('latin1', offset, offset + width);
  const number = (text: string) => (/^[0-7]+\0$/.test(text) ? parseInt(text.slice(0, -1), 8) : NaN);
  const size = number(field(124, 12));
  const mtime = number(field(136, 12));
  if (!SAFE_NAME.test(name) || !Number.isFinite(size) || !Number.isFinite(mtime)) return { problem: `a tar header is not in the package's form (name "${printable(name)}")` };
  const header = { name, size, mtime };
  let expected: Buffer;
  try {
    expected = encodeHeader(header);
  } catch {
    return { problem: `a tar header is not in the package's form (name "${printable(name)}")` };
  }
  if (!expected.equals(block)) return { problem: `the tar header of "${name}" was changed (its checksum or fields do not match)` };
  return header;
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}
