/**
 * Drops a reading already seen: QoS 1 delivers "at least once", and a device or gateway that
 * reconnects may resend its buffer. Same device, same timestamp, same values = the same reading.
 * Remembers the last `perDevice` readings of each device (bounded memory per device).
 */
export class DuplicateFilter {
  private readonly recent = new Map<string, { keys: Set<string>; order: string[] }>();

  constructor(private readonly perDevice = 64) {}

  /** True when this reading was seen recently (and so should be dropped). */
  seen(deviceId: string, ts: number, values: unknown): boolean {
    const key = `${ts}|${JSON.stringify(values)}`;
    let entry = this.recent.get(deviceId);
    if (!entry) this.recent.set(deviceId, (entry = { keys: new Set(), order: [] }));
    if (entry.keys.has(key)) return true;
    entry.keys.add(key);
    entry.order.push(key);
    if (entry.order.length > this.perDevice) entry.keys.delete(entry.order.shift()!);
    return false;
  }
}
