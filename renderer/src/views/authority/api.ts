import type { AuthoritySession } from '../../../../electron/common/api/authority.js';

/** The authority console's calls (AUTHORITY_ROUTES): JSON over fetch with the session's bearer token. */
const KEY = 'sc-authority-session';

export function loadSession(): AuthoritySession | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as AuthoritySession | null;
  } catch {
    return null;
  }
}

export function saveSession(s: AuthoritySession | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

export class AuthorityApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function call<T>(verb: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const token = loadSession()?.token;
  const res = await fetch(path, {
    method: verb,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) {
    if (res.status === 401 && token) {
      saveSession(null);
      window.dispatchEvent(new Event('authority-logout'));
    }
    throw new AuthorityApiError(res.status, json.error ?? `HTTP ${res.status}`);
  }
  return json;
}

/** Whether this console is served by the supervision service (a site console answers `{ mode: 'site' }`; an older one 404). */
export async function detectAuthorityMode(): Promise<{ platform: string } | null> {
  try {
    const res = await fetch('/api/mode');
    if (!res.ok) return null;
    const body = (await res.json()) as { mode?: string; platform?: string };
    return body.mode === 'authority' ? { platform: body.platform ?? '' } : null;
  } catch {
    return null;
  }
}
