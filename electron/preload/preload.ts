/**
 * Sandboxed preload (contextIsolation, sandbox, no nodeIntegration): exposes the typed bridge
 * and nothing else. Bundled to CommonJS by scripts/build.mjs, as sandboxed preloads require.
 */
import { createBridge, type IpcRendererLike } from './bridge.js';

declare const require: (id: 'electron') => {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: IpcRendererLike;
};

declare const process: { argv: string[] };

/** The main process passes the core's HTTP origin as `--site-command-origin=URL` (additionalArguments). */
const originArg = process.argv.find((a) => a.startsWith('--site-command-origin='));
const coreOrigin = originArg ? originArg.slice('--site-command-origin='.length) : null;

const { contextBridge, ipcRenderer } = require('electron');
contextBridge.exposeInMainWorld('siteCommand', createBridge(ipcRenderer, /^http:\/\/127\.0\.0\.1:\d+$/.test(coreOrigin ?? '') ? coreOrigin : null));
