import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CameraConfig } from '../config/site-schema.js';

/**
 * Cameras added from the console (found by ONVIF discovery), kept in one JSON file in the data
 * folder beside the site file's cameras (written atomically; no passwords: those are in the vault).
 * A file that does not read as cameras is set aside as `.bad` and the list starts empty, so a
 * damaged file never stops the core.
 */
const addedCamera = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
    name: z.string().min(1).max(120),
    mainUrl: z.string().regex(/^rtsps?:\/\//),
    subUrl: z.string().regex(/^rtsps?:\/\//).optional(),
    linkedDevices: z.array(z.string().max(64)).max(64).default([]),
    recording: z.boolean().default(false),
    transcode: z.boolean().default(false),
    onvif: z.object({ deviceUrl: z.string().regex(/^https?:\/\//), profileToken: z.string().max(64).optional() }).strict(),
    ptz: z.object({ alarmPreset: z.string().max(64).optional() }).strict().optional(),
  })
  .strict();

export class AddedCameraFile {
  private cameras: CameraConfig[] = [];

  constructor(private readonly file: string) {
    if (!existsSync(file)) return;
    try {
      this.cameras = z.array(addedCamera).parse(JSON.parse(readFileSync(file, 'utf8'))) as CameraConfig[];
    } catch {
      renameSync(file, `${file}.bad`);
    }
  }

  list(): CameraConfig[] {
    return [...this.cameras];
  }

  add(camera: CameraConfig): void {
    this.cameras.push(camera);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.cameras, null, 2));
    renameSync(tmp, this.file);
  }
}
