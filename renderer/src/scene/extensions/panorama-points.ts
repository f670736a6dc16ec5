import { CylinderGeometry, Mesh, MeshLambertMaterial, Vector3, type Intersection } from 'three';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { BaseExtension, type SceneContext, type SceneFrame, type SceneLabel, type ScenePick } from '../scene-extension.js';

/** Tripod-height marker, metres: where the 360° camera stands. */
const MARKER_HEIGHT_M = 1.6;

/**
 * Panorama capture points: a slim post at each point with its name; a click opens the point's
 * panoramas (timeline, comparison, measurement).
 */
export class PanoramaPointsExtension extends BaseExtension {
  private readonly points: SiteModel['panoramaPoints'];
  private readonly labels: SceneLabel[] = [];
  private textVersion = -1;

  constructor(ctx: SceneContext) {
    super(ctx);
    this.points = ctx.model.panoramaPoints ?? [];
    const geometry = this.own(new CylinderGeometry(0.25, 0.25, MARKER_HEIGHT_M, 12));
    const material = this.own(new MeshLambertMaterial({ color: ctx.palette.camera }));
    for (const point of this.points) {
      const post = new Mesh(geometry, material);
      post.position.set(point.position.e, point.position.u + MARKER_HEIGHT_M / 2, -point.position.n);
      post.userData.panoramaPointId = point.id;
      this.root.add(post);
      this.pickables.push(post);
      this.labels.push(this.label(post, 's3d-label-panorama'));
    }
  }

  update(frame: SceneFrame): boolean {
    if (frame.textVersion === this.textVersion) return false;
    this.textVersion = frame.textVersion;
    this.points.forEach((point, i) => this.labels[i]?.set(`◎ ${point.name}\n${this.ctx.t('panoramaPoint')}`));
    return false;
  }

  override pick(hit: Intersection): ScenePick | null {
    const id = hit.object.userData.panoramaPointId as string | undefined;
    return id ? { kind: 'panorama', id } : null;
  }

  override focusOf(id: string, out: Vector3): number | null {
    const point = this.points.find((p) => p.id === id);
    if (!point) return null;
    out.set(point.position.e, point.position.u + MARKER_HEIGHT_M, -point.position.n);
    return 12;
  }
}
