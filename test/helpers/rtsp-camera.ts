import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./rtsp-camera.py', import.meta.url));
/** Debian's python3 has `gi`; the python3 on PATH may not. */
const PYTHON = process.env.RTSP_CAMERA_PYTHON ?? '/usr/bin/python3';

export interface RtspCameraOptions {
  port?: number;
  width?: number;
  height?: number;
  fps?: number;
  user?: string;
  password?: string;
  /** Which scheme the camera demands when it has a user: Basic (default) or Digest (MD5). */
  auth?: 'basic' | 'digest';
  /** The password `changePassword()` switches the camera to while it runs. */
  passwordChangeTo?: string;
  /** H.264 bitrate, kbit/s (default 800). */
  bitrate?: number;
  /** Stamp each frame with its wall-clock time in pixels (electron/common/frame-stamp.ts). */
  stamp?: boolean;
  /** Video codec (default H.264). A codec change mid-stream is `reconfigure({ codec: 'h265' })`: a restart on the same URL. */
  codec?: 'h264' | 'h265';
  /** Seconds between keyframes (default 1); 10 makes a viewer that joins mid-GOP wait up to 10 s. */
  gopSec?: number;
  /** B-frames between reference frames (default 0: x264 zerolatency, baseline). */
  bframes?: number;
  /** Renegotiates the picture size mid-stream: `afterSec` after the camera starts, or at `resizeNow()` (later viewers get the new size). */
  resize?: { afterSec?: number; width: number; height: number };
}

/** Re-exported so camera tests get both from one helper. */
export { freePort } from './free-port.js';
import { freePort } from './free-port.js';

/** The GStreamer RTSP test camera (test/helpers/rtsp-camera.py) as a start/stop/restart handle. */
export class RtspCamera {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly options: RtspCameraOptions,
  ) {}

  static async start(options: RtspCameraOptions = {}): Promise<RtspCamera> {
    const camera = new RtspCamera(options.port ?? (await freePort()), { ...options });
    await camera.launch();
    return camera;
  }

  /** `rtsp://[user:pass@]127.0.0.1:PORT/cam`; pass credentials to override the camera's own. */
  url(credentials?: { user: string; password: string }, path = '/cam'): string {
    const auth = credentials ?? (this.options.user ? { user: this.options.user, password: this.options.password ?? '' } : undefined);
    const userinfo = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@` : '';
    return `rtsp://${userinfo}127.0.0.1:${this.port}${path}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Restarts the camera on the same port with changed options (a new codec, GOP, size…). */
  async reconfigure(change: Partial<RtspCameraOptions>): Promise<void> {
    await this.stop();
    Object.assign(this.options, change);
    await this.launch();
  }

  /** Changes the picture size now to `resize`'s (the option must be given; SIGHUP). */
  resizeNow(): void {
    if (this.child) process.kill(this.child.pid!, 'SIGHUP');
  }

  /**
   * Changes the camera's password to `passwordChangeTo` now (SIGWINCH), as an admin would on the
   * camera's own page: new requests need it, sessions already playing keep streaming. Resolves
   * once the camera has made the change; `url()` then carries the new password.
   */
  async changePassword(): Promise<void> {
    const child = this.child;
    const next = this.options.passwordChangeTo;
    if (!child || next === undefined) throw new Error('changePassword needs a running camera started with passwordChangeTo');
    const changed = new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        if (!chunk.toString().includes('PASSWORD CHANGED')) return;
        child.stdout!.off('data', onData);
        resolve();
      };
      child.stdout!.on('data', onData);
    });
    process.kill(child.pid!, 'SIGWINCH');
    await changed;
    this.options.password = next;
    this.options.passwordChangeTo = undefined;
  }

  /** Stops sending video (every raw frame dropped before the encoder); the RTSP session stays up. */
  stall(): void {
    if (this.child) process.kill(this.child.pid!, 'SIGUSR1');
  }

  /** Sends video again after `stall` (P-frames continue; the next keyframe follows within the GOP). */
  resume(): void {
    if (this.child) process.kill(this.child.pid!, 'SIGUSR2');
  }

  /** Starts the server again on the same port (after `stop`). */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(forced);
  }

  private async launch(): Promise<void> {
    const { width = 640, height = 360, fps = 15, user, password, auth, bitrate, stamp, codec, gopSec, bframes, resize } = this.options;
    const args = [SCRIPT, '--port', String(this.port), '--width', String(width), '--height', String(height), '--fps', String(fps)];
    if (bitrate !== undefined) args.push('--bitrate', String(bitrate));
    if (stamp) args.push('--stamp');
    if (codec) args.push('--codec', codec);
    if (gopSec !== undefined) args.push('--gop-seconds', String(gopSec));
    if (bframes !== undefined) args.push('--bframes', String(bframes));
    if (resize) args.push('--resize-to', `${resize.width}x${resize.height}`);
    if (resize?.afterSec !== undefined) args.push('--resize-after', String(resize.afterSec));
    if (user !== undefined) args.push('--user', user, '--password', password ?? '', '--auth', auth ?? 'basic');
    if (user !== undefined && this.options.passwordChangeTo !== undefined) args.push('--password-change-to', this.options.passwordChangeTo);
    const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    await new Promise<void>((resolve, reject) => {
      // Binding the port right after the previous server closed may take a few tries.
      const timer = setTimeout(() => fail(new Error(`RTSP camera did not print READY within 10 s: ${stderr}`)), 10_000);
      let out = '';
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(error);
      };
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        if (!out.includes('READY')) fail(new Error(`RTSP camera exited with code ${code}: ${stderr}`));
      });
    });
  }
}

// --- Process checks for tests that start cameras and ffmpeg (kept here: this helper is the video tests' shared file).

/** Pids of running processes whose command line contains `needle` (read from /proc). */
export function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Zombies have exited; only their parent's wait is missing.
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // Gone between readdir and read.
    }
  }
  return pids;
}

/** ffmpeg processes (not wrappers) reading `url`. */
export function ffmpegsFor(url: string): number[] {
  return processesWith(url).filter((pid) => {
    try {
      const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      return argv0.endsWith('ffmpeg');
    } catch {
      return false;
    }
  });
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs: number, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
