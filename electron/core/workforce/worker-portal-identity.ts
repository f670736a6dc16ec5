import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../../common/api/errors.js';
import type { WorkerIdentification, WorkerSelfView, WorkerSessionView } from '../../common/api/worker-portal.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import type { Logger } from '../log/logger.js';
import { hashWorkerToken, type TrainingService } from './training-service.js';

/** Phone numbers compare by their digits, without a +86/86 prefix: `138 0000 0001` is `+8613800000001`. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/**
 * Who a phone is: ID number + the phone on file, or a one-time code. Guessing is throttled like
 * console logins (core/auth/login-throttle.ts): per ID number (5 failures in 15 min) and per
 * address (20), and codes per address (10 in 15 min: a 6-digit code is a small space, so a
 * guesser from one phone gets 10 of a million tries while the code lives). Attempts are counted
 * before the check, so parallel guesses cannot slip past the limit.
 */
export class WorkerIdentity {
  private readonly idThrottle: LoginThrottle;
  private readonly codeThrottle: LoginThrottle;
  /** Signs material file tickets (per start; tickets die with the worker's session anyway). */
  private readonly ticketKey = randomBytes(32);

  constructor(
    private readonly training: TrainingService,
    private readonly log: Logger,
    private readonly timeZone: () => string,
    /** Days credited in a month by the site's attendance rule (attendance-service.ts); absent: days with an admitted entry. */
    private readonly creditedDays?: (workerId: number, month: string) => number,
  ) {
    const now = training.now;
    this.idThrottle = new LoginThrottle({ maxFailures: 5, maxAddressFailures: 20, windowMs: 15 * 60_000, maxKeys: 10_000, now });
    this.codeThrottle = new LoginThrottle({ maxFailures: 10, maxAddressFailures: 10, windowMs: 15 * 60_000, maxKeys: 10_000, now });
  }

  identify(request: WorkerIdentification, address: string): WorkerSessionView {
    const workforce = this.training.workforce;
    if ('code' in request) {
      const reserved = this.codeThrottle.reserve(`code@${address}`, address);
      if ('refused' in reserved) throw new ApiError('rate-limited', 'too many wrong codes from this phone; wait 15 minutes or ask the labour office');
      const used = this.training.store.useCode(this.training.codeHash(request.code), this.training.now());
      if ('refused' in used) {
        reserved.attempt.failed();
        this.log.warn('worker code refused', { reason: used.refused, address });
        throw new ApiError(
          'unauthorized',
          used.refused === 'used'
            ? 'this code has already been used; ask the labour office for a new one'
            : used.refused === 'expired'
              ? 'this code has expired; ask the labour office for a new one'
              : 'wrong code; check the 6 digits or ask the labour office',
          'code',
        );
      }
      reserved.attempt.succeeded();
      return this.session(used.workerId);
    }
    const key = workforce.cipher.hash(request.idNumber);
    const reserved = this.idThrottle.reserve(key, address);
    if ('refused' in reserved) {
      throw new ApiError('rate-limited', reserved.refused === 'account' ? 'too many wrong tries for this ID number; wait 15 minutes or ask the labour office for a code' : 'too many wrong tries from this phone; wait 15 minutes');
    }
    const worker = workforce.workerByIdNumber(request.idNumber);
    const phoneOk = worker?.phone != null && normalisePhone(worker.phone) !== '' && normalisePhone(worker.phone) === normalisePhone(request.phone);
    if (!worker || !phoneOk) {
      reserved.attempt.failed();
      this.log.warn('worker identification refused', { address });
      // One answer for "no such ID" and "wrong phone", so the page does not tell who is registered.
      throw new ApiError('unauthorized', 'the ID number and phone do not match a registered worker; check them or ask the labour office for a one-time code');
    }
    reserved.attempt.succeeded();
    return this.session(worker.id);
  }

  private session(workerId: number): WorkerSessionView {
    const { token, expiresAt } = this.training.openSession(workerId);
    return { token, expiresAt, name: this.training.workforce.worker(workerId)!.name };
  }

  /** The worker of a bearer token, or null: a console token or an expired one is not a worker's. */
  workerOf(token: string | null): { workerId: number; tokenHash: string } | null {
    if (!token || token.length > 512 || !token.startsWith('wk.')) return null;
    const tokenHash = hashWorkerToken(token);
    const workerId = this.training.store.sessionWorker(tokenHash, this.training.now());
    return workerId === null ? null : { workerId, tokenHash };
  }

  signOut(tokenHash: string): void {
    this.training.store.endSession(tokenHash);
  }

  /** A ticket for one material file, bound to the worker's session (it dies with it). */
  fileTicket(materialId: number, tokenHash: string): string {
    return `${tokenHash}.${this.mac(materialId, tokenHash)}`;
  }

  /** Whether `ticket` opens material `materialId` now (its session still valid). */
  ticketAllows(ticket: string | null, materialId: number): boolean {
    const m = /^([0-9a-f]{64})\.([A-Za-z0-9_-]{43})$/.exec(ticket ?? '');
    if (!m) return false;
    const expected = Buffer.from(this.mac(materialId, m[1]!));
    const given = Buffer.from(m[2]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    return this.training.store.sessionWorker(m[1]!, this.training.now()) !== null;
  }

  private mac(materialId: number, tokenHash: string): string {
    return createHmac('sha256', this.ticketKey).update(`${materialId}:${tokenHash}`).digest('base64url');
  }

  /** The worker's own record: training, hours, and attendance days this month. */
  self(workerId: number): WorkerSelfView {
    const workforce = this.training.workforce;
    const worker = workforce.worker(workerId)!;
    const membership = workforce.openMembership(workerId) ?? workforce.memberships(workerId).at(-1) ?? null;
    const company = membership ? (workforce.companies().find((c) => c.id === membership.companyId)?.name ?? null) : null;
    const team = membership?.teamId ? (workforce.teams().find((t) => t.id === membership.teamId)?.name ?? null) : null;
    const records = workforce.trainingOf(workerId).filter((r) => r.passed);
    const { month, days } = this.attendanceThisMonth(workerId);
    return {
      name: worker.name,
      idMasked: worker.idMasked,
      trade: worker.trade,
      company,
      team,
      inductionPassed: workforce.hasPassedInduction(workerId),
      trainingHours: Math.round(records.reduce((sum, r) => sum + r.hours, 0) * 10) / 10,
      records: records.map((r) => ({ title: r.title, kind: r.kind, hours: r.hours, score: r.score, at: r.at, source: r.source })),
      attendanceDaysThisMonth: days,
      month,
    };
  }

  /**
   * This month's days as the site's attendance rule credits them (a half day counts ½), so the
   * phone shows what the ledger will; without the attendance module, distinct site-days with an
   * admitted entry.
   */
  private attendanceThisMonth(workerId: number): { month: string; days: number } {
    const now = this.training.now();
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone(), year: 'numeric', month: '2-digit', day: '2-digit' });
    const month = dayOf.format(now).slice(0, 7);
    if (this.creditedDays) return { month, days: this.creditedDays(workerId, month) };
    // 32 days back covers the month in any zone; days outside the month are dropped below.
    const entries = this.training.store.admittedEntries(workerId, now - 32 * 86_400_000, now + 1);
    const days = new Set(entries.map((at) => dayOf.format(at)).filter((d) => d.startsWith(month)));
    return { month, days: days.size };
  }
}
