import { SealedFile } from './sealed-file.js';
import type { SecretSealer } from './secret-sealer.js';

export interface CameraCredentials {
  username: string;
  password: string;
}

/**
 * Camera credentials, sealed, in one JSON file in the data folder (written atomically). Only the
 * core opens them, to build the URL its RTSP auth proxy uses (never ffmpeg's command line); no API
 * answer or log line carries them. Other named secrets live in `SecretVault`, same sealer.
 */
export class CredentialVault {
  private readonly store: SealedFile;

  constructor(
    file: string,
    private readonly sealer: SecretSealer,
  ) {
    this.store = new SealedFile(file);
  }

  get(cameraId: string): CameraCredentials | null {
    const sealed = this.store.get(cameraId);
    if (!sealed) return null;
    return JSON.parse(this.sealer.open(sealed)) as CameraCredentials;
  }

  has(cameraId: string): boolean {
    return this.store.has(cameraId);
  }

  set(cameraId: string, credentials: CameraCredentials): void {
    this.store.set(cameraId, this.sealer.seal(JSON.stringify(credentials)));
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
