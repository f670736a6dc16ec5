import type { SiteEntry, SiteLiveStatus, SitesReply } from '../../common/api.js';
import type { Logger } from '../log/logger.js';
import type { Service } from '../services/service-registry.js';
import { groupSites } from './group-sites.js';
import { readRemoteSite, type CachedSession, type RemoteSiteTarget } from './remote-site-client.js';

/** One project as the site file's `federation.projects` lists it. */
export interface FederationProject {
  id: string;
  name: string;
  enterprise: string;
  latDeg: number;
  lonDeg: number;
  url?: string | undefined;
  username?: string | undefined;
  /** Pinned SHA-256 fingerprint of its HTTPS certificate (see pinned-fetch.ts). */
  certSha256?: string | undefined;
}

export interface FederationOptions {
  authority: string | null;
  projects: readonly FederationProject[];
  /** This core's site id: the project with this id is read from `localStatus`, not over the network. */
  selfId: string;
  localStatus: () => SiteLiveStatus;
  /** The password to sign in to a project's core, from the vault; null when none is set. */
  passwordOf: (projectId: string) => string | null;
  /** Deadline for one remote read (sign-in and the three reads), ms. Default 3,000. */
  timeoutMs?: number;
  /** A remote's figures are read again when older than this, ms. Default 10,000. */
  ttlMs?: number;
  /** After a refused sign-in, wait this long before trying again (so a wrong password does not trip the remote's rate limit). Default 60,000. */
  authRetryMs?: number;
  log?: Logger;
  now?: () => number;
}

interface RemoteState {
  status: SiteEntry['status'];
  reason?: string;
  live: SiteLiveStatus | null;
  checkedAt: number | null;
  session: CachedSession | null;
  inFlight: Promise<void> | null;
}

/**
 * The multi-site overview: this site's status from its own state, other projects' from their cores.
 *
 * `list()` never waits on the network: it answers from the cache and starts a read of every remote
 * whose figures are older than `ttlMs` (at most one read per remote at a time). A slow or dead
 * remote therefore costs the API nothing; its entry says `unreachable` with the reason once the
 * read's deadline passes, and keeps the last figures read (with their time) meanwhile.
 */
export class FederationService implements Service {
  readonly name = 'federation';
  readonly required = false;
  private readonly remotes = new Map<string, RemoteState>();
  private readonly abort = new AbortController();
  private readonly timeoutMs: number;
  private readonly ttlMs: number;
  private readonly authRetryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: FederationOptions) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.ttlMs = options.ttlMs ?? 10_000;
    this.authRetryMs = options.authRetryMs ?? 60_000;
    this.now = options.now ?? Date.now;
    for (const project of options.projects) {
      if (project.id === options.selfId || !project.url) continue;
      this.remotes.set(project.id, this.freshState(project));
    }
  }

  private freshState(project: FederationProject): RemoteState {
    const configured = project.username !== undefined && this.options.passwordOf(project.id) !== null;
    const reason =
      project.username === undefined
        ? 'the site file gives a URL but no username for it'
        : 'no password is set for it: an admin sets it in the multi-site view';
    return { status: configured ? 'pending' : 'not-configured', ...(configured ? {} : { reason }), live: null, checkedAt: null, session: null, inFlight: null };
  }

  /** Whether `projectId` is another project this core signs in to (it has a URL). */
  isRemote(projectId: string): boolean {
    return this.remotes.has(projectId);
  }

  /** Its password changed in the vault: forget the session and the last refusal, read again now. */
  passwordChanged(projectId: string): void {
    const project = this.options.projects.find((p) => p.id === projectId);
    if (!project || !this.remotes.has(projectId)) return;
    const fresh = this.freshState(project);
    const old = this.remotes.get(projectId)!;
    this.remotes.set(projectId, { ...fresh, live: old.live, inFlight: old.inFlight });
    this.refreshStale();
  }

  /** Starts the first read of every remote, so the first `list()` finds figures; does not wait for them. */
  async start(): Promise<void> {
    this.refreshStale();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.remotes.values()].map((r) => r.inFlight));
  }

  list(): SitesReply {
    this.refreshStale();
    const entries = this.options.projects.map((project) => this.entryOf(project));
    return groupSites(this.options.authority, entries);
  }

  /** Resolves when every read in flight has finished (tests, and a caller that wants fresh figures). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.remotes.values()].map((r) => r.inFlight));
  }

  private entryOf(project: FederationProject): SiteEntry {
    const base = { id: project.id, name: project.name, enterprise: project.enterprise, latDeg: project.latDeg, lonDeg: project.lonDeg };
    if (project.id === this.options.selfId) {
      return { ...base, self: true, status: 'ok', live: this.options.localStatus(), checkedAt: this.now() };
    }
    const remote = this.remotes.get(project.id);
    if (!remote) {
      return { ...base, self: false, status: 'not-configured', reason: 'the site file gives no URL for this project', live: null, checkedAt: null };
    }
    return {
      ...base,
      self: false,
      encrypted: project.url!.startsWith('https:'),
      status: remote.status,
      ...(remote.reason !== undefined ? { reason: remote.reason } : {}),
      live: remote.live,
      checkedAt: remote.checkedAt,
    };
  }

  private refreshStale(): void {
    if (this.abort.signal.aborted) return;
    const now = this.now();
    for (const project of this.options.projects) {
      const remote = this.remotes.get(project.id);
      if (!remote || remote.inFlight || remote.status === 'not-configured') continue;
      const wait = remote.status === 'auth-failed' ? this.authRetryMs : this.ttlMs;
      if (remote.checkedAt !== null && now - remote.checkedAt < wait) continue;
      remote.inFlight = this.read(project, remote).finally(() => (remote.inFlight = null));
    }
  }

  private async read(project: FederationProject, remote: RemoteState): Promise<void> {
    const password = this.options.passwordOf(project.id);
    if (password === null) {
      Object.assign(remote, this.freshState(project), { inFlight: remote.inFlight });
      return;
    }
    const target: RemoteSiteTarget = { url: project.url!, username: project.username!, password, certSha256: project.certSha256 };
    const result = await readRemoteSite(target, { timeoutMs: this.timeoutMs, session: remote.session, signal: this.abort.signal, now: this.now });
    if (this.abort.signal.aborted) return;
    const previous = remote.status;
    remote.checkedAt = this.now();
    remote.status = result.status;
    remote.session = result.session;
    if (result.status === 'ok') {
      remote.live = result.live;
      delete remote.reason;
    } else {
      remote.reason = result.reason;
      // Once per change of state, not every 10 s while a remote stays down.
      if (previous !== result.status) this.options.log?.warn('federated site not read', { project: project.id, status: result.status, reason: result.reason });
    }
  }
}
