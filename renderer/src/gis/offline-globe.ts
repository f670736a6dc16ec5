import {
  buildModuleUrl,
  CesiumWidget,
  EllipsoidTerrainProvider,
  ImageryLayer,
  Ion,
  TileMapServiceImageryProvider,
  UrlTemplateImageryProvider,
} from 'cesium';
import 'cesium/Build/Cesium/Widgets/CesiumWidget/CesiumWidget.css';
import { GIS_COLOURS } from './palette.js';

/**
 * Where Cesium finds its Workers/Assets/ThirdParty/Widgets: copied next to index.html by the
 * renderer's Vite build (renderer/vite.config.ts). Relative to the page, so it works both from the
 * core's HTTP server and from file:// in Electron. Must be set before Cesium's first
 * `buildModuleUrl` call, which caches it.
 */
(globalThis as { CESIUM_BASE_URL?: string }).CESIUM_BASE_URL = new URL('cesium/', document.baseURI).href;

// No Cesium ion: no token, no default ion imagery/terrain/geocoder. Nothing here may reach the internet.
Ion.defaultAccessToken = '';

export interface OfflineGlobeOptions {
  /**
   * An XYZ tile server on the site LAN (`http://10.0.0.9/tiles/{z}/{x}/{y}.png`), drawn above the
   * bundled imagery. Off by default; needs its origin added to the CSP's img-src/connect-src.
   */
  lanTileUrl?: string | null;
}

/**
 * A globe that works with no network: Cesium's bundled Natural Earth II imagery (levels 0–2, shipped
 * in Assets), the WGS84 ellipsoid as terrain, no ion. `CesiumWidget` rather than `Viewer`: the
 * Viewer's widgets (timeline, animation, geocoder, base-layer picker, help) are not wanted, and its
 * Knockout bindings compile with `new Function`, which the console's CSP (no 'unsafe-eval') forbids.
 * Renders on demand (`requestRenderMode`): callers must `scene.requestRender()` after changing it.
 */
export function createOfflineGlobe(container: HTMLElement, options: OfflineGlobeOptions = {}): CesiumWidget {
  const naturalEarth = ImageryLayer.fromProviderAsync(TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')), {
    // Muted: the map is a calm backdrop; colour on it belongs to state (ISA-101).
    brightness: 0.6,
    saturation: 0.35,
  });
  const widget = new CesiumWidget(container, {
    baseLayer: naturalEarth,
    terrainProvider: new EllipsoidTerrainProvider(),
    requestRenderMode: true,
    maximumRenderTimeChange: Infinity,
    // No stars, sun glare or atmosphere glow: decoration that competes with state (ISA-101).
    skyBox: false,
    skyAtmosphere: false,
    shadows: false,
    scene3DOnly: true,
    // Lets tests and screenshots read the canvas back.
    contextOptions: { webgl: { preserveDrawingBuffer: true } },
  });
  const { scene } = widget;
  scene.backgroundColor = GIS_COLOURS.background;
  scene.globe.baseColor = GIS_COLOURS.globeBase;
  scene.globe.showGroundAtmosphere = false;
  scene.globe.enableLighting = false;
  if (scene.sun) scene.sun.show = false;
  if (scene.moon) scene.moon.show = false;
  scene.fog.enabled = false;
  if (options.lanTileUrl) {
    widget.imageryLayers.addImageryProvider(new UrlTemplateImageryProvider({ url: options.lanTileUrl, maximumLevel: 19 }));
  }
  return widget;
}
