import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, RateLimitedLog } from '../../../electron/core/log/logger.js';
import { RotatingFile } from '../../../electron/core/log/rotating-file.js';
import { ServiceRegistry, type Service } from '../../../electron/core/services/service-registry.js';
import { removeTempDirs, tempDir } from '../../helpers/temp-dir.js';

afterEach(removeTempDirs);
const quiet = createLogger({ consoleLevel: 'error', consoleWrite: () => undefined });

describe('rotating log file', () => {
  it('writes JSON lines and rolls over at the size limit keeping N files', () => {
    const dir = tempDir();
    const file = join(dir, 'x.log');
    const rotating = new RotatingFile(file, 1000, 2);
    const log = createLogger({ file: rotating, consoleWrite: () => undefined });
    for (let i = 0; i < 60; i++) log.info('reading stored', { i, device: 'crane-1' });
    rotating.close();
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1]!);
    expect(last).toMatchObject({ level: 'info', scope: 'core', msg: 'reading stored', i: 59, device: 'crane-1' });
    expect(readFileSync(file).length).toBeLessThanOrEqual(1000);
  });

  it('keeps an error message and code in the JSON', () => {
    const dir = tempDir();
    const rotating = new RotatingFile(join(dir, 'e.log'));
    const log = createLogger({ file: rotating, consoleWrite: () => undefined });
    const error = Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    log.error('write failed', { error });
    rotating.close();
    expect(JSON.parse(readFileSync(join(dir, 'e.log'), 'utf8'))).toMatchObject({ error: { message: 'disk full', code: 'ENOSPC' } });
  });

  it('rate-limits a repeated warning and reports how many were folded in', () => {
    const lines: string[] = [];
    let now = 0;
    const limited = new RateLimitedLog(createLogger({ consoleWrite: (l) => lines.push(l) }), 60_000, () => now);
    for (let i = 0; i < 10; i++) limited.warn('k', 'bad');
    now = 61_000;
    limited.warn('k', 'bad');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"suppressedSinceLast":9');
  });
});

describe('service registry', () => {
  function service(name: string, trace: string[], opts: { required?: boolean; fail?: boolean } = {}): Service {
    return {
      name,
      required: opts.required ?? true,
      start: async () => {
        trace.push(`start ${name}`);
        if (opts.fail) throw new Error(`${name} broke`);
      },
      stop: async () => {
        trace.push(`stop ${name}`);
      },
    };
  }

  it('starts in order and stops in reverse', async () => {
    const trace: string[] = [];
    const registry = new ServiceRegistry(quiet);
    ['store', 'broker', 'http'].forEach((n) => registry.add(service(n, trace)));
    await registry.startAll();
    expect(registry.snapshot()).toEqual({ store: 'running', broker: 'running', http: 'running' });
    await registry.stopAll();
    expect(trace).toEqual(['start store', 'start broker', 'start http', 'stop http', 'stop broker', 'stop store']);
  });

  it('goes on without a failed optional service and reports it failed', async () => {
    const trace: string[] = [];
    const registry = new ServiceRegistry(quiet);
    registry.add(service('store', trace));
    registry.add(service('mqtt', trace, { required: false, fail: true }));
    registry.add(service('http', trace));
    await registry.startAll();
    expect(registry.snapshot()).toEqual({ store: 'running', mqtt: 'failed', http: 'running' });
    expect(registry.errorOf('mqtt')).toBe('mqtt broke');
  });

  it('stops what started when a required service fails, and rethrows', async () => {
    const trace: string[] = [];
    const registry = new ServiceRegistry(quiet);
    registry.add(service('store', trace));
    registry.add(service('http', trace, { fail: true }));
    await expect(registry.startAll()).rejects.toThrow('http broke');
    expect(trace).toEqual(['start store', 'start http', 'stop store']);
  });

  it('refuses the same name twice', () => {
    const registry = new ServiceRegistry(quiet);
    registry.add(service('a', []));
    expect(() => registry.add(service('a', []))).toThrow(/twice/);
  });
});
