import { Object3D, PerspectiveCamera, Vector2 } from 'three';
import { describe, expect, it } from 'vitest';
import { LabelLayout, shownInScene, type LaidOutLabel } from '../../../../renderer/src/scene/label-layout.js';

/** A label at (x, 0, z) with a fixed size; records what the layout did to it. */
function label(x: number, width: number, parent: Object3D, priority = 1) {
  const object = Object.assign(new Object3D(), { center: new Vector2(0.5, 1) });
  object.position.set(x, 0, 0);
  parent.add(object);
  const l = { object, priority, width, hidden: null as boolean | null, size: () => ({ width: l.width, height: width ? 20 : 0 }), setHiddenByLayout: (h: boolean) => (l.hidden = h) };
  return l satisfies LaidOutLabel;
}

function scene() {
  const root = new Object3D();
  const camera = new PerspectiveCamera(50, 16 / 9, 0.1, 1000);
  camera.position.set(0, 0, 50);
  camera.lookAt(0, 0, 0);
  camera.updateMatrixWorld();
  return { root, camera, layout: new LabelLayout(), lay: (layout: LabelLayout, labels: LaidOutLabel[]) => (root.updateMatrixWorld(true), layout.run(labels, camera, 1600, 900)) };
}

describe('the label layout pass', () => {
  it('hides a label that has no size yet instead of placing a zero-size box over its neighbours, and places it once measured', () => {
    const { root, layout, lay } = scene();
    const named = label(0, 120, root);
    const fresh = label(0.2, 0, root, 5); // just shown: display none until the layer draws it
    lay(layout, [named, fresh]);
    expect(fresh.hidden).toBe(true);
    expect(named.hidden).toBe(false);
    expect(layout.unmeasured).toBe(1);
    expect(layout.covered).toBe(0);
    // Drawn now, it has its size: the pass run again places it (it outranks the name, which moves aside).
    fresh.width = 150;
    lay(layout, [named, fresh]);
    expect(layout.unmeasured).toBe(0);
    expect(fresh.hidden).toBe(false);
    expect(named.object.center.x).not.toBe(0.5);
  });

  it('leaves out a label under a hidden parent, as CSS2DRenderer does', () => {
    const { root, layout, lay } = scene();
    const group = new Object3D();
    root.add(group);
    group.visible = false;
    const inside = label(0, 0, group);
    lay(layout, [inside]);
    expect(shownInScene(inside.object)).toBe(false);
    expect(layout.unmeasured).toBe(0);
    expect(inside.hidden).toBe(null);
  });
});
