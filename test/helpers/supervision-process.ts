import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const SUPERVISE_JS = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'supervision', 'cli.js');

/** `npm run supervise` as a child process (the built service), its output captured. */
export class SupervisionProcess {
  output = '';
  url = '';
  exitCode: number | null = null;
  private readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)));
    child.stderr?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => ((this.exitCode = code ?? (signal ? -1 : null)), resolve())));
  }

  static async start(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<SupervisionProcess> {
    const child = spawn(process.execPath, [SUPERVISE_JS, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const service = new SupervisionProcess(child);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const m = /supervision listening on (\S+)/.exec(service.output);
      if (m) {
        service.url = m[1]!;
        return service;
      }
      if (service.exitCode !== null) throw new Error(`supervise exited (${service.exitCode}):\n${service.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    child.kill('SIGKILL');
    throw new Error(`supervise did not start in ${timeoutMs} ms:\n${service.output}`);
  }

  get alive(): boolean {
    return this.exitCode === null;
  }

  /** SIGKILL (a crash) or SIGTERM (a graceful stop); resolves once it exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.exitCode !== null) return;
    this.child.kill(signal);
    await this.exited;
  }
}
