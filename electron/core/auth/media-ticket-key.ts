import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_BYTES = 32;

/**
 * The media tickets' HMAC key, kept in the data folder (mode 0600) so that tickets the UI holds
 * stay good across a core restart (a supervised restart should not blank every thumbnail for ten
 * minutes). Whoever can read the data folder can read the database too, so this adds no exposure.
 */
export function loadMediaTicketKey(dataDir: string): Buffer {
  const file = join(dataDir, 'media-ticket.key');
  if (existsSync(file)) {
    const key = readFileSync(file);
    if (key.length === KEY_BYTES) return key;
  }
  const key = randomBytes(KEY_BYTES);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
