import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/**
 * How a child is tied to the core's life so that no ffmpeg outlives it, even when the core is
 * killed with SIGKILL and runs no cleanup:
 *
 * - `pdeathsig` (Linux): run the child through util-linux `setpriv --pdeathsig SIGKILL`, which sets
 *   prctl(PR_SET_PDEATHSIG) and then execs ffmpeg in the same process. The kernel sends SIGKILL
 *   to ffmpeg the moment its parent dies. Caveat: "parent" is the thread that forked; libuv forks
 *   from the thread that calls spawn, so spawn from the core's main thread, not a worker thread.
 * - `watchdog` (any POSIX system without setpriv, e.g. macOS): a small /bin/sh wrapper starts the
 *   child in the background and checks once a second that its own parent (the core) is still its
 *   parent; when the core is gone it kills the child. Up to ~1 s later than pdeathsig.
 * - `none` (Windows, for now): plain spawn. Windows needs a job object with
 *   JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, which Node does not expose; left for the Electron build.
 *
 * Why not the simpler options: `/bin/sh -c ffmpeg …` dies alone and leaves ffmpeg running; ffmpeg
 * does not exit on stdin EOF (it only reads keys such as 'q' from stdin); ffmpeg does die of a
 * broken stdout pipe, but only when it next writes, and a ffmpeg still connecting to an
 * unreachable camera writes nothing for the whole socket timeout.
 *
 * Either way the child leads its own process group (detached), so `killGroup` reaches the
 * wrapper and ffmpeg together, and a Ctrl-C in the core's terminal is the core's to handle.
 */
export type SpawnGuard = 'pdeathsig' | 'watchdog' | 'none';

const SETPRIV = '/usr/bin/setpriv';

export function defaultGuard(): SpawnGuard {
  if (process.platform === 'win32') return 'none';
  if (process.platform === 'linux' && isExecutable(SETPRIV)) return 'pdeathsig';
  return 'watchdog';
}

// $1 is the parent pid to watch; the rest is the command. `kill -0` alone would be fooled by a
// reused pid, so compare this shell's current parent with the original one instead.
const WATCHDOG_SCRIPT = [
  'core=$1; shift',
  '"$@" & child=$!',
  "trap 'kill -TERM $child 2>/dev/null' TERM INT",
  'while kill -0 $child 2>/dev/null; do',
  '  if [ "$(ps -o ppid= -p $$ | tr -d " ")" != "$core" ]; then kill -KILL $child 2>/dev/null; break; fi',
  '  sleep 1',
  'done',
  'wait $child',
].join('\n');

export function guardedSpawn(command: string, args: readonly string[], guard: SpawnGuard = defaultGuard()): ChildProcessWithoutNullStreams {
  const options = { stdio: 'pipe' as const, detached: process.platform !== 'win32' };
  switch (guard) {
    case 'pdeathsig':
      return spawn(SETPRIV, ['--pdeathsig', 'SIGKILL', '--', command, ...args], options);
    case 'watchdog':
      return spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'video-watchdog', String(process.pid), command, ...args], options);
    case 'none':
      return spawn(command, [...args], options);
  }
}

/** Signals the child's whole process group (wrapper and ffmpeg); falls back to the child alone. */
export function killGroup(child: { pid?: number | undefined; kill(signal?: NodeJS.Signals): boolean }, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
