/**
 * The authority console's HTTP: its JSON API (AUTHORITY_ROUTES in electron/common/api/authority.ts)
 * and the renderer's files (the same console as a site's, which asks GET /api/mode and shows the
 * authority views). Bearer sessions; every refusal is an English sentence with its status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { AuthorityMode } from '../../common/api/authority.js';
import { bearerToken, parseRequestUrl } from '../../core/api/http-server.js';
import { setSecurityHeaders } from '../../core/api/security-headers.js';
import { serveStatic } from '../../core/api/static-files.js';
import type { DownlinkSender } from './downlink.js';
import { AuthorityError } from './errors.js';
import type { SigningKey } from './keys.js';
import { checkNoticeInput, issueNotice, listNotices, noticeView, stepNotice, type NoticeStep } from './notices.js';
import { listSites, siteDetail } from './sites.js';
import { createUser, login, logout, userOfToken, type AuthorityUser } from './users.js';

const MAX_BODY = 256 * 1024;

export interface AuthorityHttpDeps {
  pool: pg.Pool;
  key: SigningKey;
  staticRoot: string;
  downlink: DownlinkSender;
  platform: string;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new AuthorityError(413, `the request body is larger than ${MAX_BODY / 1024} KiB`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new AuthorityError(400, 'the request body is not JSON');
  }
}

function str(o: unknown, name: string): string {
  const v = (o as Record<string, unknown> | null)?.[name];
  return typeof v === 'string' ? v : '';
}

export function authorityRequestHandler(d: AuthorityHttpDeps) {
  const requireUser = async (req: IncomingMessage): Promise<AuthorityUser> => {
    const user = await userOfToken(d.pool, bearerToken(req));
    if (!user) throw new AuthorityError(401, 'log in first (your session has ended or is unknown)');
    return user;
  };
  const mayIssue = (user: AuthorityUser) => user.role === 'authority' || user.role === 'authority-admin' || user.role === 'enterprise';

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    const url = parseRequestUrl(req.url);
    if (!url) return send(res, 400, { error: 'malformed URL' });
    const path = url.pathname;
    const verb = req.method ?? 'GET';
    if (!path.startsWith('/api/')) {
      if (verb !== 'GET' && verb !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      return serveStatic(d.staticRoot, path, res, req);
    }
    try {
      if (verb === 'GET' && path === '/api/mode') return send(res, 200, { mode: 'authority', platform: d.platform } satisfies AuthorityMode);
      if (verb === 'GET' && path === '/api/authority/public-key') return send(res, 200, { algorithm: 'Ed25519', publicKeyPem: d.key.publicPem });
      if (verb === 'POST' && path === '/api/authority/login') {
        const body = await readBody(req);
        return send(res, 200, await login(d.pool, str(body, 'username'), str(body, 'password')));
      }
      const user = await requireUser(req);
      if (verb === 'POST' && path === '/api/authority/logout') {
        await logout(d.pool, bearerToken(req)!);
        return send(res, 200, { ok: true });
      }
      if (verb === 'GET' && path === '/api/authority/sites') return send(res, 200, await listSites(d.pool, user));
      let m = /^\/api\/authority\/sites\/([a-z0-9-]{1,40})$/.exec(path);
      if (verb === 'GET' && m) return send(res, 200, await siteDetail(d.pool, user, m[1]!));
      if (verb === 'GET' && path === '/api/authority/notices') return send(res, 200, await listNotices(d.pool, user, url.searchParams.get('siteId') ?? undefined));
      m = /^\/api\/authority\/notices\/(AN-\d{8}-[0-9A-F]{8})$/.exec(path);
      if (verb === 'GET' && m) return send(res, 200, await noticeView(d.pool, user, m[1]!));
      if (verb === 'POST' && path === '/api/authority/notices') {
        if (!mayIssue(user)) throw new AuthorityError(403, 'your role may not issue notices');
        const view = await issueNotice(d.pool, d.key.privateKey, user, checkNoticeInput(await readBody(req)));
        d.downlink.wake();
        return send(res, 200, view);
      }
      m = /^\/api\/authority\/notices\/(AN-\d{8}-[0-9A-F]{8})\/(verify|reopen|close)$/.exec(path);
      if (verb === 'POST' && m) {
        if (!mayIssue(user)) throw new AuthorityError(403, 'your role may not take notice steps');
        const body = await readBody(req);
        const view = await stepNotice(d.pool, d.key.privateKey, user, m[1]!, m[2] as NoticeStep, str(body, 'comment'));
        d.downlink.wake();
        return send(res, 200, view);
      }
      if (verb === 'POST' && path === '/api/authority/users') {
        if (user.role !== 'authority-admin') throw new AuthorityError(403, 'only an authority administrator creates users');
        const body = await readBody(req);
        const role = str(body, 'role') as AuthorityUser['role'];
        const created = await createUser(d.pool, { username: str(body, 'username'), displayName: str(body, 'displayName') || str(body, 'username'), role, enterprise: str(body, 'enterprise') || null, password: str(body, 'password') }, user);
        return send(res, 200, created);
      }
      return send(res, 404, { error: `no API endpoint ${verb} ${path}` });
    } catch (error) {
      if (error instanceof AuthorityError) return send(res, error.status, { error: error.message });
      d.log('error', `authority API ${verb} ${path}: ${(error as Error).stack ?? String(error)}`);
      return send(res, 500, { error: 'internal error' });
    }
  };
}
