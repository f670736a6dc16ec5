import * as THREE from 'three';
import { enuDirection } from '../../../../electron/common/panorama/equirect.js';
import { tileBounds, tileUrl, type TileLevel } from '../../../../electron/common/panorama/tiles.js';
import type { ViewState } from '../../../../electron/common/panorama/view-math.js';
import { mediaTicketUrl } from '../../video/media-tickets.js';

/** Highest tiles kept on the GPU at once; older ones are disposed first (bounded memory). */
const MAX_DETAIL_TILES = 96;
/** Tile downloads in flight at once. */
const MAX_LOADS = 4;

interface TileRequest {
  key: string;
  level: TileLevel;
  col: number;
  row: number;
  order: number;
}

/**
 * Draws one capture on the inside of a sphere with three.js: level 0 (one 512 px tile, the first
 * view) covers the sphere at once, the ≤2048 px level follows, and the sharpest levels are loaded
 * only for what is on screen when zoomed in. Each tile is its own patch of the sphere in the
 * site's frame (x east, y up, z south), rotated by the capture's heading so north is north.
 * Renders on demand, never in a busy loop.
 */
export class SphereRenderer {
  readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(75, 1, 0.1, 1000);
  private readonly loader = new THREE.TextureLoader();
  private readonly tiles = new Map<string, THREE.Mesh>();
  private readonly detailOrder: string[] = [];
  private readonly queue: TileRequest[] = [];
  private loading = 0;
  private frame = 0;
  private disposed = false;
  private view: ViewState = { bearingDeg: 0, pitchDeg: 0, fovDeg: 75 };
  /** Time the first tile was drawn, ms since construction (first-view measurement). */
  firstViewMs: number | null = null;
  private readonly started = performance.now();

  constructor(
    canvas: HTMLCanvasElement,
    private readonly captureId: string,
    private readonly levels: TileLevel[],
    private readonly headingDeg: number,
    private readonly token: string,
    private readonly onFirstView?: (ms: number) => void,
  ) {
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    this.camera.rotation.order = 'YXZ';
    const base = levels[0]!;
    this.request(base, 0, 0, 0);
    const mid = [...levels].reverse().find((l) => l.width <= 2048 && l.level > 0);
    if (mid) for (let row = 0; row < mid.rows; row++) for (let col = 0; col < mid.cols; col++) this.request(mid, col, row, 1);
  }

  setView(view: ViewState, width: number, height: number): void {
    this.view = view;
    this.camera.fov = view.fovDeg;
    this.camera.aspect = width / Math.max(1, height);
    this.camera.rotation.set((view.pitchDeg * Math.PI) / 180, (-view.bearingDeg * Math.PI) / 180, 0);
    this.camera.updateProjectionMatrix();
    this.renderer.setSize(width, height, false);
    this.requestDetail(width);
    this.invalidate();
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    for (const mesh of this.tiles.values()) disposeMesh(mesh);
    this.tiles.clear();
    this.renderer.dispose();
    // Browsers cap live WebGL contexts (16 in Chromium); release this one now, not at GC — once the
    // canvas has left the page. A canvas still in the page is being remounted (React StrictMode runs
    // every effect twice in development), and a lost context could never be had again on it.
    const renderer = this.renderer;
    setTimeout(() => {
      if (!renderer.domElement.isConnected) renderer.forceContextLoss();
    }, 0);
  }

  private invalidate(): void {
    if (this.frame || this.disposed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderer.render(this.scene, this.camera);
    });
  }

  /** Sharper tiles for the part on screen, once the mid level is not enough for this zoom. */
  private requestDetail(widthPx: number): void {
    // Screen pixels per degree against tile pixels per degree: pick the first level at least as sharp.
    const needed = (widthPx / (this.view.fovDeg * this.camera.aspect)) * 360;
    const level = this.levels.find((l) => l.width >= needed) ?? this.levels[this.levels.length - 1]!;
    if (level.width <= 2048) return;
    const centre = enuDirection(this.view.bearingDeg, this.view.pitchDeg);
    const reach = ((this.view.fovDeg * Math.max(1, this.camera.aspect)) / 2 + (360 / level.cols) * 0.75) * (Math.PI / 180);
    for (let row = 0; row < level.rows; row++) {
      for (let col = 0; col < level.cols; col++) {
        const b = tileBounds(level, col, row);
        const d = enuDirection(this.headingDeg + (b.yaw0 + b.yaw1) / 2, (b.pitchTop + b.pitchBottom) / 2);
        const angle = Math.acos(Math.max(-1, Math.min(1, d.e * centre.e + d.n * centre.n + d.u * centre.u)));
        if (angle < reach) this.request(level, col, row, 2 + level.level);
      }
    }
  }

  private request(level: TileLevel, col: number, row: number, order: number): void {
    const key = `${level.level}/${col}_${row}`;
    if (this.tiles.has(key) || this.queue.some((q) => q.key === key)) return;
    this.queue.push({ key, level, col, row, order });
    this.pump();
  }

  private pump(): void {
    while (this.loading < MAX_LOADS && this.queue.length) {
      // Coarse levels first: something sharp enough is better than nothing sharp.
      this.queue.sort((a, b) => a.order - b.order);
      const next = this.queue.shift()!;
      this.loading++;
      this.tiles.set(next.key, new THREE.Mesh()); // placeholder: not requested twice
      const failed = () => {
        this.loading--;
        this.tiles.delete(next.key);
        this.pump();
      };
      // Through the core's origin (the Electron window is a file:// page), with a ticket for this capture.
      void mediaTicketUrl(tileUrl(this.captureId, next.level.level, next.col, next.row)).then((url) => this.loader.load(
        url,
        (texture) => {
          this.loading--;
          if (this.disposed) return texture.dispose();
          texture.colorSpace = THREE.SRGBColorSpace;
          texture.minFilter = THREE.LinearFilter;
          texture.generateMipmaps = false;
          const mesh = this.patch(next, texture);
          this.tiles.set(next.key, mesh);
          this.scene.add(mesh);
          if (next.order >= 2) this.remember(next.key);
          if (this.firstViewMs === null) {
            this.firstViewMs = performance.now() - this.started;
            this.onFirstView?.(this.firstViewMs);
          }
          this.invalidate();
          this.pump();
        },
        undefined,
        failed,
      ), failed);
    }
  }

  private remember(key: string): void {
    this.detailOrder.push(key);
    while (this.detailOrder.length > MAX_DETAIL_TILES) {
      const old = this.detailOrder.shift()!;
      const mesh = this.tiles.get(old);
      if (mesh) {
        this.scene.remove(mesh);
        disposeMesh(mesh);
        this.tiles.delete(old);
      }
    }
  }

  /** A patch of the sphere covering one tile's yaw/pitch rectangle, with the tile as its texture. */
  private patch(req: TileRequest, texture: THREE.Texture): THREE.Mesh {
    const b = tileBounds(req.level, req.col, req.row);
    const segX = Math.max(2, Math.ceil((b.yaw1 - b.yaw0) / 4));
    const segY = Math.max(2, Math.ceil((b.pitchTop - b.pitchBottom) / 4));
    const radius = 100 - req.order; // finer levels slightly nearer, and drawn later
    const positions: number[] = [];
    const uvs: number[] = [];
    const index: number[] = [];
    for (let j = 0; j <= segY; j++) {
      const pitch = b.pitchTop + ((b.pitchBottom - b.pitchTop) * j) / segY;
      for (let i = 0; i <= segX; i++) {
        const yaw = b.yaw0 + ((b.yaw1 - b.yaw0) * i) / segX;
        const d = enuDirection(this.headingDeg + yaw, pitch);
        positions.push(d.e * radius, d.u * radius, -d.n * radius);
        uvs.push(i / segX, 1 - j / segY);
      }
    }
    for (let j = 0; j < segY; j++) {
      for (let i = 0; i < segX; i++) {
        const a = j * (segX + 1) + i;
        index.push(a, a + segX + 1, a + 1, a + 1, a + segX + 1, a + segX + 2);
      }
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
    geometry.setAttribute('uv', new THREE.Float32BufferAttribute(uvs, 2));
    geometry.setIndex(index);
    const material = new THREE.MeshBasicMaterial({ map: texture, side: THREE.DoubleSide, depthTest: false, depthWrite: false });
    const mesh = new THREE.Mesh(geometry, material);
    mesh.renderOrder = req.order;
    return mesh;
  }
}

function disposeMesh(mesh: THREE.Mesh): void {
  mesh.geometry?.dispose();
  const material = mesh.material as THREE.MeshBasicMaterial | undefined;
  material?.map?.dispose();
  material?.dispose?.();
}
