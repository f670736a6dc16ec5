/**
 * Writes a package's tar under a temporary name, hashing each file as it goes, and renames it
 * into place only when whole and flushed to disk: a crash or a failure leaves no half package
 * under the final name (the temporary file is removed, or swept at the next start).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import type { PackageFileEntry } from '../../common/data-package.js';
import { encodeHeader, END_OF_ARCHIVE, padding } from './tar-format.js';

/** The temporary name's suffix; files ending in it are leftovers of an interrupted run. */
export const PART_SUFFIX = '.part';

export class PackageWriter {
  readonly files: PackageFileEntry[] = [];
  private readonly whole = createHash('sha256');
  private bytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly tempPath: string,
    private readonly finalPath: string,
    private readonly mtime: number,
  ) {}

  static async create(finalPath: string, createdAtMs: number): Promise<PackageWriter> {
    const tempPath = `${finalPath}.${randomBytes(4).toString('hex')}${PART_SUFFIX}`;
    return new PackageWriter(await open(tempPath, 'wx', 0o640), tempPath, finalPath, Math.floor(createdAtMs / 1000));
  }

  private async write(chunk: Buffer): Promise<void> {
    this.whole.update(chunk);
    this.bytes += chunk.length;
    let done = 0;
    while (done < chunk.length) done += (await this.handle.write(chunk, done, chunk.length - done)).bytesWritten;
  }

  /** A file from memory (the JSON data, the manifest); `listed` false for the manifest and signature. */
  async addBuffer(path: string, data: Buffer, listed = true): Promise<void> {
    await this.write(encodeHeader({ name: path, size: data.length, mtime: this.mtime }));
    await this.write(data);
    await this.write(padding(data.length));
    if (listed) this.files.push({ path, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
  }

  /** A file from disk, streamed (an evidence clip, a panorama); it must still have `size` bytes. */
  async addFile(path: string, source: string, size: number): Promise<void> {
    await this.write(encodeHeader({ name: path, size, mtime: this.mtime }));
    const hash = createHash('sha256');
    let got = 0;
    for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      if (got + chunk.length > size) throw new Error(`${path} grew while being packed`);
      got += chunk.length;
      hash.update(chunk);
      await this.write(chunk);
    }
    if (got !== size) throw new Error(`${path} shrank while being packed (${got} of ${size} bytes)`);
    await this.write(padding(size));
    this.files.push({ path, size, sha256: hash.digest('hex') });
  }

  /** Ends the archive, flushes it and renames it into place: the package's size and SHA-256. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    await this.write(END_OF_ARCHIVE);
    await this.handle.sync();
    await this.handle.close();
    await rename(this.tempPath, this.finalPath);
    return { bytes: this.bytes, sha256: this.whole.digest('hex') };
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
  }
}
