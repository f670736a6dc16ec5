import { randomInt } from 'node:crypto';

/**
 * Draws `count` distinct question ids at random (a partial Fisher–Yates shuffle, Knuth vol. 2
 * §3.4.2), so two workers side by side rarely see the same paper and no question repeats within
 * one. `pick(n)` returns an integer in [0, n); the default is the CSPRNG, tests pass their own.
 */
export function drawQuestions(ids: readonly number[], count: number, pick: (n: number) => number = randomInt): number[] {
  const pool = [...new Set(ids)];
  const take = Math.max(0, Math.min(count, pool.length));
  for (let i = 0; i < take; i++) {
    const j = i + pick(pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take);
}
