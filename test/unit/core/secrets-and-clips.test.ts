import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CameraRegistry } from '../../../electron/core/cameras/camera-registry.js';
import { loadSiteFile } from '../../../electron/core/config/load-site.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { CredentialVault, publicUrl, withCredentials } from '../../../electron/core/secrets/credential-vault.js';
import { KeyFileSealer } from '../../../electron/core/secrets/secret-sealer.js';
import { closeDatabase, openDatabase } from '../../../electron/core/store/database.js';
import { EvidenceRecorder } from '../../../electron/core/video/evidence-recorder.js';
import { VideoService } from '../../../electron/core/video/video-service.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterEach(removeTempDirs);
const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });

describe('camera credentials at rest', () => {
  it('seals with a 0600 key file; the password is not in the vault file; a wrong key cannot open it', () => {
    const dir = tempDir();
    const vault = new CredentialVault(join(dir, 'creds.json'), new KeyFileSealer(join(dir, 'vault.key')));
    vault.set('cam1', { username: 'admin', password: 'S3cret-pass!' });
    expect(statSync(join(dir, 'vault.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'creds.json'), 'utf8')).not.toContain('S3cret');
    expect(new CredentialVault(join(dir, 'creds.json'), new KeyFileSealer(join(dir, 'vault.key'))).get('cam1')).toEqual({ username: 'admin', password: 'S3cret-pass!' });
    const other = new CredentialVault(join(dir, 'creds.json'), new KeyFileSealer(join(tempDir(), 'other.key')));
    expect(() => other.get('cam1')).toThrow();
  });

  it('refuses a damaged key file', () => {
    const key = join(tempDir(), 'bad.key');
    writeFileSync(key, 'short', { mode: 0o600 }); // 0600: a readable key is refused before its length is checked
    expect(() => new KeyFileSealer(key)).toThrow(/damaged/);
  });

  it('puts credentials only into the URL given to ffmpeg, and never into what the console sees', () => {
    expect(withCredentials('rtsp://10.0.0.9:554/Streaming/101', { username: 'ad min', password: 'p@ss:word' })).toBe('rtsp://ad%20min:p%40ss%3Aword@10.0.0.9:554/Streaming/101');
    expect(publicUrl('rtsp://admin:secret@10.0.0.9/cam')).toBe('rtsp://10.0.0.9/cam');
    const dir = tempDir();
    const site = join(dir, 'site.json');
    writeFileSync(site, JSON.stringify({ id: 's', name: 'S', cameras: [{ id: 'c1', name: 'C1', mainUrl: 'rtsp://10.0.0.9/main', subUrl: 'rtsp://10.0.0.9/sub' }] }));
    const vault = new CredentialVault(join(dir, 'v.json'), new KeyFileSealer(join(dir, 'k')));
    vault.set('c1', { username: 'u', password: 'topsecret' });
    const registry = new CameraRegistry(loadSiteFile(site).site.cameras, vault);
    expect(registry.streamConfig('c1')).toMatchObject({ mainUrl: 'rtsp://u:topsecret@10.0.0.9/main', subUrl: 'rtsp://u:topsecret@10.0.0.9/sub' });
    const view = registry.view('c1', {});
    expect(JSON.stringify(view)).not.toContain('topsecret');
    expect(view).toMatchObject({ mainUrl: 'rtsp://10.0.0.9/main', hasCredentials: true });
  });

  it('rejects a camera linked to a device that does not exist, and duplicate camera ids', () => {
    const site = join(tempDir(), 'site.json');
    writeFileSync(site, JSON.stringify({ id: 's', name: 'S', cameras: [{ id: 'c', name: 'C', mainUrl: 'rtsp://x/1', linkedDevices: ['nope'] }, { id: 'c', name: 'D', mainUrl: 'http://x/2' }] }));
    const fields = loadSiteFile(site).problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['cameras.1.mainUrl', 'cameras.0.linkedDevices.0']));
  });
});

describe('evidence clip quota', () => {
  it('prunes oldest clips beyond the quota but never one of an unacknowledged alarm', () => {
    const dir = tempDir();
    const clipsDir = join(dir, 'clips');
    const db = openDatabase(dir);
    const unacked = new Set(['alarm-old-unacked']);
    const recorder = new EvidenceRecorder(new CameraRegistry([], new CredentialVault(join(dir, 'v'), new KeyFileSealer(join(dir, 'k')))), new VideoService({ cameras: [] }), db, quiet, {
      clipsDir,
      quotaBytes: 2500,
      isUnacknowledged: (id) => unacked.has(id),
    });
    mkdirSync(clipsDir, { recursive: true });
    const clips = [
      ['alarm-old-unacked', 'cam-20260101T000000000Z.mp4', 1],
      ['alarm-old-acked', 'cam-20260101T000100000Z.mp4', 2],
      ['alarm-mid', 'cam-20260101T000200000Z.mp4', 3],
      ['alarm-new', 'cam-20260101T000300000Z.mp4', 4],
    ] as const;
    for (const [alarm, file, created] of clips) {
      writeFileSync(join(clipsDir, file), Buffer.alloc(1000));
      db.prepare('INSERT INTO alarm_clips VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(alarm, 'k', 'cam', file, created, 30, 1000, created);
    }
    expect(recorder.prune()).toBe(2);
    expect(existsSync(join(clipsDir, clips[0][1]))).toBe(true); // unacknowledged: kept although oldest
    expect(existsSync(join(clipsDir, clips[1][1]))).toBe(false);
    expect(existsSync(join(clipsDir, clips[2][1]))).toBe(false);
    expect(existsSync(join(clipsDir, clips[3][1]))).toBe(true);
    expect(recorder.clipsOf('alarm-old-acked')).toEqual([]);
    expect(recorder.clipsOf('alarm-new')[0]).toMatchObject({ file: clips[3][1], url: `/api/media/clips/${clips[3][1]}` });
    closeDatabase(db);
  });
});
