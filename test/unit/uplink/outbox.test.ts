import { afterEach, describe, expect, it } from 'vitest';
import { Outbox, OUTBOX_PENDING_LIMIT } from '../../../electron/core/uplink/outbox.js';
import { closeDatabase, openDatabase, type Database } from '../../../electron/core/store/database.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

let db: Database | null = null;
afterEach(() => {
  if (db) closeDatabase(db);
  db = null;
  removeTempDirs();
});

function outboxAt(clock: { t: number }): Outbox {
  db = openDatabase(tempDir());
  return new Outbox(db, () => clock.t);
}

describe('uplink outbox (store and forward)', () => {
  it('hands out pending messages in seq order per channel and never again once sent', () => {
    const clock = { t: 1_000 };
    const outbox = outboxAt(clock);
    const a = outbox.enqueue('supervision', 'summary', { n: 1 });
    const r = outbox.enqueue('realname', 'worker', { id: 'w1' });
    const b = outbox.enqueue('supervision', 'alarm', { n: 2 });
    expect(a).toBeLessThan(r);
    expect(r).toBeLessThan(b);
    expect(outbox.pending('supervision', 10).map((m) => [m.seq, m.kind, m.body])).toEqual([
      [a, 'summary', { n: 1 }],
      [b, 'alarm', { n: 2 }],
    ]);
    outbox.markSent([a]);
    expect(outbox.pending('supervision', 10).map((m) => m.seq)).toEqual([b]);
    expect(outbox.pending('supervision', 10, b)).toEqual([]);
    const stats = outbox.stats('supervision');
    expect(stats).toMatchObject({ pending: 1, sent: 1, lastSentAt: 1_000, oldestPendingAt: 1_000 });
  });

  it('backs a failed message off until its retry time, keeping its reason for admins', () => {
    const clock = { t: 5_000 };
    const outbox = outboxAt(clock);
    const seq = outbox.enqueue('realname', 'team', { name: '钢筋班' });
    outbox.markFailed(seq, '平台拒绝：班组不存在', 30_000);
    expect(outbox.pending('realname', 10)).toEqual([]);
    expect(outbox.stats('realname').lastError).toBe('平台拒绝：班组不存在');
    clock.t += 30_000;
    expect(outbox.pending('realname', 10)).toMatchObject([{ seq, attempts: 1, lastError: '平台拒绝：班组不存在' }]);
  });

  it('applies a downlink message id once, however often it is redelivered', () => {
    const outbox = outboxAt({ t: 0 });
    expect(outbox.firstDelivery('supervision', 'notice-7')).toBe(true);
    expect(outbox.firstDelivery('supervision', 'notice-7')).toBe(false);
    expect(outbox.firstDelivery('supervision', 'notice-8')).toBe(true);
  });

  it('when full drops the oldest summaries, never an event', () => {
    const outbox = outboxAt({ t: 0 });
    const insert = db!.prepare("INSERT INTO uplink_outbox (channel, kind, body, created_at) VALUES ('supervision', ?, '{}', 0)");
    db!.transaction(() => {
      insert.run('alarm');
      for (let i = 1; i < OUTBOX_PENDING_LIMIT; i += 1) insert.run('summary');
    })();
    const newest = outbox.enqueue('supervision', 'alarm', { last: true });
    const stats = outbox.stats('supervision');
    expect(stats.pending).toBe(OUTBOX_PENDING_LIMIT);
    const kinds = db!.prepare<[], { kind: string; n: number }>("SELECT kind, COUNT(*) AS n FROM uplink_outbox GROUP BY kind ORDER BY kind").all();
    expect(kinds).toEqual([
      { kind: 'alarm', n: 2 },
      { kind: 'summary', n: OUTBOX_PENDING_LIMIT - 2 },
    ]);
    expect(outbox.pending('supervision', 1)[0]!.kind).toBe('alarm');
    expect(outbox.pending('supervision', 1, OUTBOX_PENDING_LIMIT + 5)).toEqual([]);
    expect(newest).toBe(OUTBOX_PENDING_LIMIT + 1);
  });
});
