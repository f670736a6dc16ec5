/**
 * Sandboxed preload (contextIsolation, sandbox, no nodeIntegration). The window loads the console
 * from the core's loopback HTTP(S) address and talks to it exactly as the web console does, so
 * the preload hands over nothing but a read-only marker that this is the desktop app. Bundled to
 * CommonJS by scripts/build.mjs, as sandboxed preloads require.
 */
declare const require: (id: 'electron') => { contextBridge: { exposeInMainWorld(key: string, api: unknown): void } };

require('electron').contextBridge.exposeInMainWorld('siteCommandDesktop', Object.freeze({ shell: 'electron' }));
