import type { Alarm } from '../../common/alarms.js';
import type { SessionInfo, SiteLinkStatus, SiteLiveStatus } from '../../common/api.js';
import type { DeviceView, SiteSummary } from '../../common/site.js';
import { summarizeSiteStatus } from './site-status.js';
import { socketErrorWords } from '../socket-error-words.js';
import { CertificatePinError, pinnedFetch, type PinnedInit } from './pinned-fetch.js';

/** Where another project's core is and how to sign in to it (from the site file's `federation.projects`). */
export interface RemoteSiteTarget {
  /** Base URL of its core API, e.g. https://10.1.2.3:8420 (or http:// on a trusted LAN: not encrypted). */
  url: string;
  username: string;
  password: string;
  /** SHA-256 fingerprint of its HTTPS certificate; when given, exactly that certificate is accepted. */
  certSha256?: string | undefined;
}

type Fetch = (url: string, init: PinnedInit) => Promise<Response>;

/** Plain fetch, or the pinned one for an https:// peer with a fingerprint in the site file. */
function fetcherFor(target: RemoteSiteTarget): Fetch {
  if (target.certSha256 && target.url.startsWith('https:')) return (url, init) => pinnedFetch(url, target.certSha256!, init);
  return (url, init) => fetch(url, init);
}

export type RemoteReadResult =
  | { status: 'ok'; live: SiteLiveStatus; session: CachedSession }
  | { status: Exclude<SiteLinkStatus, 'ok' | 'pending' | 'not-configured'>; reason: string; session: null };

/** A bearer token for one remote, reused until shortly before it expires. */
export interface CachedSession {
  token: string;
  expiresAt: number;
}

class AuthRefused extends Error {}

/**
 * Reads one remote core's live status: signs in (or reuses a token), then reads its site, alarms
 * and devices in parallel, all inside one deadline. A 401 on a reused token signs in once more
 * (the remote may have restarted). Errors become a status and a reason in words, never a throw.
 */
export async function readRemoteSite(
  target: RemoteSiteTarget,
  options: { timeoutMs: number; session: CachedSession | null; signal?: AbortSignal; now?: () => number },
): Promise<RemoteReadResult> {
  const now = options.now ?? Date.now;
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const base = target.url.replace(/\/+$/, '');
  const get = fetcherFor(target);
  try {
    let session = options.session && options.session.expiresAt - 60_000 > now() ? options.session : null;
    for (let attempt = 0; attempt < 2; attempt++) {
      session ??= await signIn(get, base, target, signal);
      const read = await readFigures(get, base, session.token, signal);
      if (read === 'unauthorized') {
        session = null;
        continue;
      }
      const live = summarizeSiteStatus({ alarms: read.alarms, devices: read.devices, workersOnSite: read.site.workersOnSite, now: now() });
      return { status: 'ok', live, session };
    }
    return { status: 'auth-failed', reason: 'the token was refused right after signing in', session: null };
  } catch (error) {
    if (error instanceof AuthRefused) return { status: 'auth-failed', reason: error.message, session: null };
    if (error instanceof CertificatePinError) return { status: 'unreachable', reason: error.message, session: null };
    return { status: 'unreachable', reason: describeFailure(error, deadline, options.timeoutMs), session: null };
  }
}

async function signIn(fetch: Fetch, base: string, target: RemoteSiteTarget, signal: AbortSignal): Promise<CachedSession> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: target.username, password: target.password }),
    signal,
  });
  if (response.status === 401 || response.status === 403) {
    throw new AuthRefused(`sign-in refused for user "${target.username}" (HTTP ${response.status}): ${await errorText(response)}`);
  }
  if (!response.ok) throw new Error(`sign-in answered HTTP ${response.status}: ${await errorText(response)}`);
  const body = (await response.json()) as SessionInfo;
  if (typeof body.token !== 'string') throw new Error('sign-in reply carries no token');
  return { token: body.token, expiresAt: typeof body.expiresAt === 'number' ? body.expiresAt : Date.now() + 10 * 60_000 };
}

async function readFigures(
  fetch: Fetch,
  base: string,
  token: string,
  signal: AbortSignal,
): Promise<{ site: SiteSummary; alarms: Alarm[]; devices: DeviceView[] } | 'unauthorized'> {
  const get = async <T>(path: string): Promise<T | 'unauthorized'> => {
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` }, signal });
    if (response.status === 401) {
      await response.body?.cancel();
      return 'unauthorized';
    }
    if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}: ${await errorText(response)}`);
    return (await response.json()) as T;
  };
  const [site, alarms, devices] = await Promise.all([get<SiteSummary>('/api/site'), get<Alarm[]>('/api/alarms'), get<DeviceView[]>('/api/devices')]);
  if (site === 'unauthorized' || alarms === 'unauthorized' || devices === 'unauthorized') return 'unauthorized';
  if (!Array.isArray(alarms) || !Array.isArray(devices) || typeof site?.workersOnSite !== 'number') throw new Error('the reply is not a Site Command core API');
  return { site, alarms, devices };
}

async function errorText(response: Response): Promise<string> {
  try {
    const text = await response.text();
    try {
      return (JSON.parse(text) as { error?: string }).error ?? text.slice(0, 200);
    } catch {
      return text.slice(0, 200);
    }
  } catch {
    return 'no body';
  }
}

/** A failed fetch in words: Node's fetch hides the socket error in `cause`. */
function describeFailure(error: unknown, deadline: AbortSignal, timeoutMs: number): string {
  if (deadline.aborted) return `no answer within ${(timeoutMs / 1000).toFixed(1)} s`;
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'AbortError') return 'stopped';
  const code = err?.cause?.code ?? (err as { code?: string })?.code;
  return socketErrorWords(code) ?? err?.cause?.message ?? err?.message ?? String(error);
}
