import { fork, type ChildProcess } from 'node:child_process';
import { isCoreMessage, type CoreChildConfig, type CoreListening, type CoreToSupervisor } from './messages.js';
import { DEFAULT_RESTART_BACKOFF, RestartBackoff, type RestartBackoffPolicy } from './restart-backoff.js';

/** The core could not start for a reason the operator must fix (exit status 2, no restart loop). */
export class CoreStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoreStartError';
  }
}

export interface CoreSupervisorOptions {
  /** The built core entry (dist/electron/core/cli/core-child.js). */
  entry: string;
  config: CoreChildConfig;
  /** `process.execPath`: Node for `serve`, the Electron binary for the desktop app (with ELECTRON_RUN_AS_NODE=1 in env). */
  execPath?: string;
  env?: NodeJS.ProcessEnv;
  backoff?: RestartBackoffPolicy;
  /**
   * Keep a second core process loaded and idle, so a restart skips loading the code (seconds on
   * a busy wall PC) and only opens the database and services. Default true.
   */
  warmSpare?: boolean;
  /** The spare is loaded this long after a core starts listening, so it does not slow that core's first seconds, ms (default 3000). */
  spareDelayMs?: number;
  /** A graceful stop that takes longer than this is ended with SIGKILL, ms. */
  stopTimeoutMs?: number;
  /** A line for the person at the console (first-start admin password). */
  onAnnounce: (line: string) => void;
  /** Every start of the core, the first included (`first` says which). */
  onListening?: (info: CoreListening, first: boolean) => void;
  /** The core died unexpectedly and comes back after `delayMs`. */
  onRestart?: (reason: string, delayMs: number) => void;
}

/**
 * Runs the site core in a child process and keeps it running: an unexpected exit is restarted
 * (crash-loop backoff), on the same port, while the supervisor itself holds no site state and so
 * has nothing to crash on. The same code runs under `serve` (Node) and in the desktop app's main
 * process (the Electron binary as Node), so the shipped path is the tested one. The pattern is
 * Erlang/OTP's supervisor and VS Code's out-of-process extension host.
 */
export class CoreSupervisor {
  private child: ChildProcess | null = null;
  private spare: ChildProcess | null = null;
  private spareTimer: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly backoff: RestartBackoff;
  private upSince: number | null = null;
  private firstStart: { resolve: (info: CoreListening) => void; reject: (error: Error) => void } | null = null;
  private everUp = false;
  private current: CoreListening | null = null;
  private readonly config: CoreChildConfig;

  constructor(private readonly options: CoreSupervisorOptions) {
    this.config = { ...options.config };
    this.backoff = new RestartBackoff(options.backoff ?? DEFAULT_RESTART_BACKOFF);
  }

  /** Where the console is now (null before the first start). */
  get listening(): CoreListening | null {
    return this.current;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Starts the core; resolves when it listens, rejects with CoreStartError for a problem the operator must fix. */
  start(): Promise<CoreListening> {
    return new Promise((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.spawn();
    });
  }

  /** Stops the core gracefully (it closes the database), then with SIGKILL after the timeout; no restart. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.dropSpare();
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.send({ type: 'stop' });
      else child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 10_000);
      await exited;
      clearTimeout(force);
    })();
    return this.stopping;
  }

  private fork(): ChildProcess {
    return fork(this.options.entry, [], {
      execPath: this.options.execPath ?? process.execPath,
      env: this.options.env ?? process.env,
      // The core's own log lines go straight to this terminal; its messages to us go over IPC.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
    });
  }

  /** The warm spare if it is alive, else a fresh process. */
  private nextChild(): ChildProcess {
    const spare = this.spare;
    this.spare = null;
    if (spare && spare.connected && spare.exitCode === null && spare.signalCode === null) {
      spare.removeAllListeners('exit');
      return spare;
    }
    return this.fork();
  }

  private scheduleSpare(): void {
    if (this.options.warmSpare === false || this.spare || this.spareTimer) return;
    this.spareTimer = setTimeout(() => {
      this.spareTimer = null;
      this.prepareSpare();
    }, this.options.spareDelayMs ?? 3000);
    this.spareTimer.unref();
  }

  private prepareSpare(): void {
    if (this.spare || this.stopping) return;
    const spare = this.fork();
    spare.on('error', () => undefined);
    spare.once('exit', () => {
      if (this.spare === spare) this.spare = null;
    });
    this.spare = spare;
  }

  private dropSpare(): void {
    if (this.spareTimer) clearTimeout(this.spareTimer);
    this.spareTimer = null;
    const spare = this.spare;
    this.spare = null;
    if (spare && spare.exitCode === null) spare.kill('SIGTERM');
  }

  private spawn(): void {
    this.restartTimer = null;
    const child = this.nextChild();
    this.child = child;
    let fatal: string | null = null;
    child.on('message', (message: unknown) => {
      if (!isCoreMessage(message)) return;
      if (message.type === 'fatal') fatal = message.message;
      else this.onMessage(message);
    });
    child.on('error', (error) => {
      // fork failed (execPath missing): there is no child to supervise.
      if (this.firstStart) this.failStart(new CoreStartError(`cannot start the site core process: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      const upMs = this.upSince === null ? 0 : Date.now() - this.upSince;
      this.upSince = null;
      if (this.stopping) return;
      if (fatal !== null && !this.everUp) {
        this.failStart(new CoreStartError(fatal));
        return;
      }
      const delay = this.backoff.next(upMs);
      const reason = fatal ?? (signal ? `killed by ${signal}` : `exited with status ${code}`);
      this.options.onRestart?.(reason, delay);
      this.restartTimer = setTimeout(() => this.spawn(), delay);
    });
    child.send({ type: 'start', config: this.config });
  }

  private onMessage(message: Exclude<CoreToSupervisor, { type: 'fatal' }>): void {
    if (message.type === 'announce') {
      this.options.onAnnounce(message.line);
      return;
    }
    const { type: _type, ...info } = message;
    const first = !this.everUp;
    this.everUp = true;
    this.upSince = Date.now();
    this.current = info;
    // `--port 0` picked a port: later cores take the same one, so clients find them again.
    this.config.port = info.port;
    this.options.onListening?.(info, first);
    this.scheduleSpare();
    if (this.firstStart) {
      this.firstStart.resolve(info);
      this.firstStart = null;
    }
  }

  private failStart(error: Error): void {
    this.firstStart?.reject(error);
    this.firstStart = null;
    this.stopping ??= Promise.resolve();
  }
}
