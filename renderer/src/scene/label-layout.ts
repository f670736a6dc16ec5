import { Vector3, type Camera, type Object3D } from 'three';
import { declutter, placementCenter, type LabelBox } from './label-declutter.js';

/** What the layout needs of a label (SceneLabel in the scene; plain objects in unit tests). */
export interface LaidOutLabel {
  readonly object: Object3D & { center: { set(x: number, y: number): unknown } };
  readonly priority: number;
  size(): { width: number; height: number };
  setHiddenByLayout(hidden: boolean): void;
}

/**
 * The declutter pass over the CSS2D label layer, run just before the layer is laid out: works out
 * where each label's anchor falls on screen and, with its size (measured once per text change),
 * moves a label beside its anchor or hides it when a more important label holds the spot.
 *
 * A label without a size yet (just added, so not in the DOM, or just shown after CSS2DRenderer
 * had it `display: none`) is hidden, not placed: placed as a zero-size box it would take a spot
 * nobody else wants and show over its neighbours until the next pass. The renderer runs the pass
 * again right after the layer is drawn (when the label has its size), in the same frame.
 */
export class LabelLayout {
  private readonly at = new Vector3();
  private readonly boxes: LabelBox[] = [];
  private readonly placed: LaidOutLabel[] = [];
  /** Labels hidden by the last pass because others held every spot around their anchor. */
  covered = 0;
  /** Labels hidden by the last pass because they had no size yet: the pass wants to run again. */
  unmeasured = 0;

  run(labels: Iterable<LaidOutLabel>, camera: Camera, widthPx: number, heightPx: number): void {
    this.boxes.length = 0;
    this.placed.length = 0;
    this.unmeasured = 0;
    for (const label of labels) {
      // The same test CSS2DRenderer applies: switched off (itself or a parent), or behind or beyond the camera.
      if (!shownInScene(label.object)) continue;
      this.at.setFromMatrixPosition(label.object.matrixWorld).project(camera);
      if (this.at.z < -1 || this.at.z > 1) continue;
      const { width, height } = label.size();
      if (width === 0) {
        this.unmeasured++;
        label.setHiddenByLayout(true);
        continue;
      }
      this.boxes.push({ anchorX: (this.at.x * 0.5 + 0.5) * widthPx, anchorY: (-this.at.y * 0.5 + 0.5) * heightPx, width, height, priority: label.priority, depth: this.at.z });
      this.placed.push(label);
    }
    const chosen = declutter(this.boxes);
    this.covered = 0;
    for (let i = 0; i < this.placed.length; i++) {
      const label = this.placed[i]!;
      const p = chosen[i]!;
      label.setHiddenByLayout(p < 0);
      if (p < 0) this.covered++;
      else label.object.center.set(...placementCenter(p, this.boxes[i]!.width, this.boxes[i]!.height));
    }
  }
}

/** Whether the object and every parent are visible (CSS2DRenderer hides a label under a hidden parent). */
export function shownInScene(object: Object3D): boolean {
  for (let o: Object3D | null = object; o; o = o.parent) if (!o.visible) return false;
  return true;
}
