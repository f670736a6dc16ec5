import type { SessionInfo } from '../../../electron/common/api.js';

const KEY = 'site-command.session';

/** The session survives a reload of this tab (sessionStorage), not a closed browser. */
export function loadSession(): SessionInfo | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as SessionInfo | null;
    return session && session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: SessionInfo | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}
