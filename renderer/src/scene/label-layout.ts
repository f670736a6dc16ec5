import { Vector3, type Camera } from 'three';
import { declutter, placementCenter, type LabelBox } from './label-declutter.js';
import type { SceneLabel } from './scene-extension.js';

/**
 * The declutter pass over the CSS2D label layer, run just before the layer is laid out: works out
 * where each label's anchor falls on screen and, with its size (measured once per text change),
 * moves a label beside its anchor or hides it when a more important label holds the spot.
 */
export class LabelLayout {
  private readonly at = new Vector3();
  private readonly boxes: LabelBox[] = [];
  private readonly placed: SceneLabel[] = [];
  /** Labels hidden by the last pass because others held every spot around their anchor. */
  covered = 0;
  /** Labels laid out without a size yet (never shown): the pass wants another frame. */
  unmeasured = 0;

  run(labels: Iterable<SceneLabel>, camera: Camera, widthPx: number, heightPx: number): void {
    this.boxes.length = 0;
    this.placed.length = 0;
    this.unmeasured = 0;
    for (const label of labels) {
      // The same test CSS2DRenderer applies: switched off, or behind or beyond the camera.
      if (!label.object.visible) continue;
      this.at.setFromMatrixPosition(label.object.matrixWorld).project(camera);
      if (this.at.z < -1 || this.at.z > 1) continue;
      const { width, height } = label.size();
      if (width === 0) this.unmeasured++;
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
