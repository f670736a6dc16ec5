import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { tempDir } from './temp-dir.js';

/** Debian's PostgreSQL 15 (package postgresql-15; PostGIS from postgresql-15-postgis-3). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/**
 * A real PostgreSQL 15 with PostGIS available, in a temp folder on a free loopback port, for
 * integration tests and benches. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to the `postgres` user Debian's package creates and every server command runs as it
 * (`runuser`); as anyone else it runs as that user. Nothing depends on a server left running on
 * the machine. fsync is off: a test cluster needs no crash safety, and the tests' `stop()` /
 * `start()` is a clean shutdown (the supervision service's restart tests kill the service, not
 * the database).
 */
export class PostgresServer {
  private running = false;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(options: { database?: string } = {}): Promise<PostgresServer> {
    if (!existsSync(join(POSTGRES_BIN, 'initdb'))) {
      throw new Error(`PostgreSQL 15 is not installed (${POSTGRES_BIN}/initdb): apt-get install -y postgresql-15 postgresql-15-postgis-3`);
    }
    const dir = tempDir('sc-pg-');
    if (isRoot()) chownSync(dir, postgresUid(), postgresGid());
    const server = new PostgresServer(dir, await freePort());
    server.asServerUser('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    server.start();
    if (options.database) server.sql('postgres', `CREATE DATABASE "${options.database}"`);
    return server;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** postgres://postgres@127.0.0.1:PORT/DATABASE (trust auth on loopback; tests only). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    this.asServerUser('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-o', options, '-w', '-t', '30', 'start']);
    this.running = true;
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.asServerUser('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
  }

  /** Runs SQL through psql as the superuser (set-up such as CREATE DATABASE; not for test assertions). */
  sql(database: string, statement: string): string {
    return this.asServerUser('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', statement]);
  }

  private asServerUser(tool: string, args: string[]): string {
    const command = join(POSTGRES_BIN, tool);
    const result = isRoot()
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${tool} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || '').trim().slice(0, 2000)}`);
    }
    return result.stdout.trim();
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUid(): number {
  return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
}

function postgresGid(): number {
  return Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
}
