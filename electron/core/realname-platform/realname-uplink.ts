/**
 * The real-name platform uplink: a sync pass enqueues into the outbox (channel `realname`) every
 * workforce record that is new or changed since the last pass, in the platform's order; a send
 * pass drains the outbox in seq order, uploading a record only once everything it depends on is
 * accepted, and queries each upload's result until the platform accepts or rejects it.
 *
 * Never twice: the request code is stored before the outbox message is marked sent, so a pass
 * cut short (platform down, core stopped) resumes by querying what was already taken instead of
 * uploading it again. Rejections are kept per record with the platform's reason and sent again
 * only when the record changes; transport failures back off and retry.
 */
import type { RealnamePlatformStatus } from '../../common/api/realname-platform.js';
import { maskNumber } from '../../common/workforce.js';
import type { Database } from '../store/database.js';
import type { Outbox, OutboxMessage } from '../uplink/outbox.js';
import type { WorkforceStore } from '../workforce/workforce-store.js';
import { catalogueRecords } from './record-catalogue.js';
import { payloadFor } from './record-payloads.js';
import { RecordStates } from './record-states.js';
import { CREDENTIAL_CODES } from './methods.js';
import { PlatformTransportError, RealnamePlatformClient, type PlatformCredentials } from './platform-client.js';

export const REALNAME_CHANNEL = 'realname';

/** Backoff after a transport failure, doubled per attempt up to the cap. */
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 30 * 60_000;
/** Records uploaded at once within one layer of the order (the platform limits concurrent calls per app). */
const CONCURRENCY = 8;
/** Pauses before each query round of a layer (ms): quick first, then patient; after the last, the rest waits for the next pass. */
const QUERY_PAUSES_MS = [0, 250, 1_000, 2_000, 5_000];

export interface RealnameUplinkDeps {
  db: Database;
  outbox: Outbox;
  store: WorkforceStore;
  photosDir: string;
  credentials: () => PlatformCredentials | null;
  now?: () => number;
  /** Pauses before each query round (ms); default QUERY_PAUSES_MS. Tests pass zeros. */
  queryPausesMs?: readonly number[];
}

interface OutboxBody {
  key: string;
  fingerprint: string;
}

export class RealnameUplink {
  readonly states: RecordStates;
  private readonly now: () => number;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: RealnameUplinkDeps) {
    this.now = deps.now ?? Date.now;
    this.states = new RecordStates(deps.db, this.now);
  }

  /** Enqueues what is new or changed (or blocked and now free to go); returns how many. */
  enqueueChanges(): number {
    const { db, outbox } = this.deps;
    return db.transaction(() => {
      const sync = this.states.sync();
      const { records, lastPassage } = catalogueRecords(db, sync.lastPassage);
      const known = this.states.all();
      // A blocked record goes again once nothing it depends on stands refused (accepted, or on its way again).
      const free = (key: string) => ['accepted', 'queued', 'submitted'].includes(known.get(key)?.state ?? '');
      let n = 0;
      for (const r of records) {
        const had = known.get(r.key);
        const changed = !had || had.fingerprint !== r.fingerprint || had.dependsOn !== JSON.stringify(r.dependsOn);
        const unblocked = had?.state === 'blocked' && r.dependsOn.every(free);
        if (!changed && !unblocked) continue;
        this.states.queue(r);
        known.set(r.key, { fingerprint: r.fingerprint, state: 'queued', dependsOn: JSON.stringify(r.dependsOn) });
        outbox.enqueue(REALNAME_CHANNEL, r.kind, { key: r.key, fingerprint: r.fingerprint } satisfies OutboxBody);
        n++;
      }
      this.states.setLastPassage(lastPassage);
      return n;
    })();
  }

  /** One sync: enqueue changes, then send. Concurrent callers share the pass under way. */
  sync(): Promise<void> {
    this.running ??= (async () => {
      try {
        this.enqueueChanges();
        await this.send();
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Drains the outbox in order; stops at a transport or credential failure (recorded as the last error). */
  async send(): Promise<void> {
    const credentials = this.deps.credentials();
    if (!credentials) {
      this.states.finishedPass('未配置实名平台凭据（平台地址、AppId、AppSecret、项目编码）');
      return;
    }
    const client = new RealnamePlatformClient(credentials, this.now);
    try {
      for (;;) {
        const layer = this.nextLayer();
        if (layer.length === 0) break;
        await this.upload(client, credentials.appSecret, layer);
        await this.settle(client, layer);
      }
      this.states.finishedPass(null);
    } catch (error) {
      if (!(error instanceof StopPass)) throw error;
      this.states.finishedPass(error.message);
    }
  }

  status(credentials: { platformUrl: string | null; appId: string | null; projectCode: string | null; secretSet: boolean }): RealnamePlatformStatus {
    const sync = this.states.sync();
    return {
      configured: Boolean(credentials.platformUrl && credentials.appId && credentials.projectCode && credentials.secretSet),
      platformUrl: credentials.platformUrl,
      appIdMasked: credentials.appId ? maskNumber(credentials.appId) : null,
      projectCode: credentials.projectCode,
      secretSet: credentials.secretSet,
      lastSyncAt: sync.lastSyncAt,
      lastError: sync.lastError,
      counts: this.states.counts(),
      outboxPending: this.deps.outbox.stats(REALNAME_CHANNEL).pending,
      problems: this.states.problems(),
    };
  }

  /**
   * The messages at the head of the queue that may go now: superseded and settled ones are taken
   * off; a record behind one that was not accepted is blocked; a record whose dependencies are
   * still on their way waits for a later layer (order among records is carried by their explicit
   * dependencies, e.g. a worker's entries and exits form one chain).
   */
  private nextLayer(): OutboxMessage[] {
    const { outbox } = this.deps;
    const layer: OutboxMessage[] = [];
    let after = 0;
    for (;;) {
      const batch = outbox.pending(REALNAME_CHANNEL, 500, after);
      if (batch.length === 0) return layer;
      for (const m of batch) {
        after = m.seq;
        const body = m.body as OutboxBody;
        const rec = this.states.get(body.key);
        if (!rec || rec.fingerprint !== body.fingerprint || rec.state === 'accepted' || rec.state === 'rejected' || rec.state === 'held' || rec.state === 'blocked') {
          outbox.markSent([m.seq]); // superseded by a later message, or already settled
          continue;
        }
        const deps = rec.dependsOn.map((k) => this.states.get(k));
        const failed = deps.findIndex((d) => !d || d.state === 'rejected' || d.state === 'held' || d.state === 'blocked');
        if (failed >= 0) {
          const d = deps[failed];
          this.states.refused(rec.key, 'blocked', 'blocked', `依赖的记录「${d?.label ?? rec.dependsOn[failed]}」未被平台接收，本记录暂不上传`);
          outbox.markSent([m.seq]);
          continue;
        }
        if (!deps.every((d) => d!.state === 'accepted')) continue; // waits for what it depends on (sent first)
        layer.push(m);
        if (layer.length >= 500) return layer;
      }
    }
  }

  private async upload(client: RealnamePlatformClient, appSecret: string, layer: OutboxMessage[]): Promise<void> {
    const ctx = { db: this.deps.db, store: this.deps.store, photosDir: this.deps.photosDir, appSecret, refOf: (k: string) => this.states.get(k)?.ref ?? null };
    await inPool(layer, async (m) => {
      const rec = this.states.get((m.body as OutboxBody).key)!;
      if (rec.requestCode) return; // taken in an earlier pass: only its result is still to be read
      const payload = await payloadFor(rec.key, ctx);
      if (!payload.ok) {
        this.states.refused(rec.key, 'held', payload.code, payload.reason);
        this.deps.outbox.markSent([m.seq]);
        return;
      }
      const answer = await this.guard(m, () => client.upload(payload.method, payload.data));
      if (answer.ok) this.states.submitted(rec.key, answer.requestCode);
      else if (CREDENTIAL_CODES.has(answer.code)) this.stop(m, `平台拒绝了本次调用（${answer.code} ${answer.reason}）：请检查 AppId、AppSecret 和本机时间`);
      else {
        this.states.refused(rec.key, 'rejected', answer.code, answer.reason);
        this.deps.outbox.markSent([m.seq]);
      }
    });
  }

  private async settle(client: RealnamePlatformClient, layer: OutboxMessage[]): Promise<void> {
    let open = layer.filter((m) => this.states.get((m.body as OutboxBody).key)?.state === 'submitted');
    const pauses = this.deps.queryPausesMs ?? QUERY_PAUSES_MS;
    for (let round = 0; round < pauses.length && open.length > 0; round++) {
      if (pauses[round]! > 0) await new Promise((r) => setTimeout(r, pauses[round]));
      const still: OutboxMessage[] = [];
      await inPool(open, async (m) => {
        const rec = this.states.get((m.body as OutboxBody).key)!;
        const result = await this.guard(m, () => client.result(rec.requestCode!));
        if (result.status === 'processing') return void still.push(m);
        if (result.status === 'accepted') this.states.accepted(rec.key, result.ref);
        else this.states.refused(rec.key, 'rejected', result.code, result.reason);
        this.deps.outbox.markSent([m.seq]);
      });
      open = still;
    }
    if (open.length > 0) throw new StopPass(`平台仍在处理 ${open.length} 条记录，下次同步时继续查询结果`);
  }

  private async guard<T>(m: OutboxMessage, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof PlatformTransportError) this.stop(m, error.message);
      throw error;
    }
  }

  private stop(m: OutboxMessage, reason: string): never {
    this.deps.outbox.markFailed(m.seq, reason, Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(m.attempts, 10)));
    throw new StopPass(reason);
  }
}

class StopPass extends Error {}

/** Runs `work` over `items` with at most CONCURRENCY at once; the first failure is thrown after all started ones end. */
async function inPool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (next < items.length && failure === null) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  if (failure !== null) throw failure;
}
