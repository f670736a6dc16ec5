import type { LiveEvent } from '../../common/api.js';
import type { SourceStatus } from '../../common/site.js';

export type LiveListener = (event: LiveEvent) => void;

/** Fan-out of live events to every connected UI. Each transport bounds its own client queues. */
export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  /** Each source's latest status, for a socket that joins later (see `opening`). */
  private readonly sources = new Map<string, SourceStatus>();

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * What a new socket is sent before `ready`: the sources' current statuses. The page's REST
   * snapshot and the socket travel separately, so a snapshot answered before a change can arrive
   * after it; on the socket, the statuses come in order with every later change.
   */
  opening(): LiveEvent[] {
    return [...this.sources.values()].map((source) => ({ type: 'source', source }));
  }

  publish(event: LiveEvent): void {
    if (event.type === 'source') this.sources.set(event.source.id, event.source);
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
