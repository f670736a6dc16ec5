import { Mesh, MeshLambertMaterial, Object3D, type Vector3 } from 'three';
import { alarmClass, alarmLine, alarmLook, bodyColour, type AlarmLook } from '../alarm-look.js';
import type { HoistTelemetry } from '../../../../electron/common/telemetry.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel } from '../scene-extension.js';
import { unitBox } from './box-placement.js';

interface HoistObjects {
  hoist: SiteModel['hoists'][number];
  cage: Object3D;
  door: Mesh;
  /** The cage's own material: it takes the colour of an open alarm on this hoist. */
  cageMaterial: MeshLambertMaterial;
  label: SceneLabel;
  lastValues: unknown;
  look: AlarmLook | null;
}

/**
 * Construction hoists: the mast, and the cage at its reported height with its landing door drawn
 * open (swung out) or closed, and said in words on the label. Few per site, so plain meshes.
 */
export class HoistsExtension extends BaseExtension {
  private readonly hoists: HoistObjects[] = [];
  private textVersion = -1;
  private alarmsVersion = -1;
  private selectedId: string | null = null;

  constructor(ctx: SceneContext) {
    super(ctx);
    const box = this.own(unitBox());
    const steel = this.own(new MeshLambertMaterial({ color: ctx.palette.crane }));
    const doorMaterial = this.own(new MeshLambertMaterial({ color: ctx.palette.structureEdge }));
    for (const hoist of ctx.model.hoists) {
      const cageMaterial = this.own(new MeshLambertMaterial({ color: ctx.palette.sensor }));
      const mast = new Mesh(box, steel);
      mast.scale.set(0.9, hoist.mastHeightM, 0.9);
      mast.position.set(hoist.base.e, hoist.base.u + hoist.mastHeightM / 2, -hoist.base.n);
      mast.userData.deviceId = hoist.id;
      const cage = new Object3D();
      const body = new Mesh(box, cageMaterial);
      body.scale.set(3, 2.6, 2.2);
      body.position.set(-2, 1.3, 0);
      body.userData.deviceId = hoist.id;
      // The landing door on the cage's far face, hinged at its bottom edge: open = lowered ramp.
      const hinge = new Object3D();
      hinge.position.set(-3.5, 0, 0);
      const door = new Mesh(box, doorMaterial);
      door.scale.set(0.12, 2.4, 2);
      door.position.set(0, 1.2, 0);
      hinge.add(door);
      cage.add(body, hinge);
      cage.position.set(hoist.base.e, hoist.base.u, -hoist.base.n);
      const anchor = new Object3D();
      anchor.position.set(-2, 4.5, 0);
      cage.add(anchor);
      this.root.add(mast, cage);
      this.pickables.push(mast, body);
      this.hoists.push({ hoist, cage, door, cageMaterial, label: this.label(anchor, 's3d-label-hoist'), lastValues: null, look: null });
    }
  }

  update(frame: SceneFrame): boolean {
    const alarmsChanged = frame.alarmsVersion !== this.alarmsVersion;
    const relabel = frame.textVersion !== this.textVersion || frame.selectedId !== this.selectedId || alarmsChanged;
    this.textVersion = frame.textVersion;
    this.selectedId = frame.selectedId;
    this.alarmsVersion = frame.alarmsVersion;
    const t = this.ctx.t;
    let breathing = false;
    for (const h of this.hoists) {
      if (alarmsChanged) h.look = alarmLook(frame.live.alarmOf(h.hoist.id));
      if (alarmsChanged || h.look?.unacked) {
        bodyColour(h.look, this.ctx.palette, this.ctx.palette.sensor, frame.timeMs, h.cageMaterial.color);
        breathing ||= h.look?.unacked === true;
      }
      const values = frame.live.values(h.hoist.id) as Partial<HoistTelemetry> | undefined;
      if (values === h.lastValues && !relabel) continue;
      h.lastValues = values;
      const height = typeof values?.heightM === 'number' ? values.heightM : 0;
      h.cage.position.y = h.hoist.base.u + height;
      const open = values?.doorOpen === true;
      // Hinged at the bottom: open swings the door out 80° (a landing ramp); closed stands up.
      h.door.parent!.rotation.z = open ? (80 * Math.PI) / 180 : 0;
      const lines = [h.hoist.name];
      if (values) {
        const floor = typeof values.floor === 'number' ? t('hoist.floor', { floor: values.floor }) : '';
        lines.push(`${floor} · ${height.toFixed(1)} m`, open ? t('hoist.doorOpen') : t('hoist.doorClosed'));
      }
      if (h.look) lines.push(alarmLine(h.look, t));
      h.label.set(lines.join('\n'), [alarmClass(h.look), h.hoist.id === frame.selectedId ? 's3d-selected' : ''].filter(Boolean).join(' '));
    }
    return breathing;
  }

  override focusOf(id: string, out: Vector3): number | null {
    const h = this.hoists.find((x) => x.hoist.id === id);
    if (!h) return null;
    out.set(h.hoist.base.e, h.cage.position.y, -h.hoist.base.n);
    return 35;
  }
}
