import { BoxGeometry, Color, CylinderGeometry, Matrix4, MeshBasicMaterial, Object3D, type Intersection, type Vector3 } from 'three';
import { alarmClass, alarmLine, alarmLook, bodyColour, type AlarmLook } from '../alarm-look.js';
import type { DustReading, RangingTelemetry } from '../../../../electron/common/telemetry.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { GeometryBatch } from '../geometry-batch.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel, type ScenePick } from '../scene-extension.js';

type Device = SiteModel['devices'][number];

/** Kinds drawn by their own extension. */
const DRAWN_ELSEWHERE = new Set(['crane', 'hoist']);
const POST_HEIGHT_M = 4;
/**
 * A monitor's label shows when the camera is within this many metres, or always while it alarms or
 * is selected: on a site with hundreds of monitors, all their labels at once are unreadable
 * clutter (and cost a DOM update each per frame).
 */
export const LABEL_RANGE_M = 160;
/** With this many monitors or fewer, every label shows at any distance. */
const ALWAYS_LABEL_UP_TO = 12;

/**
 * Fixed sensors (dust monitors, gates, ranging stations…) as a post + head each, all posts in one
 * batch and all heads in another (two draws for any number; see GeometryBatch). The
 * label gives the reading with its unit (dust: PM10 µg/m³); the priority's colour only while an
 * alarm on the device is open (breathing while unacknowledged), doubled by its shape and word on
 * the label.
 */
export class DevicesExtension extends BaseExtension {
  private readonly devices: Device[];
  private readonly posts: GeometryBatch;
  private readonly heads: GeometryBatch;
  private readonly labels: SceneLabel[] = [];
  private readonly lastValues: unknown[];
  private readonly lastAlarm: Array<AlarmLook | null | 'unset'>;
  private readonly colour = new Color();
  private textVersion = -1;
  private alarmsVersion = -1;
  private selectedId: string | null = null;
  private viewVersion = -1;

  constructor(ctx: SceneContext) {
    super(ctx);
    this.devices = ctx.model.devices.filter((d) => !DRAWN_ELSEWHERE.has(d.kind));
    const n = this.devices.length;
    this.lastValues = this.devices.map(() => null);
    this.lastAlarm = this.devices.map(() => 'unset');
    // Low-poly on purpose (a CPU rasteriser pays per triangle, ×200 monitors): a three-sided
    // post and a box head, the shape of a monitoring station's cabinet on its pole.
    const material = this.own(new MeshBasicMaterial({ vertexColors: true }));
    this.posts = new GeometryBatch(this.own(new CylinderGeometry(0.15, 0.15, POST_HEIGHT_M, 3, 1, true)), material, n, { lit: true });
    this.heads = new GeometryBatch(this.own(new BoxGeometry(1, 0.9, 1)), material, n, { lit: true });
    this.posts.count = n;
    this.heads.count = n;
    const m = new Matrix4();
    for (let i = 0; i < n; i++) {
      const p = this.devices[i]!.position;
      this.posts.setMatrix(i, m.makeTranslation(p.e, p.u + POST_HEIGHT_M / 2, -p.n));
      this.posts.setColor(i, ctx.palette.sensor);
      this.heads.setMatrix(i, m.makeTranslation(p.e, p.u + POST_HEIGHT_M + 0.45, -p.n));
      this.heads.setColor(i, ctx.palette.sensor);
      const anchor = new Object3D();
      anchor.position.set(p.e, p.u + POST_HEIGHT_M + 1.5, -p.n);
      this.root.add(anchor);
      this.labels.push(this.label(anchor, `s3d-label-device s3d-kind-${this.devices[i]!.kind}`));
    }
    this.posts.commit();
    this.heads.commit();
    this.root.add(this.posts.mesh, this.heads.mesh);
    this.pickables.push(this.posts.mesh, this.heads.mesh);
  }

  update(frame: SceneFrame): boolean {
    const relabel = frame.textVersion !== this.textVersion || frame.selectedId !== this.selectedId;
    const alarmsChanged = frame.alarmsVersion !== this.alarmsVersion;
    this.textVersion = frame.textVersion;
    this.alarmsVersion = frame.alarmsVersion;
    this.selectedId = frame.selectedId;
    let recoloured = false;
    let breathing = false;
    const t = this.ctx.t;
    for (let i = 0; i < this.devices.length; i++) {
      const device = this.devices[i]!;
      const values = frame.live.values(device.id);
      const before = this.lastAlarm[i]!;
      const look = alarmsChanged ? alarmLook(frame.live.alarmOf(device.id)) : (before === 'unset' ? null : before);
      const lookChanged = before === 'unset' || look?.priority !== before?.priority || look?.unacked !== before?.unacked;
      if (lookChanged || look?.unacked) {
        const c = bodyColour(look, this.ctx.palette, this.ctx.palette.sensor, frame.timeMs, this.colour);
        this.heads.setColor(i, c);
        this.posts.setColor(i, look ? c : this.ctx.palette.sensor);
        recoloured = true;
        breathing ||= look?.unacked === true;
      }
      if (values === this.lastValues[i] && !lookChanged && !relabel) continue;
      this.lastValues[i] = values;
      this.lastAlarm[i] = look;
      let reading = '';
      if (device.kind === 'dust') {
        const pm10 = (values as DustReading | undefined)?.pm10;
        reading = typeof pm10 === 'number' ? `PM10 ${pm10.toFixed(0)} µg/m³` : `PM10 — µg/m³`;
      } else if (device.kind === 'ranging') {
        const d = (values as Partial<RangingTelemetry> | undefined)?.distanceM;
        reading = typeof d === 'number' ? `${d.toFixed(3)} m` : '';
      } else {
        reading = t(`kind.${device.kind}`);
      }
      const alarm = look ? `\n${alarmLine(look, t)}` : '';
      const state = [alarmClass(look), device.id === frame.selectedId ? 's3d-selected' : ''].filter(Boolean).join(' ');
      this.labels[i]!.set(`${device.name}\n${reading}${alarm}`, state);
    }
    if (recoloured) {
      this.heads.commit();
      this.posts.commit();
    }
    if (this.devices.length > ALWAYS_LABEL_UP_TO && (frame.viewVersion !== this.viewVersion || alarmsChanged || relabel)) {
      this.viewVersion = frame.viewVersion;
      const c = frame.cameraPosition;
      const range2 = LABEL_RANGE_M * LABEL_RANGE_M;
      for (let i = 0; i < this.devices.length; i++) {
        const p = this.devices[i]!.position;
        const dx = p.e - c.x;
        const dy = p.u - c.y;
        const dz = -p.n - c.z;
        const alarmed = this.lastAlarm[i] !== null && this.lastAlarm[i] !== 'unset';
        this.labels[i]!.object.visible = dx * dx + dy * dy + dz * dz < range2 || alarmed || this.devices[i]!.id === frame.selectedId;
      }
    }
    return breathing;
  }

  override pick(hit: Intersection): ScenePick | null {
    const batch = hit.object === this.posts.mesh ? this.posts : this.heads;
    const device = hit.faceIndex == null ? undefined : this.devices[batch.copyOfFace(hit.faceIndex)];
    return device ? { kind: 'device', id: device.id } : null;
  }

  override dispose(): void {
    this.posts.dispose();
    this.heads.dispose();
    super.dispose();
  }

  override focusOf(id: string, out: Vector3): number | null {
    const device = this.devices.find((d) => d.id === id);
    if (!device) return null;
    out.set(device.position.e, device.position.u + 2, -device.position.n);
    return 25;
  }
}

