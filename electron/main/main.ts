/**
 * Electron shell: windows only. The site core runs in a child process started by the same
 * supervisor as `npm run serve` (the Electron binary as Node, ELECTRON_RUN_AS_NODE=1), so a fault
 * in the core never takes the window down and is restarted within seconds; the window loads the
 * console from the core's loopback address, exactly as a browser does. Everything with logic lives
 * in the core or in small modules tested under Node; this file only wires Electron's objects to them.
 */
import { join } from 'node:path';
import { appRoot } from '../core/app-paths.js';
import { operatorArgs } from '../core/cli/electron-argv.js';
import { readCommandLine } from '../core/cli/parse-or-exit.js';
import { startNotices } from '../core/cli/start-notices.js';
import { coreConfigOf } from '../core/supervisor/core-config.js';
import { CoreStartError, CoreSupervisor } from '../core/supervisor/core-supervisor.js';
import { consoleUrlOf, isConsoleUrl, trustsCoreCertificate } from './console-origin.js';
import { CrashReloadGuard } from './crash-guard.js';
import { desktopVaultKey } from './vault-key.js';
import { loadWindowState, saveWindowState } from './window-state.js';
import { assignScreen, loadDisplayAssignments, planWindows, rememberPlan, saveDisplayAssignments, screenOfUrl, screenUrl, windowChanges, type DisplayInfo, type WindowPlan } from './display-screens.js';

// `electron` is imported dynamically and typed loosely: its types are not installed where the
// binary is not (see electron-types.ts). Only the calls below touch it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const electron: any = await import('electron' as string);
const { app, BrowserWindow, powerSaveBlocker, screen, dialog, shell, safeStorage } = electron;

// The same parser, messages and exit status as `npm run serve` (Electron's own switches removed first).
const outcome = readCommandLine(operatorArgs(process.argv, (process as { defaultApp?: boolean }).defaultApp === true));
if (!outcome.ok) {
  (outcome.exitCode ? process.stderr : process.stdout).write(outcome.message);
  if (outcome.exitCode) dialog.showErrorBox('Site Command', outcome.message.split('\n')[0]);
  app.exit(outcome.exitCode);
} else if (!app.requestSingleInstanceLock()) {
  // A second console on the same PC would fight over the database and the port.
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  if (!outcome.ok) return;
  const options = outcome.options;
  const notices = startNotices(options);
  for (const line of notices.warnings) process.stderr.write(`${line}\n`);
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  const vaultKey = desktopVaultKey(join(app.getPath('userData'), 'vault-key.sealed'), safeStorage, backend);
  const supervisor = new CoreSupervisor({
    entry: join(appRoot(), 'dist', 'electron', 'core', 'cli', 'core-child.js'),
    execPath: process.execPath,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    config: coreConfigOf(options, { defaultDataDir: join(app.getPath('userData'), 'data'), env: process.env, ...(vaultKey ? { vaultKey } : {}) }),
    onAnnounce: (line) => {
      process.stdout.write(`${line}\n`);
      void dialog.showMessageBox({ type: 'info', title: 'Site Command', message: line });
    },
    onRestart: (reason, delayMs) => process.stderr.write(`Site Command core ${reason}; restarting in ${(delayMs / 1000).toFixed(1)} s\n`),
  });
  let info;
  try {
    info = await supervisor.start();
  } catch (error) {
    const message = error instanceof CoreStartError ? error.message : (error as Error).message;
    process.stderr.write(`Site Command cannot start: ${message}\n`);
    dialog.showErrorBox('Site Command', message);
    app.exit(error instanceof CoreStartError ? 2 : 1);
    return;
  }
  for (const line of notices.afterStart(info)) process.stdout.write(`${line}\n`);
  process.stdout.write(`Site Command listening on ${info.url}\n`);
  const consoleUrl = consoleUrlOf(info.url);

  // The core's certificate (self-signed, or issued for the LAN name) is accepted on its own origin only.
  app.on('certificate-error', (event: { preventDefault(): void }, _wc: unknown, url: string, _error: string, certificate: { data: string }, callback: (ok: boolean) => void) => {
    const ok = trustsCoreCertificate(url, certificate.data, consoleUrl, supervisor.listening?.fingerprint);
    if (ok) event.preventDefault();
    callback(ok);
  });

  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const saved = loadWindowState(stateFile, screen.getAllDisplays());
  const webPreferences = {
    preload: join(appRoot(), 'dist', 'electron', 'preload', 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
  };
  const win = new BrowserWindow({
    ...saved.bounds,
    backgroundColor: '#1f2124',
    title: 'Site Command',
    icon: join(appRoot(), 'resources', 'icons', 'site-command.png'),
    kiosk: options.kiosk,
    fullscreen: options.kiosk || saved.fullScreen,
    show: false,
    webPreferences,
  });
  if (saved.maximized) win.maximize();

  // Nothing opens new windows or navigates away from the console; links go to the system browser.
  win.webContents.setWindowOpenHandler(({ url }: { url: string }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event: { preventDefault(): void }, url: string) => {
    if (!isConsoleUrl(url, consoleUrl)) event.preventDefault();
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
    process.stderr.write(`Site Command: renderer process gone (${details.reason})\n`);
    if (crashGuard.shouldReload(details.reason)) setTimeout(() => win.reload(), 1000);
  });

  const remember = () => {
    if (win.isDestroyed()) return;
    saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: win.isFullScreen() });
  };
  win.on('close', remember);
  win.once('ready-to-show', () => win.show());
  await win.loadURL(consoleUrl);

  // The wall: one window per further display with its chosen screen (rules in display-screens.ts).
  const displaysFile = join(app.getPath('userData'), 'display-screens.json');
  const displays = (): DisplayInfo[] => screen.getAllDisplays().map((d: DisplayInfo) => ({ id: d.id, bounds: d.bounds }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const walls = new Map<number, { win: any; screen: string | null; bounds: DisplayInfo['bounds'] }>();
  let assignments = loadDisplayAssignments(displaysFile);
  const openWall = (plan: WindowPlan) => {
    const wall = new BrowserWindow({ ...plan.bounds, backgroundColor: '#1f2124', title: 'Site Command', fullscreen: true, frame: false, webPreferences });
    wall.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    wall.webContents.on('will-navigate', (event: { preventDefault(): void }, url: string) => {
      if (!isConsoleUrl(url, consoleUrl)) event.preventDefault();
    });
    wall.webContents.on('did-navigate-in-page', (_e: unknown, url: string) => {
      const display = displays().find((d) => d.id === plan.displayId);
      const chosen = screenOfUrl(url);
      if (!display || walls.get(plan.displayId)?.screen === chosen) return;
      walls.set(plan.displayId, { win: wall, screen: chosen, bounds: display.bounds });
      assignments = assignScreen(assignments, display, chosen);
      saveDisplayAssignments(displaysFile, assignments);
    });
    walls.set(plan.displayId, { win: wall, screen: plan.screen, bounds: plan.bounds });
    void wall.loadURL(screenUrl(consoleUrl, plan.screen));
  };
  const arrangeWalls = () => {
    const primary = screen.getPrimaryDisplay().id as number;
    const plan = planWindows(displays(), primary, assignments);
    assignments = rememberPlan(plan, assignments);
    saveDisplayAssignments(displaysFile, assignments);
    // The primary display keeps the console window (its own remembered bounds); it shows a screen if given one.
    const mine = plan.find((p) => p.displayId === primary);
    if (mine?.screen && screenOfUrl(win.webContents.getURL()) !== mine.screen) void win.loadURL(screenUrl(consoleUrl, mine.screen));
    const changes = windowChanges(new Map([...walls].map(([id, w]) => [id, { screen: w.screen, bounds: w.bounds }])), plan.filter((p) => p.displayId !== primary));
    for (const id of changes.close) {
      walls.get(id)?.win.destroy();
      walls.delete(id);
    }
    for (const p of changes.open) openWall(p);
    for (const p of changes.update) {
      const wall = walls.get(p.displayId)!;
      wall.win.setBounds(p.bounds);
      if (wall.screen !== p.screen) void wall.win.loadURL(screenUrl(consoleUrl, p.screen));
      walls.set(p.displayId, { win: wall.win, screen: p.screen, bounds: p.bounds });
    }
  };
  arrangeWalls();
  for (const change of ['display-added', 'display-removed', 'display-metrics-changed']) screen.on(change, arrangeWalls);

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
    void supervisor.stop().finally(() => app.exit(0));
  });
  app.on('window-all-closed', () => app.quit());
}
