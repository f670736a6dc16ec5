// Shared by the MQTT benchmarks: a real mosquitto, the built core against it, a site file.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { spawnUntil, tempDir } from './lib.mjs';

export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * mosquitto on a free loopback port, configured like test/helpers/mosquitto.ts. `noDelay` turns
 * Nagle off on the broker's sockets (`set_tcp_nodelay`, off by default in mosquitto 2): with it
 * on, small messages wait for the peer's delayed ACK (up to 40 ms on Linux), which a latency
 * figure would otherwise measure instead of the code.
 */
export async function startMosquitto({ noDelay = false } = {}) {
  const port = await freePort();
  const dir = tempDir('sc-bench-mosquitto-');
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'max_queued_messages 100000', 'log_type error', ...(noDelay ? ['set_tcp_nodelay true'] : [])].join('\n') + '\n');
  const child = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { url: `mqtt://127.0.0.1:${port}`, child, dir };
}

/** A site folder listing the devices a benchmark publishes to. */
export function writeSite(devices) {
  const dir = tempDir('sc-bench-site-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'site.json'), JSON.stringify({ id: 'bench', name: 'Benchmark site', timeZone: 'Asia/Shanghai', devices }, null, 2));
  return dir;
}

/** The built core (`serve`) against an external broker, without the simulator; resolves once it is subscribed. */
export async function startCore(root, { siteDir, dataDir, mqttUrl, password = 'bench-password' }) {
  const serveJs = join(root, 'dist', 'electron', 'core', 'cli', 'serve.js');
  const args = [serveJs, '--site', siteDir, '--mqtt', mqttUrl, '--no-simulate', '--data', dataDir, '--port', '0'];
  const started = await spawnUntil(process.execPath, args, /Site Command listening on (http:\/\/\S+)/, { SITE_COMMAND_ADMIN_PASSWORD: password });
  const url = started.match[1];
  const deadline = Date.now() + 10_000;
  while (!/connected to broker/.test(started.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  // The subscription is sent right after "connected"; give the SUBACK a moment.
  await new Promise((r) => setTimeout(r, 300));
  return { child: started.child, url, output: started.output };
}

export const CRANE_READING = { loadT: 3.2, ratedLoadT: 8, momentPct: 52.5, radiusM: 30, heightM: 40, slewDeg: 123.4, windMs: 6.1, tiltDeg: 0.2 };
