import { join } from 'node:path';
import { CAPTURE_ID_PATTERN } from './capture-id.js';

/**
 * The panorama store: DATA/panoramas. Everything panorama ingest writes goes under here:
 * `captures/ID/` (original, thumb.jpeg, tiles/LEVEL/COL_ROW.jpeg), `work/` (folders being built,
 * renamed into `captures/` when whole), `rejected/` (refused inbox/device files with a reason).
 */
export class PanoramaStorePaths {
  readonly root: string;
  readonly captures: string;
  readonly work: string;
  readonly rejected: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'panoramas');
    this.captures = join(this.root, 'captures');
    this.work = join(this.root, 'work');
    this.rejected = join(this.root, 'rejected');
  }

  captureDir(id: string): string {
    if (!CAPTURE_ID_PATTERN.test(id)) throw new Error(`not a capture id: ${id}`);
    return join(this.captures, id);
  }
}
