import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverOnvifDevices } from '../../electron/core/onvif/ws-discovery.js';
import { DiscoveryResponder } from '../../electron/core/sim/onvif/discovery-responder.js';
import { removeTempDirs, tempDir } from '../helpers/temp-dir.js';

/**
 * WS-Discovery: first unicast on loopback (runs everywhere), then the real thing, multicast to
 * 239.255.255.250:3702, inside a network namespace of the test's own (its own loopback with a
 * multicast route, so nothing leaves it and nothing outside answers): two simulated cameras answer
 * both probes twice, a noisy listener answers garbage and stray matches, and the probe finds
 * exactly the two cameras with their names and hardware, then reads one's device information.
 */
const CHILD = fileURLToPath(new URL('../helpers/onvif-discovery-child.ts', import.meta.url));

describe('WS-Discovery over unicast loopback', () => {
  it('merges duplicate answers by endpoint and reads name and hardware scopes', async () => {
    const responder = await DiscoveryResponder.start(
      [
        { endpoint: 'urn:uuid:a', xaddr: 'http://127.0.0.1:8080/onvif/device_service', name: '东门 East gate', hardware: 'DS-2DE4425' },
        { endpoint: 'urn:uuid:b', xaddr: 'http://127.0.0.1:8081/onvif/device_service', name: 'Tower', hardware: 'SD-49' },
      ],
      { port: 0, host: '127.0.0.1', joinGroup: false },
    );
    try {
      const found = await discoverOnvifDevices({ timeoutMs: 300, target: { address: '127.0.0.1', port: responder.port } });
      found.sort((x, y) => x.endpoint.localeCompare(y.endpoint));
      expect(found).toHaveLength(2); // four answers each (two probe types, sent twice), one device each
      expect(found[0]).toMatchObject({ endpoint: 'urn:uuid:a', xaddrs: ['http://127.0.0.1:8080/onvif/device_service'], name: '东门 East gate', hardware: 'DS-2DE4425', address: '127.0.0.1' });
      expect(found[1]?.name).toBe('Tower');
    } finally {
      await responder.stop();
    }
  });
});

/** `ip netns` needs root (or CAP_NET_ADMIN) and iproute2; without them the namespace test says so and skips. */
const NAMESPACE = `sc-onvif-${process.pid}-${randomBytes(3).toString('hex')}`;
let netnsError: string | undefined;
try {
  // Added and deleted at once: the namespace itself is made in beforeAll, so a skipped run leaves none.
  execFileSync('ip', ['netns', 'add', NAMESPACE], { stdio: 'pipe' });
  execFileSync('ip', ['netns', 'delete', NAMESPACE], { stdio: 'pipe' });
} catch (error) {
  netnsError = String((error as { stderr?: Buffer }).stderr ?? error).trim();
}
if (netnsError) console.warn(`Skipping the WS-Discovery network-namespace test: 'ip netns add' failed (${netnsError}). It needs root and iproute2.`);

describe.skipIf(netnsError !== undefined)('WS-Discovery multicast inside a network namespace', () => {
  const children: ChildProcess[] = [];
  let bundle = '';

  const inNamespace = (...args: string[]): string => execFileSync('ip', ['netns', 'exec', NAMESPACE, ...args], { encoding: 'utf8', stdio: 'pipe' });

  function start(mode: string, arg = ''): Promise<ChildProcess> {
    const child = spawn('ip', ['netns', 'exec', NAMESPACE, process.execPath, bundle, mode, arg], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('READY')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`${mode} exited with ${code}: ${err}`)));
    });
  }

  beforeAll(async () => {
    execFileSync('ip', ['netns', 'add', NAMESPACE], { stdio: 'pipe' });
    inNamespace('ip', 'link', 'set', 'lo', 'up');
    inNamespace('ip', 'link', 'set', 'lo', 'multicast', 'on');
    inNamespace('ip', 'route', 'add', '239.0.0.0/8', 'dev', 'lo');
    bundle = join(tempDir('sc-onvif-'), 'discovery-child.mjs');
    await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' });
    await Promise.all([start('cameras', '2'), start('noise')]);
  });

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    try {
      execFileSync('ip', ['netns', 'delete', NAMESPACE], { stdio: 'pipe' });
    } finally {
      removeTempDirs();
    }
  });

  it('finds both cameras once each, ignores garbage and stray answers, and reaches a found camera', () => {
    const out = inNamespace(process.execPath, bundle, 'probe', '800');
    const { found, info } = JSON.parse(out) as {
      found: Array<{ endpoint: string; xaddrs: string[]; name?: string; hardware?: string; types: string[] }>;
      info?: { model: string };
    };
    expect(found.map((d) => [d.endpoint, d.name, d.hardware])).toEqual([
      ['urn:uuid:00000000-0000-4000-8000-000000000001', '塔吊 1 号 Crane 1', 'SimCam-1'],
      ['urn:uuid:00000000-0000-4000-8000-000000000002', '塔吊 2 号 Crane 2', 'SimCam-2'],
    ]);
    expect(found.every((d) => d.xaddrs.length === 1 && d.xaddrs[0]!.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(found[0]?.types).toEqual(['dn:NetworkVideoTransmitter', 'tds:Device']);
    expect(info?.model).toBe('SimCam-1');
  });
});
