import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AuthorityNoticeSummary, AuthoritySession, AuthoritySiteRow } from '../../../../electron/common/api/authority.js';
import { call, loadSession, saveSession } from './api.js';
import { NoticeDetail } from './NoticeDetail.js';
import { NoticeRow } from './NoticeRow.js';
import { Overview } from './Overview.js';
import { SiteDetail } from './SiteDetail.js';
import './authority.css';

const ROLE_ZH = { 'authority-admin': '主管部门（管理员）', authority: '主管部门', enterprise: '企业' } as const;

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function Login({ platform, onLogin }: { platform: string; onLogin: (s: AuthoritySession) => void }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onLogin(await call<AuthoritySession>('POST', '/api/authority/login', { username, password }));
    } catch (err) {
      setError((err as Error).message === 'wrong username or password' ? '用户名或密码错误' : (err as Error).message);
    }
  };
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit}>
        <h1>{platform}</h1>
        <h2>主管部门 / 企业登录</h2>
        <label>
          用户名
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          密码
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
        </label>
        {error && (
          <p className="form-error" role="alert">
            ⚠ {error}
          </p>
        )}
        <button type="submit">登录</button>
      </form>
    </main>
  );
}

function Notices({ onOpen }: { onOpen: (id: string) => void }) {
  const [rows, setRows] = useState<AuthorityNoticeSummary[]>([]);
  useEffect(() => {
    void call<AuthorityNoticeSummary[]>('GET', '/api/authority/notices').then(setRows, () => undefined);
  }, []);
  return (
    <section className="au-panel">
      <h3>督办通知（{rows.length}）</h3>
      <table className="au-table au-notices" data-testid="au-notices">
        <tbody>
          {rows.map((n) => (
            <NoticeRow key={n.id} notice={n} withSite onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The supervision service's console: the same renderer, started in authority mode (GET /api/mode). */
export function AuthorityApp({ platform }: { platform: string }) {
  const [session, setSession] = useState<AuthoritySession | null>(loadSession);
  const [sites, setSites] = useState<AuthoritySiteRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const hash = useHash();
  const [, view = '', param = ''] = /^#\/?([a-z]*)\/?(.*)$/.exec(hash) ?? [];
  const go = useCallback((path: string) => (window.location.hash = `#/${path}`), []);

  useEffect(() => {
    const out = () => setSession(null);
    window.addEventListener('authority-logout', out);
    return () => window.removeEventListener('authority-logout', out);
  }, []);
  useEffect(() => {
    if (!session) return;
    const load = () => call<AuthoritySiteRow[]>('GET', '/api/authority/sites').then((s) => (setSites(s), setError(null)), (e: Error) => setError(e.message));
    void load();
    const t = setInterval(() => void load(), 10_000);
    return () => clearInterval(t);
  }, [session]);

  if (!session) return <Login platform={platform} onLogin={(s) => (saveSession(s), setSession(s))} />;
  const logout = () => {
    void call('POST', '/api/authority/logout').catch(() => undefined);
    saveSession(null);
    setSession(null);
  };
  return (
    <div className="au-app" data-testid="authority-app">
      <header className="top-bar au-bar">
        <strong className="au-title">{platform}</strong>
        <nav className="au-nav">
          <a href="#/" className={view === '' ? 'active' : undefined}>
            全部工地
          </a>
          <a href="#/notices" className={view === 'notices' ? 'active' : undefined}>
            督办通知
          </a>
        </nav>
        <span className="au-user" data-testid="au-user">
          {session.displayName}（{ROLE_ZH[session.role]}
          {session.enterprise ? ` · ${session.enterprise}` : ''}）
        </span>
        <button type="button" onClick={logout}>
          退出
        </button>
      </header>
      {error && <p className="form-error">⚠ {error}</p>}
      <main className="au-main">
        {view === 'site' && param ? (
          <SiteDetail siteId={decodeURIComponent(param)} onNotice={(id) => go(`notice/${id}`)} onBack={() => go('')} />
        ) : view === 'notice' && param ? (
          <NoticeDetail id={decodeURIComponent(param)} onSite={(id) => go(`site/${id}`)} />
        ) : view === 'notices' ? (
          <Notices onOpen={(id) => go(`notice/${id}`)} />
        ) : (
          <Overview sites={sites} onOpen={(id) => go(`site/${id}`)} />
        )}
      </main>
    </div>
  );
}
