import { Cartesian2, DistanceDisplayCondition, LabelCollection, Material, PolylineCollection, type Polyline, type PrimitiveCollection } from 'cesium';
import { jibSegment, mastSegment } from '../../../electron/common/geometry/crane.js';
import type { EnuFrame } from '../../../electron/common/geometry/wgs84.js';
import type { SiteModel } from '../../../electron/common/site-model.js';
import { enuToCartesian } from './enu-cartesian.js';
import { GIS_COLOURS, mapLabelStyle } from './palette.js';

interface CraneLines {
  crane: SiteModel['cranes'][number];
  jib: Polyline;
  slewDeg: number;
}

/**
 * Tower cranes as a mast and a jib line each, in one PolylineCollection; `setSlew` moves a jib
 * in place (no new primitives per reading). Conventions from common/geometry/crane.ts: slew in
 * degrees clockwise from site north; the jib runs from the counter-jib tail to the tip.
 */
export class CraneLayer {
  private readonly lines = new PolylineCollection();
  private readonly labels = new LabelCollection();
  private readonly cranes = new Map<string, CraneLines>();

  constructor(
    private readonly primitives: PrimitiveCollection,
    model: SiteModel,
    private readonly frame: EnuFrame,
  ) {
    const material = () => Material.fromType('Color', { color: GIS_COLOURS.crane });
    for (const crane of model.cranes) {
      const mast = mastSegment(crane.base, crane);
      this.lines.add({ id: `crane:${crane.id}`, positions: [enuToCartesian(frame, mast.start), enuToCartesian(frame, mast.end)], width: 4, material: material() });
      const jib = this.lines.add({ id: `crane:${crane.id}`, positions: this.jibPositions(crane, 0), width: 3, material: material() });
      this.cranes.set(crane.id, { crane, jib, slewDeg: 0 });
      this.labels.add({
        position: enuToCartesian(frame, mast.end),
        text: crane.name,
        ...mapLabelStyle(14),
        pixelOffset: new Cartesian2(0, -10),
        distanceDisplayCondition: new DistanceDisplayCondition(0, 2500),
      });
    }
    primitives.add(this.lines);
    primitives.add(this.labels);
  }

  get ids(): string[] {
    return [...this.cranes.keys()];
  }

  /** Turns a crane's jib to `slewDeg`; returns whether anything moved (so the caller requests a render only then). */
  setSlew(craneId: string, slewDeg: number): boolean {
    const entry = this.cranes.get(craneId);
    if (!entry || !Number.isFinite(slewDeg) || Math.abs(entry.slewDeg - slewDeg) < 0.05) return false;
    entry.slewDeg = slewDeg;
    entry.jib.positions = this.jibPositions(entry.crane, slewDeg);
    return true;
  }

  destroy(): void {
    this.primitives.remove(this.lines);
    this.primitives.remove(this.labels);
    this.cranes.clear();
  }

  private jibPositions(crane: SiteModel['cranes'][number], slewDeg: number) {
    const jib = jibSegment(crane.base, crane, slewDeg);
    return [enuToCartesian(this.frame, jib.start), enuToCartesian(this.frame, jib.end)];
  }
}
