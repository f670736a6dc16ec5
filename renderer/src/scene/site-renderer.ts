import { PerspectiveCamera, Raycaster, Scene, Vector2, Vector3, WebGLRenderer, type Object3D } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { CSS2DRenderer } from 'three/examples/jsm/renderers/CSS2DRenderer.js';
import type { EnuPosition } from '../../../electron/common/site.js';
import type { SiteModel } from '../../../electron/common/site-model.js';
import { AlarmMarkersExtension } from './extensions/alarm-markers.js';
import { AlarmPulsesExtension } from './extensions/alarm-pulses.js';
import { AntiCollisionExtension } from './extensions/anti-collision.js';
import { BuildingsExtension } from './extensions/buildings.js';
import { CamerasExtension } from './extensions/cameras.js';
import { CranesExtension } from './extensions/cranes.js';
import { DevicesExtension } from './extensions/devices.js';
import { GroundExtension, siteExtent } from './extensions/ground.js';
import { HoistsExtension } from './extensions/hoists.js';
import { SiteGltfExtension } from './extensions/site-gltf.js';
import { PanoramaPointsExtension } from './extensions/panorama-points.js';
import { SelectionExtension } from './extensions/selection.js';
import { WorkersExtension } from './extensions/workers.js';
import { ZonesExtension } from './extensions/zones.js';
import { readPalette } from './palette.js';
import { sceneLights } from './scene-lighting.js';
import { LabelLayout } from './label-layout.js';
import type { LiveSiteSource, SceneContext, SceneExtension, SceneFrame, SceneLabel, ScenePick } from './scene-extension.js';

/** Orbit idle this long, ms, before the view starts turning slowly by itself (wall screens). */
export const IDLE_AUTO_ROTATE_MS = 60_000;
const FLY_MS = 900;

export type PresetView = 'overview' | 'top';

export interface SiteRendererOptions {
  t: SceneContext['t'];
  /** A click picked something (a device to select, a camera to open). */
  onPick: (pick: ScenePick) => void;
}

/** Counters for tests and the benchmark. */
export interface RenderStats {
  frames: number;
  /** Frames in which extensions had to update (telemetry, alarms, selection…). */
  updates: number;
  /** Frames in which the label layer was laid out again. */
  labelFrames: number;
}

/**
 * Owns the WebGL and label renderers, the camera and orbit controls, and the scene extensions.
 * Renders on demand: a frame is drawn when live data changes, the controls move, or something
 * animates (camera flight, idle rotation, an alarm pulse) — not a 60 fps loop on a still site.
 */
export class SiteRenderer {
  readonly scene = new Scene();
  readonly camera = new PerspectiveCamera(45, 1, 0.5, 4000);
  readonly stats: RenderStats = { frames: 0, updates: 0, labelFrames: 0 };
  private readonly renderer: WebGLRenderer;
  private readonly labels = new CSS2DRenderer();
  private readonly controls: OrbitControls;
  private readonly raycaster = new Raycaster();
  private readonly pointer = new Vector2();
  private readonly down = new Vector2();
  private readonly resizeObserver: ResizeObserver;
  private extensions: SceneExtension[] = [];
  /** Layers a view turns on and off (e.g. progress colours): built with the scene, again on each rebuild. */
  private readonly overlays = new Map<string, (ctx: SceneContext) => SceneExtension>();
  private gltf: SiteGltfExtension | null = null;

  /** The site glTF model's state ('none', 'loading', 'loaded', 'failed: …'), for the view and tests. */
  get gltfStatus(): string {
    return this.gltf?.status ?? 'none';
  }
  /** Metres between the ground grid's lines. */
  get gridStepM(): number {
    return this.ground?.gridStepM ?? 10;
  }
  private ground: GroundExtension | null = null;
  private cameras: CamerasExtension | null = null;
  private workers: WorkersExtension | null = null;
  private model: SiteModel;
  private live: LiveSiteSource;
  private unsubscribeLive: () => void = () => undefined;
  private readonly frame: SceneFrame;
  private dirty = true;
  private rafId = 0;
  private continuous = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private fly: { from: Vector3; to: Vector3; fromTarget: Vector3; toTarget: Vector3; start: number } | null = null;
  private disposed = false;
  private labelsOn = true;
  /** Extensions whose last update asked for another frame: updated every frame until they stop asking. */
  private animatedExtensions = new Set<SceneExtension>();
  private readonly labelLayout = new LabelLayout();
  /** The label layer needs laying out though no extension changed (resize, shown again, first sizes). */
  private labelsStale = true;
  private layoutRetries = 0;
  private widthPx = 1;
  private heightPx = 1;

  constructor(
    private readonly host: HTMLElement,
    model: SiteModel,
    live: LiveSiteSource,
    private readonly options: SiteRendererOptions,
  ) {
    this.model = model;
    this.live = live;
    const palette = readPalette();
    this.renderer = new WebGLRenderer({ antialias: true, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.renderer.setClearColor(palette.background);
    this.renderer.domElement.className = 's3d-canvas';
    this.labels.domElement.className = 's3d-labels';
    host.append(this.renderer.domElement, this.labels.domElement);

    this.scene.add(...sceneLights());

    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = true;
    this.controls.dampingFactor = 0.12;
    this.controls.maxPolarAngle = Math.PI / 2 - 0.03;
    this.controls.minDistance = 8;
    this.controls.maxDistance = 1500;
    this.controls.autoRotateSpeed = 0.4;
    this.controls.addEventListener('change', this.onViewChange);
    this.controls.addEventListener('start', this.onUserInput);

    const el = this.renderer.domElement;
    el.addEventListener('pointerdown', this.onPointerDown);
    el.addEventListener('pointerup', this.onPointerUp);
    el.addEventListener('wheel', this.onUserInput, { passive: true });
    window.addEventListener('keydown', this.onUserInput);

    this.frame = { live, telemetryVersion: 0, alarmsVersion: 0, workersVersion: 0, textVersion: 0, selectedId: null, timeMs: 0, cameraPosition: this.camera.position, viewVersion: 0 };
    this.build();
    this.preset('overview', false);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(host);
    this.resize();
    this.armIdle();
  }

  /** Replaces the site (a different project, or the benchmark's stress site) and its live source. */
  setSite(model: SiteModel, live: LiveSiteSource): void {
    this.model = model;
    this.live = live;
    this.frame.live = live;
    this.build();
    this.preset('overview', false);
  }

  /**
   * The same site's model changed (an admin moved or renamed a device): rebuilds what it draws
   * but keeps the camera where the operator left it, the selection, the live source, and a glTF
   * model already loaded (megabytes, unchanged by a device edit). The same object again is a no-op.
   */
  updateModel(model: SiteModel): void {
    if (model === this.model) return;
    const keepGltf = JSON.stringify(model.gltf) === JSON.stringify(this.model.gltf);
    this.model = model;
    this.build(keepGltf);
  }

  private build(keepGltf = false): void {
    this.unsubscribeLive();
    const kept = keepGltf ? this.gltf : null;
    for (const ext of this.extensions) if (ext !== kept) ext.dispose();
    const ctx: SceneContext = { model: this.model, palette: readPalette(), t: this.options.t, labelsVisible: true };
    this.cameras = new CamerasExtension(ctx);
    this.workers = new WorkersExtension(ctx);
    this.extensions = [
      (this.ground = new GroundExtension(ctx)),
      (this.gltf = kept ?? new SiteGltfExtension(ctx, this.requestRender)),
      new BuildingsExtension(ctx),
      ...[...this.overlays.values()].map((overlay) => overlay(ctx)),
      new ZonesExtension(ctx),
      new CranesExtension(ctx),
      new AntiCollisionExtension(ctx),
      new HoistsExtension(ctx),
      new DevicesExtension(ctx),
      new PanoramaPointsExtension(ctx),
      this.cameras,
      this.workers,
      new SelectionExtension(ctx),
      new AlarmPulsesExtension(ctx),
      new AlarmMarkersExtension(ctx),
    ];
    for (const ext of this.extensions) this.scene.add(ext.root);
    this.frame.telemetryVersion++;
    this.frame.alarmsVersion++;
    this.frame.workersVersion++;
    this.frame.textVersion++;
    this.unsubscribeLive = this.live.subscribe((what) => {
      if (what === 'telemetry') this.frame.telemetryVersion++;
      else if (what === 'alarms') this.frame.alarmsVersion++;
      else this.frame.workersVersion++;
      this.dirty = true;
      this.requestRender();
    });
    this.dirty = true;
    this.requestRender();
  }

  /** Turns a layer on (its extension's factory) or off (null); the scene is rebuilt in place, camera kept. */
  setOverlay(id: string, overlay: ((ctx: SceneContext) => SceneExtension) | null): void {
    if (overlay) this.overlays.set(id, overlay);
    else if (!this.overlays.delete(id)) return;
    this.build(true);
  }

  /** Asks for one frame (coalesced into the next animation frame). */
  readonly requestRender = (): void => {
    if (this.rafId === 0 && !this.disposed) this.rafId = requestAnimationFrame(this.tick);
  };

  /** The language changed: relabel. */
  relabel(): void {
    this.frame.textVersion++;
    this.dirty = true;
    this.requestRender();
  }

  /** Benchmarks: draw every animation frame regardless of changes. */
  setContinuous(on: boolean): void {
    this.continuous = on;
    this.requestRender();
  }

  /** Shows or hides the DOM label layer (diagnostics: what labels cost). */
  setLabelsVisible(on: boolean): void {
    this.labelsOn = on;
    this.labels.domElement.style.display = on ? '' : 'none';
    this.labelsStale = true;
    this.requestRender();
  }

  get selectedId(): string | null {
    return this.frame.selectedId;
  }

  /** Highlights a device (or nothing) and, when asked, flies the camera to it. */
  select(id: string | null, fly = true): boolean {
    this.frame.selectedId = id;
    this.dirty = true;
    this.requestRender();
    return id !== null && fly ? this.flyTo(id) : false;
  }

  /** Flies to an alarm's source (for the alarm list); selects it. */
  flyToAlarm(alarm: { sourceDevice: string }): boolean {
    return this.select(alarm.sourceDevice, true);
  }

  /** Flies the camera to frame a device, zone, building or camera. False when the id is unknown. */
  flyTo(id: string): boolean {
    const target = new Vector3();
    let radius: number | null = null;
    for (const ext of this.extensions) {
      radius = ext.focusOf(id, target);
      if (radius !== null) break;
    }
    if (radius === null) return false;
    // Come from where the camera is now (keeping the viewing direction), at a distance that frames it.
    const offset = this.camera.position.clone().sub(this.controls.target);
    if (offset.lengthSq() < 1e-6) offset.set(1, 1, 1);
    offset.setLength(radius * 1.8);
    if (offset.y < radius * 0.5) offset.y = radius * 0.5;
    this.startFly(target.clone().add(offset), target);
    return true;
  }

  /** Preset camera positions: the whole site from the south-east, or straight down. */
  preset(view: PresetView, animate = true): void {
    const { minE, maxE, minN, maxN } = siteExtent({ model: this.model } as SceneContext);
    const centre = new Vector3((minE + maxE) / 2, 0, -(minN + maxN) / 2);
    const size = Math.max(maxE - minE, maxN - minN, 60);
    const position =
      view === 'top'
        ? centre.clone().add(new Vector3(0, size * 1.25, 0.01))
        : centre.clone().add(new Vector3(size * 0.4, size * 0.85, size * 0.95));
    if (animate) this.startFly(position, centre);
    else {
      this.camera.position.copy(position);
      this.controls.target.copy(centre);
      this.controls.update();
      this.requestRender();
    }
  }

  /** Screen point (CSS px, relative to the canvas) of an ENU point, or null when behind the camera. */
  screenPoint(p: EnuPosition): { x: number; y: number } | null {
    const v = new Vector3(p.e, p.u, -p.n).project(this.camera);
    if (v.z > 1) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    return { x: rect.left + ((v.x + 1) / 2) * rect.width, y: rect.top + ((1 - v.y) / 2) * rect.height };
  }

  /** A point inside a camera's view pyramid, for tests that click it. */
  cameraPyramidPoint(id: string): EnuPosition | null {
    return this.cameras?.pyramidPoint(id) ?? null;
  }

  get workerMarkers(): number {
    return this.workers?.count ?? 0;
  }

  get autoRotating(): boolean {
    return this.controls.autoRotate;
  }

  private startFly(position: Vector3, target: Vector3): void {
    this.fly = { from: this.camera.position.clone(), to: position, fromTarget: this.controls.target.clone(), toTarget: target.clone(), start: performance.now() };
    this.requestRender();
  }

  private readonly tick = (now: number): void => {
    this.rafId = 0;
    if (this.disposed) return;
    let animating = false;
    if (this.fly) {
      const f = Math.min(1, (now - this.fly.start) / FLY_MS);
      const k = f < 0.5 ? 2 * f * f : 1 - (-2 * f + 2) ** 2 / 2;
      this.camera.position.lerpVectors(this.fly.from, this.fly.to, k);
      this.controls.target.lerpVectors(this.fly.fromTarget, this.fly.toTarget, k);
      if (f >= 1) this.fly = null;
      animating = true;
    }
    // With damping or auto-rotation the controls keep moving after input: keep drawing until still.
    if (this.controls.update()) animating = true;
    if (this.controls.autoRotate) animating = true;
    this.frame.timeMs = now;
    let wantsMore = false;
    const updateAll = this.dirty;
    this.dirty = false;
    const animated = this.animatedExtensions;
    this.animatedExtensions = new Set();
    for (const ext of this.extensions) {
      // Extensions compare versions themselves; the pulse needs every frame while it runs, and so
      // does an extension that asked for more (an unacknowledged alarm's body breathing).
      if (updateAll || ext instanceof AlarmPulsesExtension || animated.has(ext)) {
        if (ext.update(this.frame)) {
          this.animatedExtensions.add(ext);
          wantsMore = true;
        }
      }
    }
    if (updateAll) this.stats.updates++;
    this.renderer.render(this.scene, this.camera);
    // Labels move only with the view or with what they label. Frames drawn for the alarm pulse
    // alone (every frame while an alarm is unacknowledged) leave the label layer untouched, so
    // the browser neither restyles nor re-rasters it: ~3.5 ms a frame on the stress site.
    if (this.labelsOn && (updateAll || animating || this.labelsStale)) {
      this.labelsStale = false;
      // Matrices first (the WebGL render updated them), then placement, then the DOM writes.
      this.labelLayout.run(this.allLabels(), this.camera, this.widthPx, this.heightPx);
      this.labels.render(this.scene, this.camera);
      // A label shown for the first time had no size (not in the DOM yet, or `display: none`) and
      // was kept hidden: the layer just drew it, so it has one now. Place it in this same frame;
      // waiting for the next one would leave it out of place for a frame (a second on a loaded machine).
      if (this.labelLayout.unmeasured > 0) {
        this.labelLayout.run(this.allLabels(), this.camera, this.widthPx, this.heightPx);
        this.labels.render(this.scene, this.camera);
      }
      this.stats.labelFrames++;
      // Still without a size (a hidden stage): try again a few frames later, never for ever.
      if (this.labelLayout.unmeasured === 0) this.layoutRetries = 0;
      else if (this.layoutRetries++ < 3) {
        this.labelsStale = true;
        wantsMore = true;
      }
    }
    this.stats.frames++;
    if (animating || wantsMore || this.continuous) this.requestRender();
  };

  private *allLabels(): Iterable<SceneLabel> {
    for (const ext of this.extensions) yield* ext.sceneLabels;
  }

  /** Labels hidden in the last layout because more important ones held every spot around them. */
  get coveredLabels(): number {
    return this.labelLayout.covered;
  }

  /**
   * The label layer is laid out for what the scene shows now: every shown label measured and
   * placed, and no change waiting for the next frame (tests read label boxes only then).
   */
  get labelsSettled(): boolean {
    return this.labelLayout.unmeasured === 0 && !this.labelsStale && !this.dirty && this.fly === null;
  }

  private resize(): void {
    const width = Math.max(this.host.clientWidth, 1);
    const height = Math.max(this.host.clientHeight, 1);
    this.widthPx = width;
    this.heightPx = height;
    this.renderer.setSize(width, height);
    this.labels.setSize(width, height);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.labelsStale = true;
    this.requestRender();
  }

  private readonly onViewChange = (): void => {
    this.frame.viewVersion++;
    this.dirty = true;
    this.requestRender();
  };

  private readonly onUserInput = (): void => {
    if (this.controls.autoRotate) this.controls.autoRotate = false;
    this.fly = null;
    this.armIdle();
  };

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.controls.autoRotate = true;
      this.requestRender();
    }, IDLE_AUTO_ROTATE_MS);
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    this.down.set(event.clientX, event.clientY);
    this.onUserInput();
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    // A click, not the end of a drag.
    if (this.down.distanceTo(this.pointer.set(event.clientX, event.clientY)) > 5) return;
    const pick = this.pickAt(event.clientX, event.clientY);
    if (pick) this.options.onPick(pick);
  };

  /** What is under a screen point (CSS px), nearest first; null for nothing pickable. */
  pickAt(clientX: number, clientY: number): ScenePick | null {
    const rect = this.renderer.domElement.getBoundingClientRect();
    this.pointer.set(((clientX - rect.left) / rect.width) * 2 - 1, -((clientY - rect.top) / rect.height) * 2 + 1);
    this.raycaster.setFromCamera(this.pointer, this.camera);
    const owners = new Map<Object3D, SceneExtension>();
    for (const ext of this.extensions) for (const o of ext.pickables) owners.set(o, ext);
    const hits = this.raycaster.intersectObjects([...owners.keys()], false);
    for (const hit of hits) {
      const pick = owners.get(hit.object)?.pick(hit);
      if (pick) return pick;
    }
    return null;
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.rafId);
    clearTimeout(this.idleTimer);
    this.unsubscribeLive();
    this.resizeObserver.disconnect();
    for (const ext of this.extensions) ext.dispose();
    this.extensions = [];
    this.controls.removeEventListener('change', this.onViewChange);
    this.controls.removeEventListener('start', this.onUserInput);
    this.controls.dispose();
    const el = this.renderer.domElement;
    el.removeEventListener('pointerdown', this.onPointerDown);
    el.removeEventListener('pointerup', this.onPointerUp);
    el.removeEventListener('wheel', this.onUserInput);
    window.removeEventListener('keydown', this.onUserInput);
    this.renderer.dispose();
    el.remove();
    this.labels.domElement.remove();
  }
}
