import type { PtzVector } from '../../onvif/onvif-types.js';

/** A position in the ONVIF generic spaces: pan, tilt in [-1, 1], zoom in [0, 1]. */
export interface PtzPosition {
  pan: number;
  tilt: number;
  zoom: number;
}

/** Generic-space units per second at velocity 1 (a full pan sweep of 2 units in 4 s, like a fast dome). */
const UNITS_PER_SECOND = 0.5;

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/**
 * The simulated camera's PTZ head: where it points, how it moves (ContinuousMove integrates the
 * velocity over time, clamped at the space's limits, until Stop or the move's timeout), and its
 * presets. Time comes from `now` so tests can step it.
 */
export class PtzHead {
  private origin: PtzPosition = { pan: 0, tilt: 0, zoom: 0 };
  private velocity: PtzPosition = { pan: 0, tilt: 0, zoom: 0 };
  private since: number;
  private until = Number.POSITIVE_INFINITY;
  private readonly presets = new Map<string, { name: string; position: PtzPosition }>();
  private nextPreset = 1;

  constructor(
    private readonly now: () => number = Date.now,
    /** Most presets the head stores (ONVIF PTZ §5.3.3: MaximumNumberOfPresets). */
    readonly maxPresets = 32,
  ) {
    this.since = now();
  }

  position(): PtzPosition {
    const t = Math.min(this.now(), this.until);
    const dt = Math.max(0, (t - this.since) / 1000) * UNITS_PER_SECOND;
    return {
      pan: clamp(this.origin.pan + this.velocity.pan * dt, -1, 1),
      tilt: clamp(this.origin.tilt + this.velocity.tilt * dt, -1, 1),
      zoom: clamp(this.origin.zoom + this.velocity.zoom * dt, 0, 1),
    };
  }

  moving(): boolean {
    const v = this.velocity;
    return (v.pan !== 0 || v.tilt !== 0 || v.zoom !== 0) && this.now() < this.until;
  }

  move(velocity: PtzVector, timeoutMs?: number): void {
    this.origin = this.position();
    this.since = this.now();
    this.velocity = { pan: clamp(velocity.pan ?? 0, -1, 1), tilt: clamp(velocity.tilt ?? 0, -1, 1), zoom: clamp(velocity.zoom ?? 0, -1, 1) };
    this.until = timeoutMs !== undefined ? this.since + timeoutMs : Number.POSITIVE_INFINITY;
  }

  stop(): void {
    this.move({});
  }

  goTo(position: PtzPosition): void {
    this.stop();
    this.origin = { ...position };
  }

  listPresets(): Array<{ token: string; name: string; position: PtzPosition }> {
    return [...this.presets].map(([token, p]) => ({ token, name: p.name, position: { ...p.position } }));
  }

  preset(token: string): PtzPosition | undefined {
    const p = this.presets.get(token);
    return p && { ...p.position };
  }

  /** Stores the current position; returns the token, or undefined when full or `token` is unknown. */
  savePreset(name: string, token?: string): string | undefined {
    if (token !== undefined && !this.presets.has(token)) return undefined;
    if (token === undefined && this.presets.size >= this.maxPresets) return undefined;
    const key = token ?? `preset-${this.nextPreset++}`;
    this.presets.set(key, { name: name || key, position: this.position() });
    return key;
  }
}
