import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { waitForPort } from './mosquitto.js';
import { tempDir } from './temp-dir.js';

/** Debian's nats-server (2.9, JetStream and the MQTT listener built in). */
export const NATS_BINARY = '/usr/sbin/nats-server';

export interface NatsNode {
  name: string;
  /** NATS client port (nats://127.0.0.1:PORT). */
  port: number;
  /** MQTT listener port (mqtt://127.0.0.1:PORT): sites publish here with QoS 1. */
  mqttPort: number;
  clusterPort: number;
  monitorPort: number;
}

export interface NatsClusterOptions {
  /** Nodes in the cluster (3 by default: JetStream's smallest fault-tolerant cluster, R3 streams). */
  nodes?: number;
  /**
   * Extra configuration put in every node's file verbatim, e.g. an `authorization { users: [...] }`
   * block giving each site its own credentials and subject permissions. Without it, anyone may connect.
   */
  extraConfig?: string;
  /**
   * Extra settings inside each node's `mqtt { }` block, e.g. `consumer_replicas: 1,
   * consumer_memory_storage: true` (each MQTT session's QoS 1 consumer one in-memory replica).
   */
  mqttConfig?: string;
}

/**
 * A real NATS JetStream cluster on loopback (three nodes by default), each node with its MQTT
 * listener on, in temp folders on free ports, for integration tests and benches. `stopNode(i)` /
 * `startNode(i)` kill and restart one node on the same ports and store (a node failure mid-run).
 */
export class NatsCluster {
  private readonly processes = new Map<number, ChildProcess>();
  readonly dir = tempDir('sc-nats-');

  private constructor(
    readonly nodes: NatsNode[],
    private readonly extraConfig: string,
    private readonly mqttConfig: string,
  ) {}

  static async start(options: NatsClusterOptions = {}): Promise<NatsCluster> {
    const count = options.nodes ?? 3;
    const nodes: NatsNode[] = [];
    for (let i = 0; i < count; i += 1) {
      nodes.push({ name: `n${i + 1}`, port: await freePort(), mqttPort: await freePort(), clusterPort: await freePort(), monitorPort: await freePort() });
    }
    const cluster = new NatsCluster(nodes, options.extraConfig ?? '', options.mqttConfig ?? '');
    await Promise.all(nodes.map((_, i) => cluster.startNode(i)));
    await cluster.waitForJetStream(20_000);
    return cluster;
  }

  /** Every node's client URL, comma-separated (what `--nats` takes). */
  get url(): string {
    return this.nodes.map((n) => `nats://127.0.0.1:${n.port}`).join(',');
  }

  mqttUrl(node = 0): string {
    return `mqtt://127.0.0.1:${this.nodes[node]!.mqttPort}`;
  }

  async startNode(index: number): Promise<void> {
    const node = this.nodes[index]!;
    const storeDir = join(this.dir, node.name);
    mkdirSync(storeDir, { recursive: true });
    const routes = this.nodes.filter((n) => n !== node).map((n) => `nats-route://127.0.0.1:${n.clusterPort}`);
    const config = [
      `server_name: ${node.name}`,
      `listen: 127.0.0.1:${node.port}`,
      `http: 127.0.0.1:${node.monitorPort}`,
      `jetstream { store_dir: "${storeDir}", max_memory_store: 256MB, max_file_store: 4GB }`,
      this.nodes.length > 1 ? `cluster { name: sc, listen: 127.0.0.1:${node.clusterPort}, routes: [${routes.join(', ')}] }` : '',
      `mqtt { listen: 127.0.0.1:${node.mqttPort}${this.mqttConfig ? `, ${this.mqttConfig}` : ''} }`,
      this.extraConfig,
    ].join('\n');
    const file = join(this.dir, `${node.name}.conf`);
    writeFileSync(file, config + '\n');
    const child = spawn(NATS_BINARY, ['-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    this.processes.set(index, child);
    try {
      await waitForPort(node.port, 10_000);
      await waitForPort(node.mqttPort, 10_000);
    } catch (error) {
      throw new Error(`nats-server ${node.name} did not start: ${(error as Error).message}\n${stderr}`);
    }
  }

  /** Kills one node (SIGKILL: a crash, not a graceful shutdown). */
  async stopNode(index: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.processes.get(index);
    this.processes.delete(index);
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((i) => this.stopNode(i, 'SIGTERM')));
  }

  /** Waits until every running node reports JetStream with a meta leader (the cluster can take streams). */
  async waitForJetStream(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const states = await Promise.all(
          [...this.processes.keys()].map(async (i) => {
            const response = await fetch(`http://127.0.0.1:${this.nodes[i]!.monitorPort}/jsz`);
            return (await response.json()) as { meta_cluster?: { leader?: string }; disabled?: boolean };
          }),
        );
        if (states.every((s) => !s.disabled && (this.nodes.length === 1 || s.meta_cluster?.leader))) return;
        last = JSON.stringify(states.map((s) => s.meta_cluster?.leader ?? null));
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`JetStream not ready after ${timeoutMs} ms (${last})`);
  }
}
