import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial, LineSegments, Object3D, type Vector3 } from 'three';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { hatchSegments, vertexMean } from '../plane.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel } from '../scene-extension.js';

type Zone = SiteModel['zones'][number];

interface ZoneObjects {
  zone: Zone;
  outline: LineSegments;
  material: LineBasicMaterial;
  label: SceneLabel;
}

/**
 * Zones on the ground: danger zones outlined and hatched, fences as a wireframe wall of their
 * height, work areas outlined. Neutral colours; an alarm colour only while an alarm whose source
 * is the zone is active (then the label says so in words too).
 */
export class ZonesExtension extends BaseExtension {
  private readonly zones: ZoneObjects[] = [];
  private alarmsVersion = -1;
  private textVersion = -1;

  constructor(ctx: SceneContext) {
    super(ctx);
    for (const zone of ctx.model.zones) {
      if (zone.polygon.length < 3) continue;
      const base = zone.kind === 'danger' ? ctx.palette.zoneDanger : zone.kind === 'fence' ? ctx.palette.zoneFence : ctx.palette.zoneWork;
      const material = this.own(new LineBasicMaterial({ color: base.clone() }));
      const positions: number[] = [];
      const poly = zone.polygon;
      const y = 0.1;
      for (let i = 0; i < poly.length; i++) {
        const a = poly[i]!;
        const b = poly[(i + 1) % poly.length]!;
        positions.push(a.e, y, -a.n, b.e, y, -b.n);
        if (zone.kind === 'fence') {
          // Top rail and a post at each corner and every ~4 m: reads as a fence, not a slab.
          positions.push(a.e, zone.heightM, -a.n, b.e, zone.heightM, -b.n);
          const length = Math.hypot(b.e - a.e, b.n - a.n);
          const posts = Math.max(1, Math.round(length / 4));
          for (let k = 0; k < posts; k++) {
            const t = k / posts;
            const e = a.e + t * (b.e - a.e);
            const n = a.n + t * (b.n - a.n);
            positions.push(e, 0, -n, e, zone.heightM, -n);
          }
        }
      }
      if (zone.kind === 'danger') {
        const hatch = hatchSegments(poly, 2.5);
        for (let i = 0; i < hatch.length; i += 4) positions.push(hatch[i]!, y, -hatch[i + 1]!, hatch[i + 2]!, y, -hatch[i + 3]!);
      }
      const geometry = this.own(new BufferGeometry());
      geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
      const outline = new LineSegments(geometry, material);
      this.root.add(outline);
      const anchor = new Object3D();
      const c = vertexMean(poly);
      anchor.position.set(c.e, zone.heightM + 1, -c.n);
      this.root.add(anchor);
      this.zones.push({ zone, outline, material, label: this.label(anchor, `s3d-label-zone s3d-zone-${zone.kind}`) });
    }
  }

  update(frame: SceneFrame): boolean {
    if (frame.alarmsVersion === this.alarmsVersion && frame.textVersion === this.textVersion) return false;
    this.alarmsVersion = frame.alarmsVersion;
    this.textVersion = frame.textVersion;
    const palette = this.ctx.palette;
    for (const z of this.zones) {
      const active = frame.live.alarmOf(z.zone.id)?.active ?? null;
      const base = z.zone.kind === 'danger' ? palette.zoneDanger : z.zone.kind === 'fence' ? palette.zoneFence : palette.zoneWork;
      z.material.color.copy(active ? palette.alarm[active] : base);
      const kindWord = this.ctx.t(`zone.${z.zone.kind}`);
      z.label.set(active ? `${z.zone.name}\n${kindWord} · ${this.ctx.t(`priority.${active}`)}` : `${z.zone.name}\n${kindWord}`, active ? `s3d-alarm-${active}` : '');
    }
    return false;
  }

  override focusOf(id: string, out: Vector3): number | null {
    const zone = this.ctx.model.zones.find((z) => z.id === id);
    if (!zone) return null;
    const c = vertexMean(zone.polygon);
    out.set(c.e, 0, -c.n);
    return 30;
  }
}
