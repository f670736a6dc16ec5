import { BufferAttribute, BufferGeometry, Color, LineBasicMaterial, LineSegments, Matrix4, MeshBasicMaterial, Object3D, type Intersection, type Vector3 } from 'three';
import type { CraneTelemetry } from '../../../../electron/common/telemetry.js';
import { counterJibSegment, frontJibSegment, hoistRope, hookPosition, jibDirection, mastSegment, type CraneGeometry, type CranePose } from '../../../../electron/common/geometry/index.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { craneLabel } from './crane-label.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel, type ScenePick } from '../scene-extension.js';
import { GeometryBatch } from '../geometry-batch.js';
import { boxMatrix, segmentMatrix, unitBox } from './box-placement.js';
import { alarmClass, alarmLine, alarmLook, bodyColour, type AlarmLook } from '../alarm-look.js';

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

/** A crane's box-shaped parts, in their order within the crane's run of copies in the batch. */
const enum Part {
  Mast,
  Head,
  Jib,
  CounterJib,
  Counterweight,
  Trolley,
  Hook,
}
const PARTS = 7;
/** The parts that carry an open alarm's colour: the crane's whole steelwork (the hook keeps its moment band). */
const BODY: readonly Part[] = [Part.Mast, Part.Head, Part.Jib, Part.CounterJib, Part.Trolley];

/**
 * Tower cranes, all in one batch: every part (mast, tower head, jib, counter-jib, counterweight,
 * trolley, hook) of every crane is a box in one GeometryBatch with vertex colours, and the ropes
 * one line set, so 20 cranes cost the same two draw calls as 2. Positions come from common/geometry (the same functions the anti-collision rules
 * use). The hook is coloured by the load-moment band at this crane's own set points
 * (default ≥ 90 / 100 / 110 %, common/crane-moment-bands.ts, as its alarm rules use them), and the label says it.
 */
export class CranesExtension extends BaseExtension {
  private readonly cranes: Crane[];
  private readonly geometries: CraneGeometry[];
  private readonly lastValues: Array<Readonly<Record<string, unknown>> | undefined | null>;
  private readonly labels: SceneLabel[] = [];
  private readonly labelAnchors: Object3D[] = [];
  private readonly parts: GeometryBatch;
  private readonly matrix = new Matrix4();
  private readonly ropePositions: Float32Array;
  private readonly ropes: LineSegments;
  private textVersion = -1;
  private alarmsVersion = -1;
  private selectedId: string | null = null;
  /** Each crane's open alarm (null: none), as last read from the live source. */
  private readonly looks: Array<AlarmLook | null>;
  private readonly colour = new Color();

  constructor(ctx: SceneContext) {
    super(ctx);
    this.cranes = ctx.model.cranes;
    this.looks = this.cranes.map(() => null);
    this.geometries = this.cranes.map((c) => ({ towerHeightM: c.towerHeightM, jibLengthM: c.jibLengthM, counterJibLengthM: c.counterJibLengthM }));
    this.lastValues = this.cranes.map(() => null);
    const n = this.cranes.length;
    this.parts = new GeometryBatch(this.own(unitBox()), this.own(new MeshBasicMaterial({ vertexColors: true })), n * PARTS, { lit: true });
    this.parts.count = n * PARTS;
    this.root.add(this.parts.mesh);
    this.pickables.push(this.parts.mesh);
    for (let i = 0; i < n; i++) {
      for (let part = 0; part < PARTS; part++) this.parts.setColor(i * PARTS + part, ctx.palette.crane);
      this.parts.setColor(i * PARTS + Part.Counterweight, ctx.palette.structure);
      this.parts.setColor(i * PARTS + Part.Hook, ctx.palette.hookNeutral);
    }

    this.ropePositions = new Float32Array(n * 6);
    const ropeGeometry = this.own(new BufferGeometry());
    ropeGeometry.setAttribute('position', new BufferAttribute(this.ropePositions, 3).setUsage(35048));
    this.ropes = new LineSegments(ropeGeometry, this.own(new LineBasicMaterial({ color: ctx.palette.hookNeutral })));
    this.ropes.frustumCulled = false;
    this.root.add(this.ropes);

    for (let i = 0; i < n; i++) {
      const crane = this.cranes[i]!;
      const seg = mastSegment(crane.base, this.geometries[i]!);
      this.place(i, Part.Mast, segmentMatrix(seg.start, seg.end, 1.8, 1.8, this.matrix));
      this.place(i, Part.Head, boxMatrix(crane.base.e, crane.base.n, crane.base.u + crane.towerHeightM + 4, 1.2, 8, 1.2, this.matrix));
      const anchor = new Object3D();
      anchor.position.set(crane.base.e, crane.base.u + crane.towerHeightM + 10, -crane.base.n);
      this.root.add(anchor);
      this.labelAnchors.push(anchor);
      this.labels.push(this.label(anchor, 's3d-label-crane'));
      this.placePose(i, restingPose(crane));
    }
    this.parts.commit();
  }

  update(frame: SceneFrame): boolean {
    const alarmsChanged = frame.alarmsVersion !== this.alarmsVersion;
    const relabel = frame.textVersion !== this.textVersion || frame.selectedId !== this.selectedId || alarmsChanged;
    this.textVersion = frame.textVersion;
    this.selectedId = frame.selectedId;
    this.alarmsVersion = frame.alarmsVersion;
    let moved = false;
    let breathing = false;
    for (let i = 0; i < this.cranes.length; i++) {
      const crane = this.cranes[i]!;
      if (alarmsChanged) this.looks[i] = alarmLook(frame.live.alarmOf(crane.id));
      const look = this.looks[i] ?? null;
      // An open alarm colours the steelwork; unacknowledged, it breathes (a new colour each frame).
      if (alarmsChanged || look?.unacked) {
        this.paintBody(i, look, frame.timeMs);
        moved = true;
        breathing ||= look?.unacked === true;
      }
      const values = frame.live.values(crane.id);
      if (values === this.lastValues[i] && !relabel) continue;
      this.lastValues[i] = values;
      const pose = cranePoseOf(values);
      if (pose) {
        this.placePose(i, pose);
        moved = true;
      }
      const { lines, band } = craneLabel(crane, values, this.ctx.t);
      const hookColour: Color = band ? this.ctx.palette.alarm[band.priority] : this.ctx.palette.hookNeutral;
      this.parts.setColor(i * PARTS + Part.Hook, hookColour);
      moved = true;
      if (look) lines.push(alarmLine(look, this.ctx.t));
      const alarmState = look ? alarmClass(look) : band ? `s3d-alarm-${band.priority}` : '';
      const state = [alarmState, crane.id === frame.selectedId ? 's3d-selected' : ''].filter(Boolean).join(' ');
      this.labels[i]!.set(lines.join('\n'), state);
    }
    if (moved) {
      this.parts.commit();
      (this.ropes.geometry.getAttribute('position') as BufferAttribute).needsUpdate = true;
      this.ropes.geometry.boundingSphere = null;
    }
    return breathing;
  }

  private paintBody(i: number, look: AlarmLook | null, timeMs: number): void {
    bodyColour(look, this.ctx.palette, this.ctx.palette.crane, timeMs, this.colour);
    for (const part of BODY) this.parts.setColor(i * PARTS + part, this.colour);
  }

  private placePose(i: number, pose: CranePose): void {
    const crane = this.cranes[i]!;
    const geometry = this.geometries[i]!;
    const front = frontJibSegment(crane.base, geometry, pose.slewDeg);
    const m = this.matrix;
    this.place(i, Part.Jib, segmentMatrix(front.start, front.end, 1.4, 1.6, m));
    const back = counterJibSegment(crane.base, geometry, pose.slewDeg);
    this.place(i, Part.CounterJib, segmentMatrix(back.start, back.end, 1.8, 1.2, m));
    this.place(i, Part.Counterweight, boxMatrix(back.end.e, back.end.n, back.end.u - 1.5, 2.6, 2.4, 2.6, m));
    const rope = hoistRope(crane.base, pose, geometry);
    this.place(i, Part.Trolley, boxMatrix(rope.start.e, rope.start.n, rope.start.u - 1, 1.6, 0.8, 1.6, m));
    const hook = hookPosition(crane.base, pose);
    this.place(i, Part.Hook, boxMatrix(hook.e, hook.n, hook.u - 0.8, 1.6, 1.6, 1.6, m));
    const p = this.ropePositions;
    const k = i * 6;
    p[k] = rope.start.e;
    p[k + 1] = rope.start.u - 1;
    p[k + 2] = -rope.start.n;
    p[k + 3] = hook.e;
    p[k + 4] = hook.u;
    p[k + 5] = -hook.n;
  }

  private place(crane: number, part: Part, matrix: Matrix4): void {
    this.parts.setMatrix(crane * PARTS + part, matrix);
  }

  override pick(hit: Intersection): ScenePick | null {
    if (hit.faceIndex == null) return null;
    const crane = this.cranes[Math.floor(this.parts.copyOfFace(hit.faceIndex) / PARTS)];
    return crane ? { kind: 'device', id: crane.id } : null;
  }

  override dispose(): void {
    this.parts.dispose();
    super.dispose();
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
