import { API_METHODS, ipcChannelFor, IPC_LIVE_CHANNEL, IPC_LIVE_START_CHANNEL, type ApiMethod, type LiveEvent } from '../common/api.js';

/** The slice of ipcRenderer the bridge uses. The renderer never sees ipcRenderer itself. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

/**
 * What `window.siteCommand` offers: a call per contract method (by name, checked against the
 * method list so no other channel can be reached), the live start, and a live listener.
 */
export function createBridge(ipc: IpcRendererLike, coreOrigin: string | null = null) {
  const allowed = new Set<string>(API_METHODS);
  return Object.freeze({
    /**
     * The core's loopback HTTP origin (live video, media files), or null when it runs without
     * HTTP. Video stays off IPC: fMP4 fragments go straight from the core's socket to MSE.
     */
    coreOrigin,
    invoke(method: ApiMethod, params: unknown, token: string | null): Promise<unknown> {
      if (!allowed.has(method)) return Promise.reject(new Error(`unknown API method ${String(method)}`));
      return ipc.invoke(ipcChannelFor(method), params, token);
    },
    startLive(token: string | null): Promise<unknown> {
      return ipc.invoke(IPC_LIVE_START_CHANNEL, token);
    },
    onLive(listener: (events: LiveEvent[]) => void): () => void {
      const wrapped = (_event: unknown, ...args: unknown[]) => {
        if (Array.isArray(args[0])) listener(args[0] as LiveEvent[]);
      };
      ipc.on(IPC_LIVE_CHANNEL, wrapped);
      return () => ipc.removeListener(IPC_LIVE_CHANNEL, wrapped);
    },
  });
}
