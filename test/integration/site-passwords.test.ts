import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteEntry, SitesReply } from '../../electron/common/api.js';
import type { SiteSummary } from '../../electron/common/site.js';
import { ServeProcess, getJson, login, loginAs, postJson } from '../helpers/serve-process.js';
import { writeSiteFile } from '../helpers/site-file.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * Federation and panorama-device passwords through the built core: one left in the site file is
 * moved into the vault and reported as a site-file problem; admins set them through the API (others
 * get 403); the vault never holds them in plain text; a vault key readable by others stops the core
 * with exit 2 and what to do.
 */
afterAll(removeTempDirs);

const FILE_PASSWORD = 'in-site-file-Pw-7712';
const NEW_PASSWORD = 'set-by-admin-Pw-9034';

describe('site passwords in the vault', () => {
  it('moves, reports, sets (admin only), never stores in plain text; a readable key is refused', async () => {
    const siteDir = writeSiteFile({
      id: 'a',
      name: 'A',
      devices: [],
      federation: {
        projects: [
          { id: 'a', name: 'A', enterprise: 'E', latDeg: 30, lonDeg: 114 },
          { id: 'b', name: 'B', enterprise: 'E', latDeg: 30.1, lonDeg: 114.1, url: 'http://127.0.0.1:9', username: 'viewer', password: FILE_PASSWORD },
        ],
      },
      panoramas: { devices: [{ id: 'cam360', url: 'http://127.0.0.1:9/latest.jpg', username: 'u', intervalS: 3600 }] },
    });
    const data = tempDir();
    const serve = await ServeProcess.start(['--port', '0', '--data', data, '--site', siteDir, '--no-simulate']);
    try {
      const token = await login(serve.url);
      const site = (await getJson<SiteSummary>(`${serve.url}/api/site`, token)).body;
      const problem = site.configProblems.find((p) => p.field === 'federation.projects.1.password');
      expect(problem?.message).toMatch(/moved into the encrypted vault; remove it from the site file/);
      expect(JSON.stringify(site)).not.toContain(FILE_PASSWORD);

      const entry = (reply: SitesReply) => reply.enterprises.flatMap((e) => e.projects).find((p) => p.id === 'b')!;
      const listed = entry((await getJson<SitesReply>(`${serve.url}/api/sites`, token)).body);
      expect(listed.encrypted).toBe(false);
      expect(listed.status).not.toBe('not-configured'); // the moved password is used

      // An operator may not set it; an admin may; unknown ids are 404.
      await postJson(`${serve.url}/api/users`, token, { username: 'op', password: 'operator-pw-1234', role: 'operator' });
      const opToken = await loginAs(serve.url, 'op', 'operator-pw-1234');
      expect((await postJson(`${serve.url}/api/sites/b/password`, opToken, { password: NEW_PASSWORD })).status).toBe(403);
      const set = await postJson<SiteEntry>(`${serve.url}/api/sites/b/password`, token, { password: NEW_PASSWORD });
      expect(set.status).toBe(200);
      expect(set.body.id).toBe('b');
      expect(JSON.stringify(set.body)).not.toContain(NEW_PASSWORD);
      expect((await postJson(`${serve.url}/api/sites/nope/password`, token, { password: 'x' })).status).toBe(404);
      expect((await postJson(`${serve.url}/api/panorama-devices/cam360/password`, token, { password: NEW_PASSWORD })).status).toBe(200);
      expect((await postJson(`${serve.url}/api/panorama-devices/nope/password`, token, { password: 'x' })).status).toBe(404);

      const secretsDir = join(data, 'secrets');
      for (const file of readdirSync(secretsDir)) {
        const text = readFileSync(join(secretsDir, file), 'latin1');
        expect(text, file).not.toContain(FILE_PASSWORD);
        expect(text, file).not.toContain(NEW_PASSWORD);
      }
      const log = readFileSync(join(data, 'logs', 'site-command.log'), 'utf8');
      expect(log).toContain('federation password set');
      expect(log).not.toContain(NEW_PASSWORD);
      expect(log).not.toContain(FILE_PASSWORD);
    } finally {
      await serve.stop();
    }

    chmodSync(join(data, 'secrets', 'vault.key'), 0o644);
    const refused = ServeProcess.spawn(['--port', '0', '--data', data, '--site', siteDir, '--no-simulate']);
    expect(await refused.waitForExit()).toBe(2);
    expect(refused.output).toContain(`chmod 600 ${join(data, 'secrets', 'vault.key')}`);
  }, 60_000);
});
