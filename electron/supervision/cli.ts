/**
 * `npm run supervise -- …`: the supervision service (#13) and its admin commands. See
 * cli-options.ts for the usage and README "Supervision platform" for how the parts fit.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { z } from 'zod';
import { parseSuperviseArgs, SUPERVISE_USAGE } from './cli-options.js';
import { migratePg } from './pg-migrations.js';
import { startSupervision } from './service.js';
import { natsAuthorization, registerSites, siteRegistrationSchema } from './site-registration.js';

const log = (level: 'info' | 'warn' | 'error', message: string) => process.stderr.write(`${new Date().toISOString()} ${level} supervision: ${message}\n`);

function readSites(file: string) {
  const parsed = z.array(siteRegistrationSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a list of sites: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

async function main(): Promise<void> {
  const command = parseSuperviseArgs(process.argv.slice(2));
  if (command.command === 'register-sites') {
    const pool = new pg.Pool({ connectionString: command.pgUrl, max: 1 });
    try {
      await migratePg(pool);
      const sites = readSites(command.file);
      await registerSites(pool, sites);
      log('info', `${sites.length} site(s) registered`);
    } finally {
      await pool.end();
    }
    return;
  }
  if (command.command === 'nats-auth') {
    const sites = readSites(command.file);
    const missing = sites.filter((s) => !s.password).map((s) => s.id);
    if (missing.length > 0) throw new Error(`Sites without a password in ${command.file}: ${missing.join(', ')}. Give each one of at least 16 characters.`);
    let password = process.env.SC_NATS_PASSWORD ?? '';
    if (!password) {
      password = randomBytes(18).toString('base64url');
      log('warn', `SC_NATS_PASSWORD not set: generated the service's password; set SC_NATS_PASSWORD=${password} where the service runs`);
    }
    process.stdout.write(natsAuthorization({ user: command.serviceUser, password }, sites.map((s) => ({ id: s.id, password: s.password! }))));
    return;
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const service = await startSupervision({
    natsUrls: command.natsUrls,
    natsUser: process.env.SC_NATS_USER || undefined,
    natsPassword: process.env.SC_NATS_PASSWORD || undefined,
    pgUrl: command.pgUrl,
    host: command.host,
    port: command.port,
    mqttUrls: command.mqttUrls,
    staticRoot: join(root, 'renderer', 'dist'),
    log,
  });
  // The line tests and scripts wait for.
  process.stdout.write(`supervision listening on ${service.authority.url}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', `${signal}: stopping (buffered messages are written and acked first)`);
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    void service.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Supervision service: ${(error as Error).message}\n\n${SUPERVISE_USAGE}\n`);
  process.exit(1);
});
