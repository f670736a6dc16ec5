/**
 * The slice of Electron's API the shell uses, as structural types. The shell is typed against
 * these rather than the `electron` package so it compiles and its logic is unit-tested where the
 * Electron binary cannot be installed (offline mirrors, CI); the real module satisfies them.
 */
export interface IpcMainInvokeEventLike {
  senderFrame: { url: string } | null;
  sender: WebContentsLike;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): void;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  workArea: Rectangle;
}
