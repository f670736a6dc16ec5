/**
 * How many cases a fuzz run tries and from which seed. `npm test` runs a bounded number
 * (FUZZ_RUNS unset: 20,000 in all); `npm run fuzz` sets FUZZ_RUNS, FUZZ_SEED, FUZZ_PATH and
 * FUZZ_ONLY so a long run, or the replay of one counterexample, goes through the same test.
 */
export type FuzzProperty = 'api' | 'malformed' | 'sockets';

/** Share of the run each property gets; sockets cost a handshake each, so they get fewer cases. */
const SHARES: Record<FuzzProperty, number> = { api: 0.85, malformed: 0.1, sockets: 0.05 };

export const DEFAULT_FUZZ_RUNS = 20_000;

export interface FuzzConfig {
  totalRuns: number;
  seed: number;
  /** fast-check's replay path of a counterexample (printed with it), or undefined. */
  path: string | undefined;
  only: FuzzProperty | undefined;
}

export function fuzzConfig(env: NodeJS.ProcessEnv = process.env): FuzzConfig {
  const totalRuns = env.FUZZ_RUNS ? Number(env.FUZZ_RUNS) : DEFAULT_FUZZ_RUNS;
  if (!Number.isInteger(totalRuns) || totalRuns < 1) throw new Error(`FUZZ_RUNS: expected a positive integer, got "${env.FUZZ_RUNS}"`);
  const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED: expected an integer, got "${env.FUZZ_SEED}"`);
  const only = env.FUZZ_ONLY as FuzzProperty | undefined;
  if (only !== undefined && !(only in SHARES)) throw new Error(`FUZZ_ONLY: expected one of ${Object.keys(SHARES).join(', ')}, got "${only}"`);
  return { totalRuns, seed, path: env.FUZZ_PATH || undefined, only };
}

/** Cases for one property: its share of the total, or all of it when it runs alone. */
export function runsFor(config: FuzzConfig, property: FuzzProperty): number {
  if (config.only) return config.only === property ? config.totalRuns : 0;
  return Math.max(1, Math.round(config.totalRuns * SHARES[property]));
}
