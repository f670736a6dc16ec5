import type { Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { mediaTicketUrl } from '../../video/media-tickets.js';
import { BaseExtension, type SceneContext, type SceneFrame } from '../scene-extension.js';

/**
 * The site's optional glTF/GLB model (e.g. exported from BIM), placed at the site origin with the
 * site file's scale and heading. glTF is Y-up, metres — the scene's own convention (x east,
 * y up, z south), so only the heading turns it. Loaded once; a failed load is reported, never fatal.
 */
export class SiteGltfExtension extends BaseExtension {
  /** 'none' (no model), 'loading', 'loaded' or 'failed: reason' — for the view and tests. */
  status = 'none';
  private model: Object3D | null = null;
  private announced = false;

  constructor(
    ctx: SceneContext,
    private readonly requestFrame: () => void,
  ) {
    super(ctx);
    const gltf = ctx.model.gltf;
    if (!gltf) return;
    this.status = 'loading';
    const failed = (error: unknown) => {
      this.status = `failed: ${(error as Error).message ?? String(error)}`;
      this.requestFrame();
    };
    void mediaTicketUrl(gltf.url).then((url) => new GLTFLoader().load(
      url,
      (result) => {
        const model = result.scene;
        model.scale.setScalar(gltf.scale);
        // Heading: the model's north turned clockwise by headingDeg (a rotation about up, negative in three.js).
        model.rotation.y = -(gltf.headingDeg * Math.PI) / 180;
        this.model = model;
        this.root.add(model);
        this.status = 'loaded';
        this.requestFrame();
      },
      undefined,
      failed,
    ), failed);
  }

  /** One extra frame once the model has arrived. */
  update(_frame: SceneFrame): boolean {
    if (this.model && !this.announced) {
      this.announced = true;
      return true;
    }
    return this.status === 'loading';
  }

  override dispose(): void {
    this.model?.traverse((object) => {
      const mesh = object as { geometry?: { dispose(): void }; material?: { dispose(): void } | { dispose(): void }[] };
      mesh.geometry?.dispose();
      const materials = Array.isArray(mesh.material) ? mesh.material : mesh.material ? [mesh.material] : [];
      for (const material of materials) material.dispose();
    });
    super.dispose();
  }
}
