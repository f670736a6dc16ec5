import { API_METHODS, ApiError, ipcChannelFor, IPC_LIVE_CHANNEL, IPC_LIVE_START_CHANNEL, type ApiErrorBody, type LiveEvent } from '../common/api.js';
import type { ApiHandlers } from '../core/api/handlers.js';
import { dispatchApiCall } from '../core/api/dispatch.js';
import type { AuthService } from '../core/auth/auth-service.js';
import type { Logger } from '../core/log/logger.js';
import type { LiveHub } from '../core/pipeline/live-hub.js';
import type { IpcMainInvokeEventLike, IpcMainLike, WebContentsLike } from './electron-types.js';

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export interface IpcTransportOptions {
  ipcMain: IpcMainLike;
  handlers: ApiHandlers;
  auth: AuthService;
  hub: LiveHub;
  log: Logger;
  /** Only frames loaded from the app's own files may call the core. */
  isTrustedFrame: (url: string) => boolean;
  /** Live events are sent in batches at this interval, ms. */
  batchIntervalMs?: number;
  /** At most this many events per batch; the rest are dropped and counted (the UI shows it). */
  maxBatch?: number;
}

/**
 * Electron IPC transport of the contract: one `ipcMain.handle` per API method, channel names
 * derived from the method list, errors returned as values (Electron flattens thrown errors to
 * text), and live events pushed to each subscribed renderer in bounded batches.
 */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  const { ipcMain, handlers, auth, hub, log } = options;
  const batchIntervalMs = options.batchIntervalMs ?? 100;
  const maxBatch = options.maxBatch ?? 2000;
  const subscribers = new Map<number, { contents: WebContentsLike; queue: LiveEvent[]; dropped: number; unsubscribe: () => void }>();

  const guard = (event: IpcMainInvokeEventLike): boolean => {
    const url = event.senderFrame?.url;
    if (url && options.isTrustedFrame(url)) return true;
    log.warn('IPC call from an untrusted frame refused', { url });
    return false;
  };

  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannelFor(method), async (event, params, token): Promise<IpcReply> => {
      if (!guard(event)) return { ok: false, error: new ApiError('forbidden', 'untrusted frame').toBody() };
      try {
        const result = await dispatchApiCall(handlers, auth, log, method, params ?? undefined, typeof token === 'string' ? token : null, 'ipc');
        return { ok: true, result };
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError('internal', 'internal error');
        return { ok: false, error: apiError.toBody() };
      }
    });
  }

  ipcMain.handle(IPC_LIVE_START_CHANNEL, async (event, token) => {
    if (!guard(event) || typeof token !== 'string' || !auth.authenticate(token)) return false;
    const contents = event.sender;
    if (subscribers.has(contents.id)) return true;
    const entry = {
      contents,
      queue: [] as LiveEvent[],
      dropped: 0,
      unsubscribe: hub.subscribe((liveEvent) => {
        if (entry.queue.length >= maxBatch) entry.dropped++;
        else entry.queue.push(liveEvent);
      }),
    };
    subscribers.set(contents.id, entry);
    contents.once('destroyed', () => {
      entry.unsubscribe();
      subscribers.delete(contents.id);
    });
    contents.send(IPC_LIVE_CHANNEL, [{ type: 'ready' } satisfies LiveEvent]);
    return true;
  });

  const timer = setInterval(() => {
    for (const entry of subscribers.values()) {
      if (entry.contents.isDestroyed()) continue;
      if (entry.queue.length === 0 && entry.dropped === 0) continue;
      const batch = entry.queue;
      if (entry.dropped) batch.push({ type: 'dropped', count: entry.dropped });
      entry.queue = [];
      entry.dropped = 0;
      entry.contents.send(IPC_LIVE_CHANNEL, batch);
    }
  }, batchIntervalMs);

  return () => {
    clearInterval(timer);
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannelFor(method));
    ipcMain.removeHandler(IPC_LIVE_START_CHANNEL);
    for (const entry of subscribers.values()) entry.unsubscribe();
    subscribers.clear();
  };
}
