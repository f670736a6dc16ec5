/**
 * The site core as a supervised child process (see supervisor/core-supervisor.ts): waits for its
 * configuration on the IPC channel, starts, reports where it listens, and stops when told to or
 * when the supervisor goes away. A fault it did not expect is logged with its context and ends
 * the process, so the supervisor starts a clean core instead of one in an unknown state (Node's
 * documentation on 'uncaughtException': "it is not safe to resume normal operation").
 */
import { randomUUID } from 'node:crypto';
import { PortInUseError } from '../api/http-server.js';
import { SiteCore } from '../site-core.js';
import { DataDirectoryError } from '../store/database.js';
import { HandedKeySealer } from '../supervisor/handed-key-sealer.js';
import { isSupervisorMessage, type CoreChildConfig, type CoreToSupervisor } from '../supervisor/messages.js';
import { lanCertificate, TlsFileError } from '../tls/lan-certificate.js';
import { isLoopbackHost } from './command-line.js';

/** Exit status after an unexpected fault (BSD sysexits EX_SOFTWARE): the supervisor restarts the core. */
const EXIT_FAULT = 70;
const EXIT_START_PROBLEM = 2;

const bootId = randomUUID();
let core: SiteCore | null = null;
let stopping = false;

function send(message: CoreToSupervisor): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected) return resolve();
    process.send!(message, undefined, {}, () => resolve());
  });
}

function fault(origin: string) {
  return (error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error));
    const context = { origin, bootId, pid: process.pid, uptimeS: Math.round(process.uptime()), error: err };
    try {
      core?.log.error('unexpected fault; the core exits and its supervisor restarts it', context);
    } catch {
      // The logger itself failed; stderr below still says it.
    }
    process.stderr.write(`Site Command core: unexpected ${origin}: ${err.stack ?? err.message}\n`);
    process.exit(EXIT_FAULT);
  };
}
process.on('uncaughtException', fault('uncaughtException'));
process.on('unhandledRejection', fault('unhandledRejection'));

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 9_000);
  force.unref();
  try {
    await core?.stop();
    process.exit(0);
  } catch {
    process.exit(1);
  }
}

async function start(config: CoreChildConfig): Promise<void> {
  try {
    const tls = await lanCertificate(config.tls, config.dataDir, config.host);
    core = new SiteCore({
      siteDir: config.siteDir,
      dataDir: config.dataDir,
      host: config.host,
      port: config.port,
      simulate: config.simulate,
      incidents: config.incidents,
      staticRoot: config.staticRoot,
      ...(config.mqttUrl ? { mqttUrl: config.mqttUrl } : {}),
      ...(config.hj212Port !== undefined ? { hj212Port: config.hj212Port } : {}),
      ...(config.hj212Host ? { hj212Host: config.hj212Host } : {}),
      ...(config.adminPassword ? { adminPassword: config.adminPassword } : {}),
      ...(config.vaultKey ? { sealer: new HandedKeySealer(config.vaultKey) } : {}),
      ...(tls ? { tls } : {}),
      unencryptedLan: !tls && !isLoopbackHost(config.host),
      wallOrigins: config.wallOrigins,
      bootId,
      announce: (line) => void send({ type: 'announce', line }),
    });
    await core.start();
    if (stopping) return;
    const url = core.url!;
    await send({
      type: 'listening',
      url,
      port: Number(new URL(url).port),
      bootId,
      pid: process.pid,
      ...(tls ? { fingerprint: tls.fingerprint, selfSigned: tls.selfSigned } : {}),
      problems: core.loaded.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`),
    });
  } catch (error) {
    if (error instanceof PortInUseError || error instanceof DataDirectoryError || error instanceof TlsFileError) {
      await send({ type: 'fatal', message: error.message });
      process.exit(EXIT_START_PROBLEM);
    }
    throw error;
  }
}

process.on('message', (message: unknown) => {
  if (!isSupervisorMessage(message)) return;
  if (message.type === 'stop') void stop();
  else if (!core && !stopping) start(message.config).catch(fault('start-up failure'));
});
// The supervisor is gone (killed, or the desktop app quit): no orphan core holding the port.
process.on('disconnect', () => void stop());
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
