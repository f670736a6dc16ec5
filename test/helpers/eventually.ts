/**
 * Reads every `intervalMs` until `ok` holds or `timeoutMs` has passed, and returns the last value
 * read either way: the test's own `expect` then says what it saw, not just "timed out".
 */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 8000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, intervalMs));
    value = await read();
  }
  return value;
}
