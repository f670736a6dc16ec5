import { useCallback, useState } from 'react';
import type { SessionInfo } from '../../../electron/common/api.js';
import type { ApiClient } from '../transport/api-client.js';
import { ConsoleShell } from './ConsoleShell.js';
import { LoginScreen } from './LoginScreen.js';
import { loadSession, saveSession } from './session.js';

export function App({ client }: { client: ApiClient }) {
  const [session, setSession] = useState<SessionInfo | null>(() => {
    const saved = loadSession();
    client.setToken(saved?.token ?? null);
    return saved;
  });

  const onLogin = useCallback(
    (info: SessionInfo) => {
      client.setToken(info.token);
      saveSession(info);
      setSession(info);
    },
    [client],
  );

  const onLogout = useCallback(() => {
    void client.call('logout').catch(() => undefined);
    client.setToken(null);
    saveSession(null);
    setSession(null);
  }, [client]);

  return session ? <ConsoleShell client={client} session={session} onLogout={onLogout} /> : <LoginScreen client={client} onLogin={onLogin} />;
}
