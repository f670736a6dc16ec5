import type { Logger } from '../log/logger.js';
import type { SecretVault } from '../secrets/secret-vault.js';
import type { Database } from '../store/database.js';
import type { Outbox } from '../uplink/outbox.js';
import { RealnameCredentials } from '../realname-platform/realname-credentials.js';
import { RealnameService } from '../realname-platform/realname-service.js';
import { RealnameUplink } from '../realname-platform/realname-uplink.js';
import type { WorkforceWiring } from './workforce.js';

/** The national real-name platform uplink: credentials in the vault, the outbox's `realname` channel, a periodic sync. */
export function wireRealnamePlatform(o: { db: Database; outbox: Outbox; vault: SecretVault; workforce: WorkforceWiring; log: Logger }): { service: RealnameService; log: Logger } {
  const credentials = new RealnameCredentials(o.vault);
  const uplink = new RealnameUplink({ db: o.db, outbox: o.outbox, store: o.workforce.store, photosDir: o.workforce.dirs.photos, credentials: () => credentials.get() });
  const log = o.log.child('realname-platform');
  return { service: new RealnameService(uplink, credentials, log), log };
}
