import { BufferAttribute, BufferGeometry, LineBasicMaterial, LineSegments, Mesh, MeshBasicMaterial, Object3D, SphereGeometry } from 'three';
import { classifyClearance, craneClearance, reachesOverlap, type CraneState } from '../../../../electron/common/geometry/index.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel } from '../scene-extension.js';
import { cranePoseOf } from './cranes.js';

/** GB 5144-2006 §10.5 safety distance between cranes, metres (the alarm rules' default). */
export const SAFETY_DISTANCE_M = 2;

interface PairMarker {
  a: number;
  b: number;
  line: LineSegments;
  positions: Float32Array;
  material: LineBasicMaterial;
  ends: [Mesh, Mesh];
  endMaterial: MeshBasicMaterial;
  anchor: Object3D;
  label: SceneLabel;
  lastA: unknown;
  lastB: unknown;
}

/**
 * Group anti-collision: for each pair of cranes whose reaches can meet (screened once with
 * `reachesOverlap`), the closest approach from `craneClearance` at the live poses. Below twice the
 * safety distance a marker joins the two closest points: medium colour below 2×, critical below
 * 1× (the anti-collision rule's priorities), with the distance written beside it.
 */
export class AntiCollisionExtension extends BaseExtension {
  private readonly cranes: SiteModel['cranes'];
  private readonly pairs: PairMarker[] = [];
  private readonly states: CraneState[];
  private textVersion = -1;

  constructor(ctx: SceneContext, private readonly safetyDistanceM = SAFETY_DISTANCE_M) {
    super(ctx);
    this.cranes = ctx.model.cranes;
    this.states = this.cranes.map((c) => ({
      base: c.base,
      geometry: { towerHeightM: c.towerHeightM, jibLengthM: c.jibLengthM, counterJibLengthM: c.counterJibLengthM },
      telemetry: { slewDeg: 0, radiusM: 0, heightM: 0 },
    }));
    const sphere = this.own(new SphereGeometry(0.9, 16, 12));
    for (let a = 0; a < this.cranes.length; a++) {
      for (let b = a + 1; b < this.cranes.length; b++) {
        if (!reachesOverlap(this.states[a]!, this.states[b]!, 2 * safetyDistanceM)) continue;
        const positions = new Float32Array(6);
        const geometry = this.own(new BufferGeometry());
        geometry.setAttribute('position', new BufferAttribute(positions, 3));
        const material = this.own(new LineBasicMaterial({ color: ctx.palette.alarm.medium, depthTest: false }));
        const line = new LineSegments(geometry, material);
        line.frustumCulled = false;
        line.renderOrder = 10;
        const endMaterial = this.own(new MeshBasicMaterial({ color: ctx.palette.alarm.medium, depthTest: false }));
        const ends: [Mesh, Mesh] = [new Mesh(sphere, endMaterial), new Mesh(sphere, endMaterial)];
        const anchor = new Object3D();
        const group = new Object3D();
        group.visible = false;
        group.add(line, ends[0], ends[1], anchor);
        this.root.add(group);
        const label = this.label(anchor, 's3d-label-conflict');
        this.pairs.push({ a, b, line, positions, material, ends, endMaterial, anchor, label, lastA: null, lastB: null });
      }
    }
  }

  update(frame: SceneFrame): boolean {
    const relabel = frame.textVersion !== this.textVersion;
    this.textVersion = frame.textVersion;
    for (const pair of this.pairs) {
      const va = frame.live.values(this.cranes[pair.a]!.id);
      const vb = frame.live.values(this.cranes[pair.b]!.id);
      if (va === pair.lastA && vb === pair.lastB && !relabel) continue;
      pair.lastA = va;
      pair.lastB = vb;
      const poseA = cranePoseOf(va);
      const poseB = cranePoseOf(vb);
      const group = pair.line.parent!;
      if (!poseA || !poseB) {
        group.visible = false;
        pair.label.object.visible = false;
        continue;
      }
      this.states[pair.a]!.telemetry = poseA;
      this.states[pair.b]!.telemetry = poseB;
      const clearance = craneClearance(this.states[pair.a]!, this.states[pair.b]!);
      const level = Number.isNaN(clearance.distanceM) ? 'critical' : classifyClearance(clearance.distanceM, this.safetyDistanceM);
      const show = level !== 'clear';
      group.visible = show;
      pair.label.object.visible = show;
      if (!show) continue;
      const colour = this.ctx.palette.alarm[level === 'critical' ? 'critical' : 'medium'];
      pair.material.color.copy(colour);
      pair.endMaterial.color.copy(colour);
      const { pointA: p, pointB: q } = clearance;
      pair.positions[0] = p.e; pair.positions[1] = p.u; pair.positions[2] = -p.n;
      pair.positions[3] = q.e; pair.positions[4] = q.u; pair.positions[5] = -q.n;
      (pair.line.geometry.getAttribute('position') as BufferAttribute).needsUpdate = true;
      pair.ends[0].position.set(p.e, p.u, -p.n);
      pair.ends[1].position.set(q.e, q.u, -q.n);
      pair.anchor.position.set((p.e + q.e) / 2, (p.u + q.u) / 2 + 3, -(p.n + q.n) / 2);
      const t = this.ctx.t;
      pair.label.set(
        `${t('conflict.title')}\n${this.cranes[pair.a]!.name} ↔ ${this.cranes[pair.b]!.name}\n${clearance.distanceM.toFixed(1)} m · ${t(`priority.${level === 'critical' ? 'critical' : 'medium'}`)}`,
        `s3d-alarm-${level === 'critical' ? 'critical' : 'medium'}`,
      );
    }
    return false;
  }
}
