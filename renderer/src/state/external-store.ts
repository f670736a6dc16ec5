/**
 * A tiny keyed external store for `useSyncExternalStore`: a burst of readings for one device
 * re-renders only the components reading that device (Frigate's per-topic stores).
 */
export class KeyedStore<V> {
  private readonly values = new Map<string, V>();
  private readonly keyListeners = new Map<string, Set<() => void>>();
  private readonly allListeners = new Set<() => void>();
  private version = 0;

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  set(key: string, value: V): void {
    this.values.set(key, value);
    this.version++;
    this.keyListeners.get(key)?.forEach((l) => l());
    this.allListeners.forEach((l) => l());
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  /** Changes on every set; lets list views subscribe to "anything changed". */
  getVersion(): number {
    return this.version;
  }

  subscribeKey(key: string, listener: () => void): () => void {
    let set = this.keyListeners.get(key);
    if (!set) this.keyListeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  subscribeAll(listener: () => void): () => void {
    this.allListeners.add(listener);
    return () => this.allListeners.delete(listener);
  }
}

/** A single value with subscribers. */
export class ValueStore<V> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: V) {}

  get = (): V => this.value;

  set(value: V): void {
    this.value = value;
    this.listeners.forEach((l) => l());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
