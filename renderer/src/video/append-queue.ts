/**
 * The bounded queue between the video socket and a SourceBuffer (which takes one append at a
 * time). It never grows without end: past its limits it reports overflow and the player resyncs
 * (reconnects; the core starts a late joiner at a keyframe). Drops are counted for the readout.
 */
export class AppendQueue {
  private items: ArrayBuffer[] = [];
  private bytes = 0;
  /** Fragments thrown away on overflow since the player started. */
  dropped = 0;

  constructor(
    readonly maxItems = 90,
    readonly maxBytes = 8 * 1024 * 1024,
  ) {}

  get length(): number {
    return this.items.length;
  }

  get size(): number {
    return this.bytes;
  }

  /** Adds a fragment; returns false (and empties the queue) when the limits would be passed. */
  push(item: ArrayBuffer): boolean {
    if (this.items.length + 1 > this.maxItems || this.bytes + item.byteLength > this.maxBytes) {
      this.dropped += this.items.length + 1;
      this.clear();
      return false;
    }
    this.items.push(item);
    this.bytes += item.byteLength;
    return true;
  }

  shift(): ArrayBuffer | undefined {
    const item = this.items.shift();
    if (item) this.bytes -= item.byteLength;
    return item;
  }

  clear(): void {
    this.items = [];
    this.bytes = 0;
  }
}
