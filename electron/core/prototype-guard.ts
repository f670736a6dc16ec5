/**
 * Whether anything has added to or changed the built-in prototypes since the core started: a
 * parser or merge that honours `__proto__` / `constructor.prototype` in untrusted input (an MQTT
 * payload, an HJ 212 frame, an API body) would pollute every object in the process (the
 * prototype-pollution class of bugs, CWE-1321). Reported in `GET /api/health`, so a fuzzer or a
 * monitoring probe can see it from outside the process.
 */
const GUARDED: readonly object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Boolean.prototype];

/** Each guarded prototype's own keys and their values at start. */
function snapshot(): Map<PropertyKey, unknown>[] {
  return GUARDED.map((proto) => new Map(Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)?.value])));
}

const AT_START = snapshot();

/** True while every guarded prototype has exactly the keys (and data values) it had at start. */
export function prototypesIntact(): boolean {
  const now = snapshot();
  return now.every((keys, i) => {
    const before = AT_START[i]!;
    if (keys.size !== before.size) return false;
    for (const [key, value] of keys) if (!before.has(key) || before.get(key) !== value) return false;
    return true;
  });
}
