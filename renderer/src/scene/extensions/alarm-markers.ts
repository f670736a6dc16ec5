import { BoxGeometry, ConeGeometry, Mesh, MeshBasicMaterial, OctahedronGeometry, type BufferGeometry } from 'three';
import type { AlarmPriority } from '../../../../electron/common/alarms.js';
import type { EnuPosition } from '../../../../electron/common/site.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { alarmLook, bodyColour, type AlarmLook } from '../alarm-look.js';
import { BaseExtension, type SceneContext, type SceneFrame } from '../scene-extension.js';
import { sourcePositions } from '../site-positions.js';

/** More open alarms than this are marked by colour and label only (a flood is read from the list). */
const MAX_MARKERS = 64;

interface Marker {
  mesh: Mesh;
  material: MeshBasicMaterial;
  look: AlarmLook;
}

/**
 * The priority's shape on the object with an open alarm, in 3D and in its colour: ▲ critical (a
 * three-sided pyramid), ■ high (a cube), ◆ medium (an octahedron), ▼ low (a pyramid upside down),
 * the same shapes as the alarm banner and list, so the priority reads without colour from across
 * the room. Hung on the object's body (half-way up a crane's mast or a hoist's, around a monitor's
 * post), sized to the object; breathing while unacknowledged, steady once acknowledged, gone when
 * the alarm is back to normal.
 */
export class AlarmMarkersExtension extends BaseExtension {
  private readonly shapes: Record<AlarmPriority, BufferGeometry>;
  private readonly anchors: Map<string, { at: EnuPosition; sizeM: number }>;
  private readonly markers = new Map<string, Marker>();
  private alarmsVersion = -1;

  constructor(ctx: SceneContext) {
    super(ctx);
    const low = this.own(new ConeGeometry(0.6, 1.1, 3));
    low.rotateX(Math.PI);
    this.shapes = {
      critical: this.own(new ConeGeometry(0.6, 1.1, 3)),
      high: this.own(new BoxGeometry(0.9, 0.9, 0.9)),
      medium: this.own(new OctahedronGeometry(0.65)),
      low,
    };
    this.anchors = markerAnchors(ctx.model);
  }

  /** Sources marked now (tests and diagnostics). */
  get marked(): string[] {
    return [...this.markers.keys()];
  }

  update(frame: SceneFrame): boolean {
    if (frame.alarmsVersion !== this.alarmsVersion) {
      this.alarmsVersion = frame.alarmsVersion;
      const seen = new Set<string>();
      for (const [id, anchor] of this.anchors) {
        const look = alarmLook(frame.live.alarmOf(id));
        if (!look || seen.size >= MAX_MARKERS) continue;
        seen.add(id);
        this.place(id, anchor, look);
      }
      for (const [id, marker] of this.markers) {
        if (seen.has(id)) continue;
        marker.mesh.removeFromParent();
        marker.material.dispose();
        this.markers.delete(id);
      }
    }
    let breathing = false;
    for (const marker of this.markers.values()) {
      bodyColour(marker.look, this.ctx.palette, this.ctx.palette.sensor, frame.timeMs, marker.material.color);
      breathing ||= marker.look.unacked;
    }
    return breathing;
  }

  private place(id: string, anchor: { at: EnuPosition; sizeM: number }, look: AlarmLook): void {
    let marker = this.markers.get(id);
    if (!marker || marker.look.priority !== look.priority) {
      if (marker) {
        marker.mesh.removeFromParent();
        marker.material.dispose();
      }
      const material = new MeshBasicMaterial({ color: this.ctx.palette.alarm[look.priority] });
      const mesh = new Mesh(this.shapes[look.priority], material);
      mesh.position.set(anchor.at.e, anchor.at.u, -anchor.at.n);
      mesh.scale.setScalar(anchor.sizeM);
      mesh.userData.deviceId = id;
      this.root.add(mesh);
      marker = { mesh, material, look };
      this.markers.set(id, marker);
    }
    marker.look = look;
  }

  override dispose(): void {
    for (const marker of this.markers.values()) marker.material.dispose();
    this.markers.clear();
    super.dispose();
  }
}

/** Where each source's marker hangs (ENU metres) and how big it is (m), by what the source is. */
function markerAnchors(model: SiteModel): Map<string, { at: EnuPosition; sizeM: number }> {
  const out = new Map<string, { at: EnuPosition; sizeM: number }>();
  for (const [id, p] of sourcePositions(model)) out.set(id, { at: { ...p, u: p.u + 2 }, sizeM: 3 });
  for (const c of model.cranes) out.set(c.id, { at: { ...c.base, u: c.base.u + c.towerHeightM * 0.5 }, sizeM: 7 });
  for (const h of model.hoists) out.set(h.id, { at: { ...h.base, u: h.base.u + h.mastHeightM * 0.5 }, sizeM: 5 });
  for (const cam of model.cameras) out.delete(cam.id);
  return out;
}
