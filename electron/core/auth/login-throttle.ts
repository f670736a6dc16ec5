/**
 * Failed-login counting per account and per client address, in bounded memory.
 *
 * The attempt is counted *before* the password is checked (OWASP Authentication Cheat Sheet,
 * "Protect against automated attacks"; a check-then-record counter is a race: parallel attempts
 * all pass the check before the first failure is recorded, so the limit never bites). A login that
 * then succeeds gives its account's count back. Unknown user names are counted like real ones, so
 * the throttle does not tell which names exist.
 *
 * Each map keeps at most `maxKeys` keys, least recently used first out: a flood of made-up names
 * or addresses costs bounded memory (it can push out old keys, but each attempt still costs the
 * attacker a full password hash and the per-address limit still holds for the flooding address).
 */

/** Why an attempt was refused: too many recent failures for the user name, or from the address. */
export type ThrottleScope = 'account' | 'address';

export interface LoginThrottleOptions {
  /** Failures per user name within `windowMs` before further tries are refused. */
  maxFailures: number;
  /** Failures from one client address within `windowMs` (it may try many names). */
  maxAddressFailures: number;
  windowMs: number;
  /** Keys kept per map (user names, addresses). */
  maxKeys: number;
  now: () => number;
}

/** An attempt let through to password verification; exactly one of these is called after it. */
export interface LoginAttempt {
  /** The scope this attempt's failure locks out (it is the last one allowed), or null. */
  locksOut: ThrottleScope | null;
  succeeded(): void;
  failed(): void;
}

export type ReserveResult = { attempt: LoginAttempt } | { refused: ThrottleScope; failures: number };

/** Timestamps of recent attempts per key, in a Map used as an LRU (insertion order = recency). */
class RecentAttempts {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly maxKeys: number) {}

  count(key: string, cutoff: number): number {
    const list = this.times.get(key);
    if (!list) return 0;
    const recent = list.filter((t) => t > cutoff);
    if (recent.length === 0) this.times.delete(key);
    else this.times.set(key, recent);
    return recent.length;
  }

  add(key: string, at: number): void {
    const list = this.times.get(key) ?? [];
    this.times.delete(key);
    list.push(at);
    this.times.set(key, list);
    while (this.times.size > this.maxKeys) this.times.delete(this.times.keys().next().value as string);
  }

  /** Takes back the attempt recorded at `at` (it succeeded). */
  remove(key: string, at: number): void {
    const list = this.times.get(key);
    const i = list?.indexOf(at) ?? -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) this.times.delete(key);
  }

  clear(key: string): void {
    this.times.delete(key);
  }

  get size(): number {
    return this.times.size;
  }
}

export class LoginThrottle {
  private readonly accounts: RecentAttempts;
  private readonly addresses: RecentAttempts;

  constructor(private readonly o: LoginThrottleOptions) {
    this.accounts = new RecentAttempts(o.maxKeys);
    this.addresses = new RecentAttempts(o.maxKeys);
  }

  /**
   * Counts an attempt now, synchronously, or refuses it. Call before any `await`, so that two
   * parallel attempts cannot both see the count below the limit.
   */
  reserve(username: string, address: string): ReserveResult {
    const account = username.toLowerCase();
    const now = this.o.now();
    const cutoff = now - this.o.windowMs;
    const byAccount = this.accounts.count(account, cutoff);
    if (byAccount >= this.o.maxFailures) return { refused: 'account', failures: byAccount };
    const byAddress = this.addresses.count(address, cutoff);
    if (byAddress >= this.o.maxAddressFailures) return { refused: 'address', failures: byAddress };
    this.accounts.add(account, now);
    this.addresses.add(address, now);
    let settled = false;
    const locksOut: ThrottleScope | null =
      byAccount + 1 >= this.o.maxFailures ? 'account' : byAddress + 1 >= this.o.maxAddressFailures ? 'address' : null;
    return {
      attempt: {
        locksOut,
        succeeded: () => {
          if (settled) return;
          settled = true;
          this.accounts.clear(account);
          this.addresses.remove(address, now);
        },
        failed: () => {
          settled = true;
        },
      },
    };
  }

  /** Keys held, for the memory bound's test. */
  get keys(): { accounts: number; addresses: number } {
    return { accounts: this.accounts.size, addresses: this.addresses.size };
  }
}
