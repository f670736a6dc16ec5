import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { tempDir } from './temp-dir.js';

export const MOSQUITTO_BINARY = '/usr/sbin/mosquitto';

/**
 * A real mosquitto broker on a free loopback port, for integration tests. `stop()` and `start()`
 * again on the same port simulate a broker restart; persistence keeps QoS 1 sessions across it.
 */
export class MosquittoBroker {
  private process: ChildProcess | null = null;
  readonly dir = tempDir('sc-mosquitto-');

  private constructor(readonly port: number) {}

  static async start(): Promise<MosquittoBroker> {
    const broker = new MosquittoBroker(await freePort());
    await broker.start();
    return broker;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const config = join(this.dir, 'mosquitto.conf');
    writeFileSync(
      config,
      [
        `listener ${this.port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence true',
        `persistence_location ${this.dir}/`,
        'max_queued_messages 100000',
        'log_type error',
      ].join('\n') + '\n',
    );
    const child = spawn(MOSQUITTO_BINARY, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.process = child;
    await waitForPort(this.port, 5000);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
}
