import {
  Cartesian2,
  Cartesian3,
  LabelCollection,
  NearFarScalar,
  PointPrimitiveCollection,
  type Label,
  type PointPrimitive,
  type PrimitiveCollection,
} from 'cesium';
import type { SiteEntry } from '../../../electron/common/api.js';
import { GIS_COLOURS, mapLabelStyle, markerColour } from './palette.js';
import { PRIORITY_SHAPE, worstPriority } from './sites-tree.js';

/** Pick id of a project marker: `project:ID`. */
export const PROJECT_PICK_PREFIX = 'project:';

/**
 * One point and one label per federated project, at its lat/lon. The point's colour is the
 * project's worst annunciated alarm priority (grey when none, magenta when it cannot be read) and
 * the label repeats it with the priority's shape, so colour is never the only cue. The selected
 * project gets a focus-blue ring. Points are drawn over the globe and buildings (no depth test).
 */
export class ProjectMarkers {
  private readonly points = new PointPrimitiveCollection();
  private readonly labels = new LabelCollection();
  private readonly byId = new Map<string, { point: PointPrimitive; label: Label }>();
  private selected: string | null = null;

  constructor(private readonly primitives: PrimitiveCollection) {
    primitives.add(this.points);
    primitives.add(this.labels);
  }

  /** Adds, updates and removes markers to match `sites`; returns whether anything changed. */
  update(sites: readonly SiteEntry[], labelOf: (site: SiteEntry) => string): boolean {
    let changed = false;
    const seen = new Set<string>();
    for (const site of sites) {
      seen.add(site.id);
      let marker = this.byId.get(site.id);
      if (!marker) {
        const position = Cartesian3.fromDegrees(site.lonDeg, site.latDeg, 0);
        marker = {
          point: this.points.add({ id: PROJECT_PICK_PREFIX + site.id, position, pixelSize: 16, disableDepthTestDistance: Number.POSITIVE_INFINITY }),
          label: this.labels.add({
            id: PROJECT_PICK_PREFIX + site.id,
            position,
            ...mapLabelStyle(16),
            pixelOffset: new Cartesian2(0, -14),
            disableDepthTestDistance: Number.POSITIVE_INFINITY,
            // Fade the project labels out when close in: the site's own labels take over there.
            translucencyByDistance: new NearFarScalar(1500, 0, 4000, 1),
          }),
        };
        this.byId.set(site.id, marker);
        changed = true;
      }
      const worst = worstPriority(site.live);
      const colour = markerColour(site.status, worst);
      if (!marker.point.color.equals(colour)) {
        marker.point.color = colour;
        changed = true;
      }
      const text = (worst ? `${PRIORITY_SHAPE[worst]} ` : '') + labelOf(site);
      if (marker.label.text !== text) {
        marker.label.text = text;
        changed = true;
      }
    }
    for (const [id, marker] of this.byId) {
      if (seen.has(id)) continue;
      this.points.remove(marker.point);
      this.labels.remove(marker.label);
      this.byId.delete(id);
      changed = true;
    }
    return this.applySelection() || changed;
  }

  select(id: string | null): boolean {
    this.selected = id;
    return this.applySelection();
  }

  destroy(): void {
    this.primitives.remove(this.points);
    this.primitives.remove(this.labels);
    this.byId.clear();
  }

  private applySelection(): boolean {
    let changed = false;
    for (const [id, { point }] of this.byId) {
      const width = id === this.selected ? 4 : 2;
      if (point.outlineWidth !== width) {
        point.outlineWidth = width;
        point.outlineColor = id === this.selected ? GIS_COLOURS.focus : GIS_COLOURS.labelOutline;
        changed = true;
      }
    }
    return changed;
  }
}
