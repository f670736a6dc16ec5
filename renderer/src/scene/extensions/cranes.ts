import { BufferAttribute, BufferGeometry, Color, InstancedMesh, LineBasicMaterial, LineSegments, MeshLambertMaterial, Object3D, type Intersection, type Vector3 } from 'three';
import type { CraneTelemetry } from '../../../../electron/common/telemetry.js';
import { counterJibSegment, frontJibSegment, hoistRope, hookPosition, jibDirection, mastSegment, type CraneGeometry, type CranePose } from '../../../../electron/common/geometry/index.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { momentBand } from '../moment-bands.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel, type ScenePick } from '../scene-extension.js';
import { dynamicInstances, instancesMoved, setBoxInstance, setSegmentInstance, unitBox } from './instancing.js';

type Crane = SiteModel['cranes'][number];

/** Pose drawn before a crane's first reading: jib north, trolley mid-jib, hook 10 m under the jib. */
function restingPose(crane: Crane): CranePose {
  return { slewDeg: 0, radiusM: crane.jibLengthM / 2, heightM: Math.max(crane.towerHeightM - 10, 0) };
}

/** Reads a crane reading's pose fields when all are numbers. */
export function cranePoseOf(values: Readonly<Record<string, unknown>> | undefined): CranePose | null {
  if (!values) return null;
  const { slewDeg, radiusM, heightM } = values as Partial<CraneTelemetry>;
  if (typeof slewDeg !== 'number' || typeof radiusM !== 'number' || typeof heightM !== 'number') return null;
  return { slewDeg, radiusM, heightM };
}

/**
 * Tower cranes, all instanced: one InstancedMesh per part (mast, tower head, jib, counter-jib,
 * counterweight, trolley, hook) and one line set for the ropes, so 20 cranes cost the same draw
 * calls as 2. Positions come from common/geometry (the same functions the anti-collision rules
 * use). The hook is coloured by the load-moment band (≥ 90 / 100 / 110 %), and the label says it.
 */
export class CranesExtension extends BaseExtension {
  private readonly cranes: Crane[];
  private readonly geometries: CraneGeometry[];
  private readonly lastValues: Array<Readonly<Record<string, unknown>> | undefined | null>;
  private readonly labels: SceneLabel[] = [];
  private readonly labelAnchors: Object3D[] = [];
  private readonly mast: InstancedMesh;
  private readonly head: InstancedMesh;
  private readonly jib: InstancedMesh;
  private readonly counterJib: InstancedMesh;
  private readonly counterweight: InstancedMesh;
  private readonly trolley: InstancedMesh;
  private readonly hook: InstancedMesh;
  private readonly ropePositions: Float32Array;
  private readonly ropes: LineSegments;
  private readonly colour = new Color();
  private textVersion = -1;
  private selectedId: string | null = null;

  constructor(ctx: SceneContext) {
    super(ctx);
    this.cranes = ctx.model.cranes;
    this.geometries = this.cranes.map((c) => ({ towerHeightM: c.towerHeightM, jibLengthM: c.jibLengthM, counterJibLengthM: c.counterJibLengthM }));
    this.lastValues = this.cranes.map(() => null);
    const n = this.cranes.length;
    const box = this.own(unitBox());
    const steel = this.own(new MeshLambertMaterial({ color: ctx.palette.crane }));
    const hookMaterial = this.own(new MeshLambertMaterial({ color: 0xffffff }));
    this.mast = dynamicInstances(box, steel, n);
    this.head = dynamicInstances(box, steel, n);
    this.jib = dynamicInstances(box, steel, n);
    this.counterJib = dynamicInstances(box, steel, n);
    this.counterweight = dynamicInstances(box, this.own(new MeshLambertMaterial({ color: ctx.palette.structure })), n);
    this.trolley = dynamicInstances(box, steel, n);
    this.hook = dynamicInstances(box, hookMaterial, n);
    for (const mesh of [this.mast, this.head, this.jib, this.counterJib, this.counterweight, this.trolley, this.hook]) this.root.add(mesh);
    this.pickables.push(this.mast, this.jib, this.counterJib, this.hook, this.head);
    for (let i = 0; i < n; i++) this.hook.setColorAt(i, ctx.palette.hookNeutral);

    this.ropePositions = new Float32Array(n * 6);
    const ropeGeometry = this.own(new BufferGeometry());
    ropeGeometry.setAttribute('position', new BufferAttribute(this.ropePositions, 3).setUsage(35048));
    this.ropes = new LineSegments(ropeGeometry, this.own(new LineBasicMaterial({ color: ctx.palette.hookNeutral })));
    this.ropes.frustumCulled = false;
    this.root.add(this.ropes);

    for (let i = 0; i < n; i++) {
      const crane = this.cranes[i]!;
      const seg = mastSegment(crane.base, this.geometries[i]!);
      setSegmentInstance(this.mast, i, seg.start, seg.end, 1.8, 1.8);
      setBoxInstance(this.head, i, crane.base.e, crane.base.n, crane.base.u + crane.towerHeightM + 4, 1.2, 8, 1.2);
      const anchor = new Object3D();
      anchor.position.set(crane.base.e, crane.base.u + crane.towerHeightM + 10, -crane.base.n);
      this.root.add(anchor);
      this.labelAnchors.push(anchor);
      this.labels.push(this.label(anchor, 's3d-label-crane'));
      this.placePose(i, restingPose(crane));
    }
    instancesMoved(this.mast);
    instancesMoved(this.head);
  }

  update(frame: SceneFrame): boolean {
    const relabel = frame.textVersion !== this.textVersion || frame.selectedId !== this.selectedId;
    this.textVersion = frame.textVersion;
    this.selectedId = frame.selectedId;
    let moved = false;
    for (let i = 0; i < this.cranes.length; i++) {
      const crane = this.cranes[i]!;
      const values = frame.live.values(crane.id);
      if (values === this.lastValues[i] && !relabel) continue;
      this.lastValues[i] = values;
      const pose = cranePoseOf(values);
      if (pose) {
        this.placePose(i, pose);
        moved = true;
      }
      const momentPct = typeof values?.momentPct === 'number' ? values.momentPct : undefined;
      const loadT = typeof values?.loadT === 'number' ? values.loadT : undefined;
      const band = momentBand(momentPct);
      this.colour.copy(band ? this.ctx.palette.alarm[band.priority] : this.ctx.palette.hookNeutral);
      this.hook.setColorAt(i, this.colour);
      moved = true;
      const t = this.ctx.t;
      const lines = [crane.name];
      if (momentPct !== undefined) {
        const word = band ? ` · ${t(`moment.${band.word}`)}` : '';
        lines.push(`${t('moment.label')} ${momentPct.toFixed(1)} %${word}`);
      }
      if (loadT !== undefined) lines.push(`${t('load')} ${loadT.toFixed(1)} t`);
      const state = [band ? `s3d-alarm-${band.priority}` : '', crane.id === frame.selectedId ? 's3d-selected' : ''].filter(Boolean).join(' ');
      this.labels[i]!.set(lines.join('\n'), state);
    }
    if (moved) {
      for (const mesh of [this.jib, this.counterJib, this.counterweight, this.trolley, this.hook]) instancesMoved(mesh);
      (this.ropes.geometry.getAttribute('position') as BufferAttribute).needsUpdate = true;
      this.ropes.geometry.boundingSphere = null;
    }
    return false;
  }

  private placePose(i: number, pose: CranePose): void {
    const crane = this.cranes[i]!;
    const geometry = this.geometries[i]!;
    const front = frontJibSegment(crane.base, geometry, pose.slewDeg);
    setSegmentInstance(this.jib, i, front.start, front.end, 1.4, 1.6);
    const back = counterJibSegment(crane.base, geometry, pose.slewDeg);
    setSegmentInstance(this.counterJib, i, back.start, back.end, 1.8, 1.2);
    setBoxInstance(this.counterweight, i, back.end.e, back.end.n, back.end.u - 1.5, 2.6, 2.4, 2.6);
    const rope = hoistRope(crane.base, pose, geometry);
    setBoxInstance(this.trolley, i, rope.start.e, rope.start.n, rope.start.u - 1, 1.6, 0.8, 1.6);
    const hook = hookPosition(crane.base, pose);
    setBoxInstance(this.hook, i, hook.e, hook.n, hook.u - 0.8, 1.6, 1.6, 1.6);
    const p = this.ropePositions;
    const k = i * 6;
    p[k] = rope.start.e;
    p[k + 1] = rope.start.u - 1;
    p[k + 2] = -rope.start.n;
    p[k + 3] = hook.e;
    p[k + 4] = hook.u;
    p[k + 5] = -hook.n;
  }

  override pick(hit: Intersection): ScenePick | null {
    const index = hit.instanceId;
    return index === undefined || !this.cranes[index] ? null : { kind: 'device', id: this.cranes[index].id };
  }

  override focusOf(id: string, out: Vector3): number | null {
    const i = this.cranes.findIndex((c) => c.id === id);
    if (i < 0) return null;
    const crane = this.cranes[i]!;
    const pose = cranePoseOf(this.lastValues[i] ?? undefined) ?? restingPose(crane);
    const dir = jibDirection(pose.slewDeg);
    const reach = crane.jibLengthM * 0.3;
    out.set(crane.base.e + dir.e * reach, crane.base.u + crane.towerHeightM * 0.6, -(crane.base.n + dir.n * reach));
    return Math.max(crane.jibLengthM, crane.towerHeightM) * 1.1;
  }
}
