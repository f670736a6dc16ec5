/**
 * Sandboxed preload (contextIsolation, sandbox, no nodeIntegration): exposes the typed bridge
 * and nothing else. Bundled to CommonJS by scripts/build.mjs, as sandboxed preloads require.
 */
import { createBridge, type IpcRendererLike } from './bridge.js';

declare const require: (id: 'electron') => {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: IpcRendererLike;
};

const { contextBridge, ipcRenderer } = require('electron');
contextBridge.exposeInMainWorld('siteCommand', createBridge(ipcRenderer));
