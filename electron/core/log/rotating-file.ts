import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Append-only file that rolls over at `maxBytes`, keeping `keep` old files (`x.log.1` newest).
 * Writes are synchronous: log lines are small, and a line written just before a crash is the
 * one an engineer needs most.
 */
export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    private readonly path: string,
    private readonly maxBytes = 5 * 1024 * 1024,
    private readonly keep = 5,
  ) {
    this.fd = openSync(path, 'a');
    this.size = fstatSync(this.fd).size;
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (this.size + bytes > this.maxBytes && this.size > 0) this.rotate();
    writeSync(this.fd, line);
    this.size += bytes;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    renameSync(this.path, `${this.path}.1`);
    this.fd = openSync(this.path, 'a');
    this.size = 0;
  }
}
