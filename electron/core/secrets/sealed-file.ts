import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A JSON object of sealed strings in one file, written atomically (temp file + rename) and only
 * readable by the user running the core (0600 in a 0700 folder). What the values are and how
 * they are sealed is the caller's business.
 */
export class SealedFile {
  private entries: Record<string, string>;

  constructor(private readonly file: string) {
    this.entries = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }

  get(name: string): string | undefined {
    return Object.hasOwn(this.entries, name) ? this.entries[name] : undefined;
  }

  has(name: string): boolean {
    return Object.hasOwn(this.entries, name);
  }

  set(name: string, sealed: string): void {
    this.entries[name] = sealed;
    this.write();
  }

  delete(name: string): void {
    if (!this.has(name)) return;
    delete this.entries[name];
    this.write();
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.entries, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
