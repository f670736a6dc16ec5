/**
 * The slice of Electron's API the shell's tested modules use, as structural types. The shell is
 * typed against these rather than the `electron` package so it compiles and its logic is
 * unit-tested where the Electron binary cannot be installed (offline mirrors, CI); the real
 * module satisfies them.
 */
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  workArea: Rectangle;
}
