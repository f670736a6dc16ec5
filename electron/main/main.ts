/**
 * Electron shell: one window on the console, the site core in this process, IPC to the renderer.
 * Everything with logic lives in the core or in small modules tested under Node; this file only
 * wires Electron's objects to them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRoot, demoSiteDir, rendererDistDir } from '../core/app-paths.js';
import { PortInUseError } from '../core/api/http-server.js';
import { SiteCore, type SiteCoreOptions } from '../core/site-core.js';
import { CrashReloadGuard } from './crash-guard.js';
import { registerIpcTransport } from './ipc-transport.js';
import { safeStorageSealer } from './safe-storage-sealer.js';
import { parseShellArgs } from './shell-options.js';
import { loadWindowState, saveWindowState } from './window-state.js';

// `electron` is imported dynamically and typed loosely: its types are not installed where the
// binary is not (see electron-types.ts). Only the calls below touch it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const electron: any = await import('electron' as string);
const { app, BrowserWindow, ipcMain, powerSaveBlocker, screen, dialog, shell, safeStorage } = electron;

const options = parseShellArgs(process.argv.slice(1));
const indexHtml = join(rendererDistDir(), 'index.html');
const indexUrlPrefix = pathToFileURL(rendererDistDir()).href;

if (!app.requestSingleInstanceLock()) {
  // A second console on the same PC would fight over the database and the port.
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  if (!existsSync(indexHtml)) {
    dialog.showErrorBox('Site Command', `The console UI is not built (${indexHtml} is missing). Run "npm run build".`);
    app.quit();
    return;
  }
  const coreOptions: SiteCoreOptions = {
    siteDir: options.siteDir ?? demoSiteDir(),
    dataDir: options.dataDir ?? join(app.getPath('userData'), 'data'),
    host: options.host,
    port: options.port,
    simulate: options.simulate,
    staticRoot: rendererDistDir(),
    adminPassword: process.env.SITE_COMMAND_ADMIN_PASSWORD,
    announce: (line) => {
      process.stdout.write(`${line}\n`);
      void dialog.showMessageBox({ type: 'info', title: 'Site Command', message: line });
    },
    http: options.port !== 0,
    ...(() => {
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
      const sealer = safeStorageSealer(safeStorage, backend);
      return sealer ? { sealer } : {};
    })(),
    ...(options.mqttUrl ? { mqttUrl: options.mqttUrl } : {}),
  };
  let core = new SiteCore(coreOptions);
  try {
    await core.start();
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    // Another program holds the web console's port: run the desktop console without it.
    dialog.showErrorBox('Site Command', `${error.message}\n\nThe console starts without the LAN web console.`);
    core = new SiteCore({ ...coreOptions, http: false });
    await core.start();
  }
  const stopIpc = registerIpcTransport({
    ipcMain,
    handlers: core.handlers,
    auth: core.auth,
    hub: core.hub,
    log: core.log.child('ipc'),
    isTrustedFrame: (url) => url.startsWith(indexUrlPrefix),
  });
  if (core.url) process.stdout.write(`Site Command listening on ${core.url}\n`);

  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const saved = loadWindowState(stateFile, screen.getAllDisplays());
  const win = new BrowserWindow({
    ...saved.bounds,
    backgroundColor: '#1f2124',
    title: 'Site Command',
    icon: join(appRoot(), 'resources', 'icons', 'site-command.png'),
    kiosk: options.kiosk,
    fullscreen: options.kiosk || saved.fullScreen,
    show: false,
    webPreferences: {
      preload: join(appRoot(), 'dist', 'electron', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // The preload hands the core's loopback origin to the renderer for live video and media.
      additionalArguments: core.url ? [`--site-command-origin=${core.url.replace('0.0.0.0', '127.0.0.1')}`] : [],
    },
  });
  if (saved.maximized) win.maximize();

  // Nothing opens new windows or navigates away from the console; links go to the system browser.
  win.webContents.setWindowOpenHandler(({ url }: { url: string }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event: { preventDefault(): void }, url: string) => {
    if (!url.startsWith(indexUrlPrefix)) event.preventDefault();
  });
  win.webContents.session.setPermissionRequestHandler((_wc: unknown, permission: string, callback: (ok: boolean) => void) =>
    callback(permission === 'fullscreen'),
  );

  // A control-room screen must never go dark while the console is shown.
  let blockerId: number | null = null;
  const keepAwake = (on: boolean) => {
    if (on && blockerId === null) blockerId = powerSaveBlocker.start('prevent-display-sleep');
    if (!on && blockerId !== null) {
      powerSaveBlocker.stop(blockerId);
      blockerId = null;
    }
  };
  win.on('show', () => keepAwake(true));
  win.on('restore', () => keepAwake(true));
  win.on('hide', () => keepAwake(false));
  win.on('minimize', () => keepAwake(false));

  const crashGuard = new CrashReloadGuard();
  win.webContents.on('render-process-gone', (_e: unknown, details: { reason: string }) => {
    core.log.error('renderer process gone', { reason: details.reason });
    if (crashGuard.shouldReload(details.reason)) setTimeout(() => win.reload(), 1000);
  });

  const remember = () => {
    if (win.isDestroyed()) return;
    saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: win.isFullScreen() });
  };
  win.on('close', remember);
  win.once('ready-to-show', () => win.show());
  await win.loadFile(indexHtml);

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  let quitting = false;
  app.on('before-quit', (event: { preventDefault(): void }) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    keepAwake(false);
    stopIpc();
    void core.stop().finally(() => app.exit(0));
  });
  app.on('window-all-closed', () => app.quit());
}
