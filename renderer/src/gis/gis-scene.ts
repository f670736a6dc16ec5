import type { AlarmPriority } from '../../../electron/common/alarms.js';
import {
  BoundingSphere,
  Cartographic,
  defined,
  HeadingPitchRange,
  Math as CesiumMath,
  Rectangle,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type CesiumWidget,
} from 'cesium';
import type { SiteEntry } from '../../../electron/common/api.js';
import type { DeviceView } from '../../../electron/common/site.js';
import type { SiteModel } from '../../../electron/common/site-model.js';
import { CraneLayer } from './crane-layer.js';
import { drawingFrame } from './enu-cartesian.js';
import { createOfflineGlobe, type OfflineGlobeOptions } from './offline-globe.js';
import { PROJECT_PICK_PREFIX, ProjectMarkers } from './project-markers.js';
import { SiteLayer } from './site-layer.js';
import { sitesBounds } from './sites-tree.js';

/** How far the camera stands from a project it flies to, metres, looking down at 40°. */
const PROJECT_VIEW_RANGE_M = 600;

export interface GisSceneCallbacks {
  /** A project marker was clicked on the map. */
  onPickProject: (id: string) => void;
}

/**
 * The GIS view's Cesium scene: the offline globe, this site drawn in place, and a marker per
 * federated project. Owns every primitive it adds and removes them in `destroy()`.
 *
 * The camera's position is mirrored onto the container as `data-camera-lat/lon/height` (degrees,
 * metres) after each move, and the globe's pending tile count as `data-tiles-pending`: plain
 * read-only facts that the e2e test (and anyone debugging a wall screen) can read without a hook
 * into Cesium.
 */
export class GisScene {
  readonly widget: CesiumWidget;
  private site: SiteLayer | null = null;
  private readonly deviceAlarms = new Map<string, AlarmPriority>();
  private cranes: CraneLayer | null = null;
  private readonly markers: ProjectMarkers;
  private readonly picker: ScreenSpaceEventHandler;
  private sites: SiteEntry[] = [];
  private destroyed = false;

  constructor(
    private readonly container: HTMLElement,
    callbacks: GisSceneCallbacks,
    options: OfflineGlobeOptions = {},
  ) {
    this.widget = createOfflineGlobe(container, options);
    const { scene } = this.widget;
    this.markers = new ProjectMarkers(scene.primitives);
    this.picker = new ScreenSpaceEventHandler(scene.canvas);
    this.picker.setInputAction((click: { position: { x: number; y: number } }) => {
      const picked = scene.pick(click.position as never) as { id?: unknown } | undefined;
      const id = defined(picked) && typeof picked.id === 'string' ? picked.id : null;
      if (id?.startsWith(PROJECT_PICK_PREFIX)) callbacks.onPickProject(id.slice(PROJECT_PICK_PREFIX.length));
    }, ScreenSpaceEventType.LEFT_CLICK);
    scene.camera.moveEnd.addEventListener(() => this.mirrorCamera());
    scene.globe.tileLoadProgressEvent.addEventListener((pending: number) => {
      container.dataset['tilesPending'] = String(pending);
    });
  }

  /**
   * Draws this site's geometry, replacing what an earlier model drew (an admin moved or renamed a
   * device). The camera is left alone; live state comes back through `updateDevice`.
   */
  setSiteModel(model: SiteModel): void {
    if (this.destroyed) return;
    this.site?.destroy();
    this.cranes?.destroy();
    this.site = null;
    this.cranes = null;
    if (!model.origin) {
      this.widget.scene.requestRender();
      return;
    }
    const frame = drawingFrame(model.origin);
    const { primitives } = this.widget.scene;
    this.site = new SiteLayer(primitives, model, frame);
    this.cranes = new CraneLayer(primitives, model, frame);
    this.widget.scene.requestRender();
  }

  get craneIds(): string[] {
    return this.cranes?.ids ?? [];
  }

  /** Live update from a device: a crane's jib follows `slewDeg`; an offline device turns magenta. */
  updateDevice(device: DeviceView): void {
    if (this.destroyed) return;
    let changed = this.site?.setDeviceStatus(device) ?? false;
    const slew = device.lastValues?.['slewDeg'];
    if (device.kind === 'crane' && typeof slew === 'number') changed = (this.cranes?.setSlew(device.id, slew) ?? false) || changed;
    if (changed) this.widget.scene.requestRender();
  }

  /** A device's open alarm (null: none): the priority's colour, shape and word on its point. */
  updateDeviceAlarm(deviceId: string, priority: AlarmPriority | null, words: Record<AlarmPriority, string>): void {
    if (this.destroyed) return;
    if (priority) this.deviceAlarms.set(deviceId, priority);
    else this.deviceAlarms.delete(deviceId);
    // Mirrored on the map's element (as the camera is), for tests and diagnostics: the globe is a canvas.
    this.container.dataset['deviceAlarms'] = [...this.deviceAlarms].map(([id, p]) => `${id}:${p}`).sort().join(' ');
    if (this.site?.setDeviceAlarm(deviceId, priority, words)) this.widget.scene.requestRender();
  }

  setSites(sites: SiteEntry[], labelOf: (site: SiteEntry) => string): void {
    if (this.destroyed) return;
    this.sites = sites;
    if (this.markers.update(sites, labelOf)) this.widget.scene.requestRender();
  }

  /** Shows every project at once (the authority's overview). */
  showAll(): void {
    const box = sitesBounds(this.sites);
    if (!box || this.destroyed) return;
    this.widget.camera.setView({ destination: Rectangle.fromDegrees(box.west, box.south, box.east, box.north) });
    this.mirrorCamera();
    this.widget.scene.requestRender();
  }

  /** Flies to a project (`durationS` 0: jumps). Returns false when the project is unknown. */
  flyTo(id: string, durationS = 2): boolean {
    const site = this.sites.find((s) => s.id === id);
    if (!site || this.destroyed) return false;
    this.markers.select(id);
    const centre = Cartographic.toCartesian(Cartographic.fromDegrees(site.lonDeg, site.latDeg, 0));
    this.widget.camera.flyToBoundingSphere(new BoundingSphere(centre, 150), {
      offset: new HeadingPitchRange(0, CesiumMath.toRadians(-40), PROJECT_VIEW_RANGE_M),
      duration: durationS,
      complete: () => this.mirrorCamera(),
    });
    this.widget.scene.requestRender();
    return true;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.picker.destroy();
    this.site?.destroy();
    this.cranes?.destroy();
    this.markers.destroy();
    this.widget.destroy();
  }

  private mirrorCamera(): void {
    if (this.destroyed) return;
    const c = this.widget.camera.positionCartographic;
    const data = this.container.dataset;
    data['cameraLat'] = CesiumMath.toDegrees(c.latitude).toFixed(5);
    data['cameraLon'] = CesiumMath.toDegrees(c.longitude).toFixed(5);
    data['cameraHeight'] = c.height.toFixed(0);
  }
}
