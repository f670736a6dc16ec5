import {
  Cartesian2,
  ColorGeometryInstanceAttribute,
  DistanceDisplayCondition,
  GeometryInstance,
  LabelCollection,
  LabelStyle,
  Material,
  PerInstanceColorAppearance,
  PointPrimitiveCollection,
  PolygonGeometry,
  PolygonHierarchy,
  PolylineCollection,
  Primitive,
  VerticalOrigin,
  type Color,
  type PrimitiveCollection,
} from 'cesium';
import type { SiteModel } from '../../../electron/common/site-model.js';
import type { DeviceView } from '../../../electron/common/site.js';
import type { EnuFrame } from '../../../electron/common/geometry/wgs84.js';
import type { AlarmPriority } from '../../../electron/common/alarms.js';
import { PRIORITY_SHAPE } from '../../../electron/common/alarms.js';
import { enuToCartesian, ringCentre, ringToCartesians } from './enu-cartesian.js';
import { GIS_COLOURS } from './palette.js';

/** Labels of site objects appear only when the camera is within this distance (m): no clutter at city scale. */
const SITE_LABEL_RANGE_M = 2500;

/**
 * The static part of one site drawn in place: boundary, buildings extruded to their completed
 * height, zones, and device points with labels. Buildings and zones are each ONE batched
 * Primitive of GeometryInstances; outlines one PolylineCollection; devices one
 * PointPrimitiveCollection; names one LabelCollection. Device points take their colour from the
 * device's link state (`setDeviceStatus`).
 */
export class SiteLayer {
  private readonly outlines = new PolylineCollection();
  private readonly points = new PointPrimitiveCollection();
  private readonly labels = new LabelCollection();
  private readonly solids: Primitive[] = [];
  private readonly devicePoints = new Map<string, ReturnType<PointPrimitiveCollection['add']>>();
  /** The shape + word of a device's open alarm, beside its point; hidden while it has none. */
  private readonly alarmLabels = new Map<string, ReturnType<LabelCollection['add']>>();
  private readonly deviceAlarms = new Map<string, AlarmPriority>();
  private readonly deviceOffline = new Set<string>();

  constructor(
    private readonly primitives: PrimitiveCollection,
    private readonly model: SiteModel,
    private readonly frame: EnuFrame,
  ) {
    this.drawBoundary();
    this.drawBuildings();
    this.drawZones();
    this.drawDevices();
    for (const p of [this.outlines, this.points, this.labels]) primitives.add(p);
  }

  /** Offline devices turn magenta (communication loss, as in the top bar); the word is on the overview, not on the map yet. */
  setDeviceStatus(device: DeviceView): boolean {
    if (device.status === 'offline') this.deviceOffline.add(device.id);
    else this.deviceOffline.delete(device.id);
    return this.paint(device.id);
  }

  /**
   * A device's open alarm: its point grows and takes the priority's colour (over the offline
   * magenta: the offline alarm itself says so), and the priority's shape and word show beside it
   * (`words`: the word per priority in the console's language). Null: back to normal.
   */
  setDeviceAlarm(deviceId: string, priority: AlarmPriority | null, words: Record<AlarmPriority, string>): boolean {
    const label = this.alarmLabels.get(deviceId);
    if (!label) return false;
    if (priority) this.deviceAlarms.set(deviceId, priority);
    else this.deviceAlarms.delete(deviceId);
    const text = priority ? `${PRIORITY_SHAPE[priority]} ${words[priority]}` : '';
    const changed = label.text !== text || label.show !== Boolean(priority);
    label.text = text;
    label.show = Boolean(priority);
    if (priority) label.fillColor = GIS_COLOURS.alarm[priority];
    return this.paint(deviceId) || changed;
  }

  private paint(deviceId: string): boolean {
    const point = this.devicePoints.get(deviceId);
    if (!point) return false;
    const alarm = this.deviceAlarms.get(deviceId);
    const colour = alarm ? GIS_COLOURS.alarm[alarm] : this.deviceOffline.has(deviceId) ? GIS_COLOURS.diag : GIS_COLOURS.device;
    const size = alarm ? 16 : 9;
    if (point.color.equals(colour) && point.pixelSize === size) return false;
    point.color = colour;
    point.pixelSize = size;
    return true;
  }

  destroy(): void {
    for (const solid of this.solids) this.primitives.remove(solid);
    for (const p of [this.outlines, this.points, this.labels]) this.primitives.remove(p);
    this.devicePoints.clear();
    this.alarmLabels.clear();
  }

  private line(positions: ReturnType<typeof ringToCartesians>, colour: Color, width: number): void {
    if (positions.length < 2) return;
    this.outlines.add({ positions, width, material: Material.fromType('Color', { color: colour }) });
  }

  private label(text: string, position: ReturnType<typeof enuToCartesian>, size = 15): void {
    this.labels.add({
      position,
      text,
      font: `${size}px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`,
      fillColor: GIS_COLOURS.label,
      outlineColor: GIS_COLOURS.labelOutline,
      outlineWidth: 3,
      style: LabelStyle.FILL_AND_OUTLINE,
      verticalOrigin: VerticalOrigin.BOTTOM,
      pixelOffset: new Cartesian2(0, -8),
      distanceDisplayCondition: new DistanceDisplayCondition(0, SITE_LABEL_RANGE_M),
    });
  }

  private drawBoundary(): void {
    if (this.model.boundary) this.line(ringToCartesians(this.frame, this.model.boundary, 0.2, true), GIS_COLOURS.boundary, 3);
  }

  private drawBuildings(): void {
    const instances: GeometryInstance[] = [];
    for (const b of this.model.buildings) {
      if (b.footprint.length < 3) continue;
      const builtM = b.completedFloors * b.floorHeightM;
      const plannedM = b.plannedFloors * b.floorHeightM;
      // What is planned but not yet built: the footprint's outline at the planned roof height.
      if (plannedM > builtM) this.line(ringToCartesians(this.frame, b.footprint, plannedM, true), GIS_COLOURS.plannedOutline, 1);
      this.line(ringToCartesians(this.frame, b.footprint, Math.max(builtM, 0.2), true), GIS_COLOURS.boundary, 1);
      if (builtM > 0) {
        instances.push(
          new GeometryInstance({
            id: `building:${b.id}`,
            geometry: new PolygonGeometry({
              polygonHierarchy: new PolygonHierarchy(ringToCartesians(this.frame, b.footprint, 0, false)),
              height: 0,
              extrudedHeight: builtM,
              vertexFormat: PerInstanceColorAppearance.VERTEX_FORMAT,
            }),
            attributes: { color: ColorGeometryInstanceAttribute.fromColor(GIS_COLOURS.building) },
          }),
        );
      }
      const centre = ringCentre(b.footprint);
      this.label(`${b.name} ${b.completedFloors}/${b.plannedFloors}F`, enuToCartesian(this.frame, { ...centre, u: Math.max(builtM, 1) }));
    }
    // Synchronous: a handful of footprints, built on the main thread at once (no worker round trip).
    if (instances.length) this.addSolid(instances, false);
  }

  private drawZones(): void {
    const instances: GeometryInstance[] = [];
    for (const z of this.model.zones) {
      if (z.polygon.length < 3) continue;
      this.line(ringToCartesians(this.frame, z.polygon, 0.3, true), GIS_COLOURS.zoneOutline[z.kind], z.kind === 'danger' ? 3 : 2);
      instances.push(
        new GeometryInstance({
          id: `zone:${z.id}`,
          geometry: new PolygonGeometry({
            polygonHierarchy: new PolygonHierarchy(ringToCartesians(this.frame, z.polygon, 0, false)),
            height: 0.1,
            extrudedHeight: Math.max(z.heightM, 0.5),
            vertexFormat: PerInstanceColorAppearance.VERTEX_FORMAT,
          }),
          attributes: { color: ColorGeometryInstanceAttribute.fromColor(GIS_COLOURS.zone[z.kind]) },
        }),
      );
      const centre = ringCentre(z.polygon);
      this.label(z.name, enuToCartesian(this.frame, { ...centre, u: 1 }), 13);
    }
    if (instances.length) this.addSolid(instances, true);
  }

  private drawDevices(): void {
    for (const d of this.model.devices) {
      const position = enuToCartesian(this.frame, { ...d.position, u: d.position.u + 1.5 });
      const point = this.points.add({ id: `device:${d.id}`, position, pixelSize: 9, color: GIS_COLOURS.device, outlineColor: GIS_COLOURS.labelOutline, outlineWidth: 2 });
      this.devicePoints.set(d.id, point);
      if (d.kind !== 'crane') this.label(d.name, position, 12);
      this.alarmLabels.set(
        d.id,
        this.labels.add({
          position,
          text: '',
          show: false,
          font: `bold 16px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif`,
          outlineColor: GIS_COLOURS.labelOutline,
          outlineWidth: 4,
          style: LabelStyle.FILL_AND_OUTLINE,
          verticalOrigin: VerticalOrigin.TOP,
          pixelOffset: new Cartesian2(0, 12),
          // Within the site only: at city scale the project marker carries the worst priority.
          distanceDisplayCondition: new DistanceDisplayCondition(0, SITE_LABEL_RANGE_M),
        }),
      );
    }
  }

  private addSolid(instances: GeometryInstance[], translucent: boolean): void {
    const primitive = new Primitive({
      geometryInstances: instances,
      appearance: new PerInstanceColorAppearance({ translucent, closed: true }),
      asynchronous: false,
    });
    this.solids.push(primitive);
    this.primitives.add(primitive);
  }
}
