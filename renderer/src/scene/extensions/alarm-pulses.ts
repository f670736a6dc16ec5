import { DoubleSide, Matrix4, MeshBasicMaterial, Quaternion, RingGeometry, Vector3 } from 'three';
import type { EnuPosition } from '../../../../electron/common/site.js';
import { sourcePositions } from '../site-positions.js';
import { GeometryBatch } from '../geometry-batch.js';
import { BaseExtension, type SceneContext, type SceneFrame } from '../scene-extension.js';

/** One pulse lasts this long, ms: slow enough not to flicker (well under 3 flashes/s, WCAG 2.3.1). */
export const PULSE_PERIOD_MS = 1600;
const MAX_PULSES = 256;
const FLAT = new Quaternion().setFromAxisAngle(new Vector3(1, 0, 0), -Math.PI / 2);

/**
 * A ring on the ground around the source of every unacknowledged alarm, growing and fading in
 * the priority's colour: the only thing in the scene that moves on its own (ISA-101: motion is
 * for what needs attention). It stops when the alarm is acknowledged.
 */
export class AlarmPulsesExtension extends BaseExtension {
  private readonly rings: GeometryBatch;
  private readonly material: MeshBasicMaterial;
  private readonly positions: Map<string, EnuPosition>;
  private readonly matrix = new Matrix4();
  private readonly at = new Vector3();
  private readonly scale = new Vector3();
  private alarmsVersion = -1;
  private sources: readonly string[] = [];

  constructor(ctx: SceneContext) {
    super(ctx);
    this.positions = sourcePositions(ctx.model);
    this.material = this.own(new MeshBasicMaterial({ vertexColors: true, transparent: true, depthWrite: false, side: DoubleSide }));
    // Batched, not instanced (see GeometryBatch); rings rewritten every frame while they pulse.
    this.rings = new GeometryBatch(this.own(new RingGeometry(0.82, 1, 48)), this.material, MAX_PULSES, { lit: false });
    this.rings.mesh.frustumCulled = false;
    this.rings.mesh.renderOrder = 5;
    this.root.add(this.rings.mesh);
  }

  /** Sources pulsing now. */
  get pulsing(): readonly string[] {
    return this.sources;
  }

  update(frame: SceneFrame): boolean {
    if (frame.alarmsVersion !== this.alarmsVersion) {
      this.alarmsVersion = frame.alarmsVersion;
      this.sources = frame.live.unackedSources().filter((id) => this.positions.has(id)).slice(0, MAX_PULSES);
      for (let i = 0; i < this.sources.length; i++) {
        const priority = frame.live.alarmOf(this.sources[i]!)?.unacked ?? 'low';
        this.rings.setColor(i, this.ctx.palette.alarm[priority]);
      }
      this.rings.count = this.sources.length;
    }
    if (this.sources.length === 0) {
      this.rings.commit();
      return false;
    }
    const phase = (frame.timeMs % PULSE_PERIOD_MS) / PULSE_PERIOD_MS;
    const radius = 3 + 9 * phase;
    this.material.opacity = 0.9 * (1 - phase);
    for (let i = 0; i < this.sources.length; i++) {
      const p = this.positions.get(this.sources[i]!)!;
      this.at.set(p.e, p.u + 0.3, -p.n);
      this.scale.set(radius, radius, radius);
      this.rings.setMatrix(i, this.matrix.compose(this.at, FLAT, this.scale));
    }
    this.rings.commit();
    return true;
  }

  override dispose(): void {
    this.rings.dispose();
    super.dispose();
  }
}
