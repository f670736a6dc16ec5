import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleUrlOf, isConsoleUrl, trustsCoreCertificate } from '../../../electron/main/console-origin.js';
import { CrashReloadGuard } from '../../../electron/main/crash-guard.js';
import { desktopVaultKey, type SafeStorageLike } from '../../../electron/main/vault-key.js';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../electron/main/window-state.js';
import { HandedKeySealer } from '../../../electron/core/supervisor/handed-key-sealer.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

// The Electron binary cannot be installed here: the shell's pieces with logic are plain modules,
// tested under Node; safeStorage is a fake with the same shape (a reversible transform).
afterEach(removeTempDirs);

class FakeSafeStorage implements SafeStorageLike {
  constructor(private readonly available = true) {}
  isEncryptionAvailable() {
    return this.available;
  }
  encryptString(plain: string) {
    return Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`);
  }
  decryptString(sealed: Buffer) {
    return Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'hex').toString();
  }
}

describe('the window loads the console from the core', () => {
  it('loads the core on loopback when it listens on every interface', () => {
    expect(consoleUrlOf('http://0.0.0.0:8420')).toBe('http://127.0.0.1:8420/');
    expect(consoleUrlOf('https://127.0.0.1:43001')).toBe('https://127.0.0.1:43001/');
  });

  it('stays on the console origin', () => {
    expect(isConsoleUrl('http://127.0.0.1:8420/#/alarms', 'http://127.0.0.1:8420/')).toBe(true);
    expect(isConsoleUrl('http://127.0.0.1:8421/', 'http://127.0.0.1:8420/')).toBe(false);
    expect(isConsoleUrl('https://evil.example/', 'http://127.0.0.1:8420/')).toBe(false);
    expect(isConsoleUrl('not a url', 'http://127.0.0.1:8420/')).toBe(false);
  });

  it("accepts only the core's own certificate, on the console origin", async () => {
    const ours = (await generate([{ name: 'commonName', value: 'Site Command' }], { keyType: 'ec', curve: 'P-256' })).cert;
    const other = (await generate([{ name: 'commonName', value: 'Site Command' }], { keyType: 'ec', curve: 'P-256' })).cert;
    const fingerprint = new X509Certificate(ours).fingerprint256;
    const consoleUrl = 'https://127.0.0.1:8420/';
    expect(trustsCoreCertificate('https://127.0.0.1:8420/api/health', ours, consoleUrl, fingerprint)).toBe(true);
    expect(trustsCoreCertificate('https://127.0.0.1:8420/', other, consoleUrl, fingerprint)).toBe(false);
    expect(trustsCoreCertificate('https://10.0.0.9:8420/', ours, consoleUrl, fingerprint)).toBe(false);
    expect(trustsCoreCertificate('https://127.0.0.1:8420/', ours, consoleUrl, undefined)).toBe(false);
  });
});

describe('the camera vault key from the OS keychain', () => {
  it('is made once, kept sealed by the keychain (0600), and the same on the next start', () => {
    const file = join(tempDir(), 'user-data', 'vault-key.sealed');
    const key = desktopVaultKey(file, new FakeSafeStorage());
    expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(readFileSync(file, 'utf8')).not.toContain(key!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(desktopVaultKey(file, new FakeSafeStorage())).toBe(key);
    // The core child seals with it; another key cannot open what it sealed.
    const sealed = new HandedKeySealer(key!).seal('cam-pass');
    expect(new HandedKeySealer(key!).open(sealed)).toBe('cam-pass');
    expect(() => new HandedKeySealer(Buffer.alloc(32, 1).toString('base64')).open(sealed)).toThrow();
  });

  it('is not used without a real keychain (the core keeps its key file)', () => {
    expect(desktopVaultKey(join(tempDir(), 'k'), new FakeSafeStorage(false))).toBeNull();
    expect(desktopVaultKey(join(tempDir(), 'k'), new FakeSafeStorage(), 'basic_text')).toBeNull();
  });
});

describe('window state and renderer crashes', () => {
  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
  it('restores saved bounds that are on a display and drops ones that are not', () => {
    const file = join(tempDir(), 'w.json');
    saveWindowState(file, { bounds: { x: 100, y: 100, width: 1200, height: 800 }, maximized: true, fullScreen: false });
    expect(loadWindowState(file, [display])).toEqual({ bounds: { x: 100, y: 100, width: 1200, height: 800 }, maximized: true, fullScreen: false });
    saveWindowState(file, { bounds: { x: 5000, y: 100, width: 1200, height: 800 }, maximized: false, fullScreen: false });
    expect(loadWindowState(file, [display]).bounds).toEqual(DEFAULT_WINDOW_STATE.bounds);
    writeFileSync(file, '{broken');
    expect(loadWindowState(file, [display])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('reloads a crashed renderer, but not in a crash loop', () => {
    let t = 0;
    const guard = new CrashReloadGuard(3, 60_000, () => t);
    expect(guard.shouldReload('clean-exit')).toBe(false);
    expect([guard.shouldReload('crashed'), guard.shouldReload('oom'), guard.shouldReload('crashed'), guard.shouldReload('crashed')]).toEqual([true, true, true, false]);
    t = 120_000;
    expect(guard.shouldReload('crashed')).toBe(true);
  });
});
