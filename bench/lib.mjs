// Shared helpers for benchmarks: spawn and time processes, read memory from /proc.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function tempDir(prefix = 'sc-bench-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Resident memory of a process in MiB, from /proc. */
export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * Resident memory of a process and its descendants in MiB, except `exclude`d programs: `serve`
 * is a supervisor with the core (and a warm spare core) as children, and ffmpeg under the core.
 */
export function treeRssMiB(pid, exclude = ['ffmpeg']) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const p = queue.pop();
    try {
      if (!exclude.includes(readFileSync(`/proc/${p}/comm`, 'utf8').trim())) total += rssMiB(p);
    } catch {
      // gone meanwhile
    }
    queue.push(...(children.get(p) ?? []));
  }
  return total;
}

/** Spawns a process and resolves once `pattern` appears in its output, with the time it took. */
export function spawnUntil(cmd, args, pattern, env = {}, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timeout waiting for ${pattern}: ${output}`));
    }, timeoutMs);
    const onData = (d) => {
      output += d.toString();
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve({ child, match: m, ms: performance.now() - started, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (output += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before ${pattern}: ${output}`));
    });
  });
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** Polls a URL until it answers 200; returns ms since `since`. */
export async function firstOk(url, since, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return performance.now() - since;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url} never answered`);
}

/** A free TCP port on loopback (closed again before it is returned). */
export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Polls `test` every `intervalMs` until it holds; throws after `timeoutMs`. */
export async function until(what, test, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Frames in one moof+mdat from the core's video socket: the sample count of its `trun` box(es). */
export function samplesIn(buffer) {
  let frames = 0;
  for (let at = buffer.indexOf('trun'); at >= 4; at = buffer.indexOf('trun', at + 4)) frames += buffer.readUInt32BE(at + 8);
  return frames;
}
