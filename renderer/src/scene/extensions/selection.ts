import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial, LineSegments, Mesh, MeshBasicMaterial, RingGeometry, DoubleSide } from 'three';
import type { EnuPosition } from '../../../../electron/common/site.js';
import { sourcePositions } from '../site-positions.js';
import { BaseExtension, type SceneContext, type SceneFrame } from '../scene-extension.js';

/**
 * The selected device: a still focus-blue ring on the ground and a vertical line up through it
 * (the label turns focus-blue too). Never moves: selection is not an alarm.
 */
export class SelectionExtension extends BaseExtension {
  private readonly positions: Map<string, EnuPosition>;
  private readonly ring: Mesh;
  private readonly line: LineSegments;
  private selectedId: string | null = null;

  constructor(ctx: SceneContext) {
    super(ctx);
    this.positions = sourcePositions(ctx.model);
    this.ring = new Mesh(this.own(new RingGeometry(5, 5.8, 64)), this.own(new MeshBasicMaterial({ color: ctx.palette.focus, side: DoubleSide })));
    this.ring.rotation.x = -Math.PI / 2;
    const geometry = this.own(new BufferGeometry());
    geometry.setAttribute('position', new Float32BufferAttribute([0, 0, 0, 0, 1, 0], 3));
    this.line = new LineSegments(geometry, this.own(new LineBasicMaterial({ color: ctx.palette.focus })));
    this.root.add(this.ring, this.line);
    this.root.visible = false;
  }

  update(frame: SceneFrame): boolean {
    if (frame.selectedId === this.selectedId) return false;
    this.selectedId = frame.selectedId;
    const p = frame.selectedId ? this.positions.get(frame.selectedId) : undefined;
    this.root.visible = p !== undefined;
    if (p) {
      this.ring.position.set(p.e, p.u + 0.15, -p.n);
      this.line.position.set(p.e, p.u, -p.n);
      const crane = this.ctx.model.cranes.find((c) => c.id === frame.selectedId);
      this.line.scale.y = crane ? crane.towerHeightM : 12;
    }
    return false;
  }
}
