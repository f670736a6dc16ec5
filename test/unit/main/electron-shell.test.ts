import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS, ipcChannelFor, IPC_LIVE_CHANNEL, IPC_LIVE_START_CHANNEL, type LiveEvent } from '../../../electron/common/api.js';
import { AlarmService } from '../../../electron/core/alarms/alarm-service.js';
import { fixedAuditKey } from '../../../electron/core/alarms/audit-key.js';
import { createApiHandlers } from '../../../electron/core/api/handlers.js';
import { CameraRegistry } from '../../../electron/core/cameras/camera-registry.js';
import { CredentialVault } from '../../../electron/core/secrets/credential-vault.js';
import { KeyFileSealer } from '../../../electron/core/secrets/secret-sealer.js';
import { VideoService } from '../../../electron/core/video/video-service.js';
import { loadSiteFile } from '../../../electron/core/config/load-site.js';
import { AuthService } from '../../../electron/core/auth/auth-service.js';
import { DeviceStates } from '../../../electron/core/devices/device-states.js';
import { createLogger } from '../../../electron/core/log/logger.js';
import { LiveHub } from '../../../electron/core/pipeline/live-hub.js';
import { closeDatabase, openDatabase } from '../../../electron/core/store/database.js';
import { TelemetryQuery } from '../../../electron/core/store/telemetry-query.js';
import { CrashReloadGuard } from '../../../electron/main/crash-guard.js';
import type { IpcMainInvokeEventLike, IpcMainLike, WebContentsLike } from '../../../electron/main/electron-types.js';
import { registerIpcTransport, type IpcReply } from '../../../electron/main/ipc-transport.js';
import { parseShellArgs } from '../../../electron/main/shell-options.js';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../electron/main/window-state.js';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge.js';
import { attachedDeviceRegistry } from '../../helpers/device-registry.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

// The Electron binary cannot be installed here, so Electron's objects are fakes with the same
// shape; everything else (handlers, auth, SQLite, hub) is real.
afterEach(removeTempDirs);
const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });
const APP_URL = 'file:///opt/site-command/renderer/dist/index.html';

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

class FakeWebContents implements WebContentsLike {
  id = 7;
  sent: { channel: string; args: unknown[] }[] = [];
  private destroyed: (() => void)[] = [];
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return false;
  }
  once(_event: 'destroyed', listener: () => void) {
    this.destroyed.push(listener);
  }
  destroy() {
    this.destroyed.forEach((l) => l());
  }
}

async function setup() {
  const db = openDatabase(tempDir());
  const auth = new AuthService(db, quiet);
  await auth.ensureAdmin('pw-12345678', () => undefined);
  const hub = new LiveHub();
  const devices = new DeviceStates([{ id: 'd1', kind: 'dust', name: 'D1', expectedIntervalS: 5 }], () => undefined);
  const site = loadSiteFile('/nonexistent').site;
  const alarms = new AlarmService(site, db, devices, hub, quiet, null, fixedAuditKey(Buffer.alloc(32, 1)));
  const vault = new CredentialVault(join(tempDir(), 'c.json'), new KeyFileSealer(join(tempDir(), 'k')));
  const handlers = createApiHandlers({
    cameras: { cameras: new CameraRegistry([], vault), vault, video: new VideoService({ cameras: [] }), videoProblem: () => null, snapshotsDir: tempDir() },
    alarms,
    db,
    siteConfig: () => site,
    registry: attachedDeviceRegistry(site.devices, db, devices),
    version: '9.9.9',
    auth,
    devices,
    telemetry: new TelemetryQuery(db),
    services: () => ({ store: 'running' }),
    site: () => ({ id: 's', name: 'S', timeZone: 'Asia/Shanghai', configProblems: [], sources: [], unknownDevices: [], simulated: false, workersOnSite: 0 }),
  });
  const ipcMain = new FakeIpcMain();
  const stop = registerIpcTransport({ ipcMain, handlers, auth, hub, log: quiet, isTrustedFrame: (u) => u.startsWith('file:///opt/site-command/'), batchIntervalMs: 10, maxBatch: 3 });
  const contents = new FakeWebContents();
  const event = (url = APP_URL): IpcMainInvokeEventLike => ({ senderFrame: { url }, sender: contents });
  const invoke = (channel: string, e: IpcMainInvokeEventLike, ...args: unknown[]) => ipcMain.handlers.get(channel)!(e, ...args) as Promise<IpcReply>;
  return { db, ipcMain, contents, event, invoke, hub, stop };
}

describe('IPC transport', () => {
  it('registers one channel per contract method, derived from the method list', async () => {
    const { db, ipcMain, stop } = await setup();
    for (const m of API_METHODS) expect(ipcMain.handlers.has(ipcChannelFor(m))).toBe(true);
    stop();
    expect(ipcMain.handlers.size).toBe(0);
    closeDatabase(db);
  });

  it('answers the same as HTTP: health without login, 401-equivalent without a token, data with one', async () => {
    const { db, invoke, event, stop } = await setup();
    expect(await invoke(ipcChannelFor('health'), event())).toMatchObject({ ok: true, result: { status: 'ok', version: '9.9.9' } });
    expect(await invoke(ipcChannelFor('listDevices'), event(), undefined, null)).toEqual({ ok: false, error: expect.objectContaining({ code: 'unauthorized' }) });
    const login = await invoke(ipcChannelFor('login'), event(), { username: 'admin', password: 'pw-12345678' }, null);
    expect(login.ok).toBe(true);
    const token = (login as { result: { token: string } }).result.token;
    const devices = await invoke(ipcChannelFor('listDevices'), event(), undefined, token);
    expect(devices).toMatchObject({ ok: true, result: [{ id: 'd1' }] });
    expect(await invoke(ipcChannelFor('getTelemetry'), event(), { deviceId: 'nope' }, token)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await invoke(ipcChannelFor('getTelemetry'), event(), { deviceId: 'd1', bogus: 1 }, token)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    stop();
    closeDatabase(db);
  });

  it('refuses calls from frames that are not the app', async () => {
    const { db, invoke, event, stop } = await setup();
    expect(await invoke(ipcChannelFor('health'), event('https://evil.example/'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    stop();
    closeDatabase(db);
  });

  it('pushes live events only after a logged-in start, in bounded batches with a drop count', async () => {
    const { db, invoke, event, contents, hub, stop } = await setup();
    expect(await invoke(IPC_LIVE_START_CHANNEL, event(), 'bad-token')).toBe(false);
    const login = (await invoke(ipcChannelFor('login'), event(), { username: 'admin', password: 'pw-12345678' }, null)) as { result: { token: string } };
    expect(await invoke(IPC_LIVE_START_CHANNEL, event(), login.result.token)).toBe(true);
    for (let i = 0; i < 5; i++) hub.publish({ type: 'roster', onSite: i });
    await new Promise((r) => setTimeout(r, 40));
    const batches = contents.sent.filter((s) => s.channel === IPC_LIVE_CHANNEL).map((s) => s.args[0] as LiveEvent[]);
    expect(batches[0]).toEqual([{ type: 'ready' }]);
    expect(batches[1]).toEqual([{ type: 'roster', onSite: 0 }, { type: 'roster', onSite: 1 }, { type: 'roster', onSite: 2 }, { type: 'dropped', count: 2 }]);
    contents.destroy();
    expect(hub.size).toBe(0);
    stop();
    closeDatabase(db);
  });
});

describe('preload bridge', () => {
  it('exposes only contract methods and forwards to derived channels', async () => {
    const calls: unknown[][] = [];
    const fake: IpcRendererLike = {
      invoke: async (...args) => {
        calls.push(args);
        return { ok: true, result: null };
      },
      on: () => undefined,
      removeListener: () => undefined,
    };
    const bridge = createBridge(fake);
    await bridge.invoke('listDevices', undefined, 'tok');
    expect(calls[0]).toEqual([ipcChannelFor('listDevices'), undefined, 'tok']);
    await expect(bridge.invoke('__proto__' as never, undefined, null)).rejects.toThrow(/unknown API method/);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['coreOrigin', 'invoke', 'onLive', 'startLive']);
    expect(bridge.coreOrigin).toBeNull();
  });

  it('delivers only arrays of live events to the listener and unsubscribes', () => {
    const listeners = new Map<string, (e: unknown, ...a: unknown[]) => void>();
    const fake: IpcRendererLike = {
      invoke: async () => null,
      on: (c, l) => listeners.set(c, l),
      removeListener: (c) => listeners.delete(c),
    };
    const got: LiveEvent[][] = [];
    const stop = createBridge(fake).onLive((events) => got.push(events));
    listeners.get(IPC_LIVE_CHANNEL)!({}, [{ type: 'ready' }]);
    listeners.get(IPC_LIVE_CHANNEL)!({}, 'not an array');
    expect(got).toEqual([[{ type: 'ready' }]]);
    stop();
    expect(listeners.has(IPC_LIVE_CHANNEL)).toBe(false);
  });
});

describe('window state and shell options', () => {
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

  it('parses --kiosk and core flags, ignoring Chromium switches', () => {
    expect(parseShellArgs(['.', '--kiosk', '--mqtt', 'mqtt://10.0.0.5:1883', '--enable-logging'])).toMatchObject({ kiosk: true, mqttUrl: 'mqtt://10.0.0.5:1883', port: 8420, simulate: true });
    expect(parseShellArgs(['--port', 'abc']).port).toBe(8420);
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
