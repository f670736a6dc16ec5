import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretSealer } from './secret-sealer.js';

export interface CameraCredentials {
  username: string;
  password: string;
}

/**
 * Camera credentials, sealed, in one JSON file in the data folder (written atomically). Only the
 * core opens them, to build the URL it hands to ffmpeg; no API answer or log line carries them.
 */
export class CredentialVault {
  private entries: Record<string, string>;

  constructor(
    private readonly file: string,
    private readonly sealer: SecretSealer,
  ) {
    this.entries = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  }

  get(cameraId: string): CameraCredentials | null {
    const sealed = this.entries[cameraId];
    if (!sealed) return null;
    return JSON.parse(this.sealer.open(sealed)) as CameraCredentials;
  }

  has(cameraId: string): boolean {
    return cameraId in this.entries;
  }

  set(cameraId: string, credentials: CameraCredentials): void {
    this.entries[cameraId] = this.sealer.seal(JSON.stringify(credentials));
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.entries, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}

/** Puts credentials into an RTSP URL (percent-encoded), replacing any already there. */
export function withCredentials(url: string, credentials: CameraCredentials | null): string {
  if (!credentials) return url;
  try {
    const parsed = new URL(url);
    parsed.username = encodeURIComponent(credentials.username);
    parsed.password = encodeURIComponent(credentials.password);
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The URL without its credentials: one definition for the whole core (public-url.ts). */
export { publicUrl } from '../public-url.js';
