import type { LiveEvent } from '../../common/api.js';

export type LiveListener = (event: LiveEvent) => void;

/** Fan-out of live events to every connected UI. Each transport bounds its own client queues. */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken client must not stop the others; transports log their own failures.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
