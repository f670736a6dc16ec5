import { Group, type BufferGeometry, type Intersection, type Material, type Object3D, type Texture, type Vector3 } from 'three';
import { CSS2DObject } from 'three/examples/jsm/renderers/CSS2DRenderer.js';
import type { AlarmPriority } from '../../../electron/common/alarms.js';
import type { SiteModel } from '../../../electron/common/site-model.js';
import type { ScenePalette } from './palette.js';

/** Alarm state of one source (a device or zone id), as the scene shows it. */
export interface SourceAlarmState {
  /** Highest priority among its alarms whose condition is active now; null when none is. */
  active: AlarmPriority | null;
  /** Highest priority among its unacknowledged alarms (these pulse); null when none. */
  unacked: AlarmPriority | null;
  /**
   * Highest priority among its open alarms (active, unacknowledged, or latched awaiting reset):
   * the object carries this priority's colour and shape until the alarm is back to normal.
   */
  open: AlarmPriority | null;
}

/**
 * What the scene reads from the live site. The console feeds it from SiteState; the benchmark
 * feeds it from a generated stress site. Values are the device's latest reading (`lastValues`):
 * a new object for each reading, so extensions compare identities to find what changed without
 * allocating.
 */
export interface LiveSiteSource {
  values(deviceId: string): Readonly<Record<string, unknown>> | undefined;
  workersOnSite(): number;
  alarmOf(sourceId: string): SourceAlarmState | undefined;
  /** Sources with an unacknowledged alarm (a pulse each). */
  unackedSources(): readonly string[];
  /** Calls back when telemetry, alarms or the worker count change; returns an unsubscribe. */
  subscribe(onChange: (what: 'telemetry' | 'alarms' | 'workers') => void): () => void;
}

/** Everything an extension gets once, when the scene is built. */
export interface SceneContext {
  model: SiteModel;
  palette: ScenePalette;
  /** Translated strings under `site3d.` (i18next `t`). */
  t: (key: string, options?: Record<string, unknown>) => string;
  /** Where long-lived CSS labels go (the CSS2D layer). */
  labelsVisible: boolean;
}

/**
 * One frame's view of the live state. The version counters change when the matching input does,
 * so an extension can skip work with a number compare; `timeMs` drives the alarm pulse only.
 */
export interface SceneFrame {
  live: LiveSiteSource;
  telemetryVersion: number;
  alarmsVersion: number;
  workersVersion: number;
  /** Changes when the language changes: relabel everything. */
  textVersion: number;
  selectedId: string | null;
  timeMs: number;
  /** The viewing camera's world position (shared, do not keep); changes bump `viewVersion`. */
  cameraPosition: Vector3;
  viewVersion: number;
}

/** What a click on the scene hit. */
export type ScenePick = { kind: 'device'; id: string } | { kind: 'camera'; id: string } | { kind: 'panorama'; id: string };

/**
 * A Lichtblick-style scene extension: owns its three.js objects under `root`, brings them up to
 * date in `update`, and frees every GPU resource and label element in `dispose`.
 */
export interface SceneExtension {
  readonly root: Object3D;
  /** Brings the objects up to date. Returns true when it needs another frame soon (animation). */
  update(frame: SceneFrame): boolean;
  /** Objects that clicks are tested against; `pick` turns a hit on one of them into an id. */
  readonly pickables: readonly Object3D[];
  pick(hit: Intersection): ScenePick | null;
  /** A point to fly to for an id this extension draws and a radius to frame, or null. */
  focusOf(id: string, out: Vector3): number | null;
  /** Its labels, for the renderer's declutter pass. */
  readonly sceneLabels: readonly SceneLabel[];
  dispose(): void;
}

/** Bookkeeping shared by the extensions: a root group, tracked resources, labels. */
export abstract class BaseExtension implements SceneExtension {
  readonly root = new Group();
  readonly pickables: Object3D[] = [];
  readonly sceneLabels: SceneLabel[] = [];
  private readonly owned: Array<BufferGeometry | Material | Texture> = [];

  constructor(readonly ctx: SceneContext) {}

  abstract update(frame: SceneFrame): boolean;

  /** Default: objects carrying `userData.deviceId` select that id. */
  pick(hit: Intersection): ScenePick | null {
    const id = hit.object.userData.deviceId as string | undefined;
    return id ? { kind: 'device', id } : null;
  }

  focusOf(_id: string, _out: Vector3): number | null {
    return null;
  }

  /** Registers a geometry, material or texture to free in `dispose`; returns it. */
  protected own<T extends BufferGeometry | Material | Texture>(resource: T): T {
    this.owned.push(resource);
    return resource;
  }

  /** A CSS label (DOM, crisp at any resolution) attached to `parent`. */
  protected label(parent: Object3D, className: string): SceneLabel {
    const element = document.createElement('div');
    element.className = `s3d-label ${className}`;
    const object = new CSS2DObject(element);
    // Sit above the anchor point, not centred on it, so the label never hides what it names.
    object.center.set(0.5, 1);
    parent.add(object);
    const kindPriority = className.split(' ').reduce((sum, c) => sum + (LABEL_PRIORITY[c] ?? 0), 0);
    const label = new SceneLabel(object, element, kindPriority);
    this.sceneLabels.push(label);
    return label;
  }

  dispose(): void {
    this.root.traverse((object) => {
      if (object instanceof CSS2DObject) object.element.remove();
    });
    this.root.removeFromParent();
    for (const resource of this.owned) resource.dispose();
    this.owned.length = 0;
    this.pickables.length = 0;
    this.sceneLabels.length = 0;
  }
}

/**
 * Which label keeps a contested spot on screen (see label-declutter.ts), by kind: live machines
 * and readings over names of structures and areas; the north mark, placed mid-screen by the
 * usual overview, last. The label's state (selected, an alarm's priority) outranks every kind.
 */
const LABEL_PRIORITY: Record<string, number> = {
  's3d-label-conflict': 9,
  's3d-label-crane': 8,
  's3d-label-hoist': 7,
  's3d-label-device': 6,
  's3d-label-building': 5,
  's3d-label-zone': 4,
  's3d-label-panorama': 2,
  's3d-label-north': 1,
  // Among fixed devices, live readings (PM10, noise, displacement) over a gate's name.
  's3d-kind-gate': -1.5,
};
const STATE_PRIORITY: Record<string, number> = {
  's3d-selected': 100,
  's3d-alarm-critical': 50,
  's3d-alarm-high': 40,
  's3d-alarm-medium': 30,
  's3d-alarm-low': 20,
};

/** A DOM label that only touches the DOM when its text or state changes. */
export class SceneLabel {
  private text = '';
  private state = '';
  private statePriority = 0;
  private sizeStale = true;
  private widthPx = 0;
  private heightPx = 0;
  private hidden = false;

  constructor(
    readonly object: CSS2DObject,
    readonly element: HTMLDivElement,
    private readonly kindPriority = 1,
  ) {}

  /** How much this label matters when labels collide: its state first, then its kind. */
  get priority(): number {
    return this.statePriority + this.kindPriority;
  }

  /** Its size in CSS px, measured again only after its text or state changed (a layout read). */
  size(): { width: number; height: number } {
    if (this.sizeStale) {
      this.widthPx = this.element.offsetWidth;
      this.heightPx = this.element.offsetHeight;
      // Not laid out (display: none) reads as 0: measure again next time.
      this.sizeStale = this.widthPx === 0;
    }
    return { width: this.widthPx, height: this.heightPx };
  }

  /** Hides or shows it for the declutter pass (visibility, so its layout and size stay). */
  setHiddenByLayout(hidden: boolean): void {
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    this.element.classList.toggle('s3d-label-covered', hidden);
  }

  /** First line is the title, the rest values; set as text, never HTML (names come from the site file). */
  set(text: string, state = ''): void {
    if (text !== this.text) {
      this.text = text;
      this.sizeStale = true;
      // Reuse the line elements: a reading per second per monitor must not churn the DOM.
      const lines = text.split('\n');
      const children = this.element.children;
      while (children.length > lines.length) children[children.length - 1]!.remove();
      for (let i = 0; i < lines.length; i++) {
        let div = children[i] as HTMLDivElement | undefined;
        if (!div) {
          div = document.createElement('div');
          div.className = i === 0 ? 's3d-label-title' : 's3d-label-value';
          this.element.appendChild(div);
        }
        if (div.textContent !== lines[i]) div.textContent = lines[i]!;
      }
    }
    if (state !== this.state) {
      // `state` is zero or more space-separated classes (an alarm band, selection).
      for (const c of this.state.split(' ')) if (c) this.element.classList.remove(c);
      for (const c of state.split(' ')) if (c) this.element.classList.add(c);
      this.state = state;
      this.statePriority = 0;
      for (const c of state.split(' ')) this.statePriority += STATE_PRIORITY[c] ?? 0;
      this.sizeStale = true;
    }
  }
}
