import {
  BillboardCollection,
  Cartesian2,
  Cartesian3,
  defined,
  LabelCollection,
  Rectangle,
  SceneTransforms,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  type CesiumWidget,
} from 'cesium';
import type { AuthoritySiteRow, SiteStatus } from '../../../../electron/common/api/authority.js';
import { createOfflineGlobe } from '../../gis/offline-globe.js';
import { mapLabelStyle } from '../../gis/palette.js';
import { STATUS_ORDER, STATUS_ZH } from './format.js';

/** One marker as drawn: a site alone or a cluster of sites close on the screen. */
export interface GlobeMarker {
  id: string;
  status: SiteStatus;
  sites: string[];
}

/** Sites closer than this on the screen (CSS px) share one marker: the city-wide view stays readable. */
const CLUSTER_CELL_PX = 56;
/** Markers drawn with their site's name, at most (more would overlap). */
const MAX_NAMED_MARKERS = 10;

/** Status colours, the same CSS variables the table uses (alarm colours only for alarm states, ISA-101). */
const STATUS_CSS_VAR: Record<SiteStatus, [string, string]> = {
  critical: ['--alarm-critical', '#e0312b'],
  warning: ['--alarm-high', '#f07c1e'],
  offline: ['--diag', '#d67fd6'],
  'no-data': ['--text-dim', '#9aa1a8'],
  normal: ['', '#6fbf73'],
};

function statusColour(status: SiteStatus): string {
  const [variable, fallback] = STATUS_CSS_VAR[status];
  const value = variable ? getComputedStyle(document.documentElement).getPropertyValue(variable).trim() : '';
  return value || fallback;
}

function worstOf(statuses: SiteStatus[]): SiteStatus {
  return STATUS_ORDER.find((s) => statuses.includes(s)) ?? 'normal';
}

const images = new Map<string, HTMLCanvasElement>();

/**
 * A marker's picture: the status's shape (◆ critical, ▲ warning, ✕ offline, ○ no data, ● normal —
 * never colour alone) in its colour, bigger with the count written in it for a cluster. Drawn at
 * twice the size for sharp edges on a 4K wall; cached per status and count.
 */
function markerImage(status: SiteStatus, count: number): HTMLCanvasElement {
  const key = `${status}:${count}`;
  const cached = images.get(key);
  if (cached) return cached;
  const r = count > 1 ? Math.min(26, 13 + Math.sqrt(count) * 3) : 10;
  const scale = 2;
  const size = Math.ceil((r * 2 + 8) * scale);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const g = canvas.getContext('2d')!;
  g.scale(scale, scale);
  const c = size / scale / 2;
  g.fillStyle = statusColour(status);
  g.strokeStyle = '#111';
  g.lineWidth = 1.5;
  g.beginPath();
  if (status === 'critical') {
    g.moveTo(c, c - r * 1.25);
    g.lineTo(c + r * 1.25, c);
    g.lineTo(c, c + r * 1.25);
    g.lineTo(c - r * 1.25, c);
  } else if (status === 'warning') {
    g.moveTo(c, c - r * 1.2);
    g.lineTo(c + r * 1.1, c + r * 0.85);
    g.lineTo(c - r * 1.1, c + r * 0.85);
  } else {
    g.arc(c, c, r, 0, Math.PI * 2);
  }
  g.closePath();
  if (status === 'no-data') {
    g.lineWidth = 3;
    g.strokeStyle = statusColour(status);
    g.stroke();
  } else {
    g.fill();
    g.stroke();
  }
  if (status === 'offline' && count === 1) {
    g.strokeStyle = '#111';
    g.lineWidth = 2.5;
    g.beginPath();
    g.moveTo(c - r * 0.5, c - r * 0.5);
    g.lineTo(c + r * 0.5, c + r * 0.5);
    g.moveTo(c + r * 0.5, c - r * 0.5);
    g.lineTo(c - r * 0.5, c + r * 0.5);
    g.stroke();
  }
  if (count > 1) {
    g.fillStyle = status === 'no-data' ? '#e6e8ea' : '#111';
    g.font = `bold ${r > 18 ? 15 : 13}px "Noto Sans CJK SC", sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(String(count), c, c + (status === 'warning' ? r * 0.2 : 0));
  }
  images.set(key, canvas);
  return canvas;
}

/**
 * The authority's map: every site on the offline globe (offline-globe.ts: bundled imagery, no ion),
 * clustered in screen space after each camera move, so a city of hundreds of sites reads as a few
 * markers whose colour and shape say the worst status inside; zooming in splits them. Owns its
 * widget and primitives; `destroy()` releases them.
 */
export class SitesGlobe {
  private readonly widget: CesiumWidget;
  private readonly billboards = new BillboardCollection();
  private readonly labels = new LabelCollection();
  private readonly picker: ScreenSpaceEventHandler;
  private sites: AuthoritySiteRow[] = [];
  private drawn: GlobeMarker[] = [];
  private fittedFor = '';
  private destroyed = false;

  constructor(container: HTMLElement, private readonly onOpen: (siteId: string) => void) {
    this.widget = createOfflineGlobe(container);
    const { scene } = this.widget;
    scene.primitives.add(this.billboards);
    scene.primitives.add(this.labels);
    scene.camera.moveEnd.addEventListener(() => this.cluster());
    this.picker = new ScreenSpaceEventHandler(scene.canvas);
    this.picker.setInputAction((click: { position: Cartesian2 }) => {
      const picked = scene.pick(click.position) as { id?: unknown } | undefined;
      const marker = defined(picked) && typeof picked.id === 'string' ? this.drawn.find((m) => m.id === picked.id) : undefined;
      if (!marker) return;
      // A cluster opens its worst site: the one the authority would look at first.
      const rows = marker.sites.map((id) => this.sites.find((s) => s.id === id)!).filter(Boolean);
      const first = rows.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))[0];
      if (first) this.onOpen(first.id);
    }, ScreenSpaceEventType.LEFT_CLICK);
  }

  setSites(sites: AuthoritySiteRow[]): void {
    if (this.destroyed) return;
    this.sites = sites.filter((s) => s.lon !== null && s.lat !== null);
    const key = this.sites.map((s) => s.id).join(',');
    if (key !== this.fittedFor) {
      this.fittedFor = key;
      this.fit();
    }
    this.cluster();
  }

  markers(): GlobeMarker[] {
    return this.drawn.map((m) => ({ ...m, sites: [...m.sites] }));
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.picker.destroy();
    this.widget.destroy();
  }

  /** Frames every site (with a margin, at least about 2 km across). */
  private fit(): void {
    if (this.sites.length === 0) return;
    const lons = this.sites.map((s) => s.lon!);
    const lats = this.sites.map((s) => s.lat!);
    const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const padLon = Math.max((east - west) * 0.15, 0.01);
    const padLat = Math.max((north - south) * 0.15, 0.01);
    this.widget.camera.setView({ destination: Rectangle.fromDegrees(west - padLon, south - padLat, east + padLon, north + padLat) });
  }

  /** Groups the sites by screen cell and redraws one billboard per group. */
  private cluster(): void {
    if (this.destroyed) return;
    const { scene } = this.widget;
    const cells = new Map<string, AuthoritySiteRow[]>();
    const scratch = new Cartesian2();
    for (const site of this.sites) {
      const at = SceneTransforms.worldToWindowCoordinates(scene, Cartesian3.fromDegrees(site.lon!, site.lat!), scratch);
      const key = at ? `${Math.floor(at.x / CLUSTER_CELL_PX)}:${Math.floor(at.y / CLUSTER_CELL_PX)}` : `off:${site.id}`;
      cells.set(key, [...(cells.get(key) ?? []), site]);
    }
    this.billboards.removeAll();
    this.labels.removeAll();
    this.drawn = [];
    let n = 0;
    // Names only when few markers show (zoomed in): at the city-wide view they would overlap; the
    // table beside the map names every site.
    const named = cells.size <= MAX_NAMED_MARKERS;
    for (const members of cells.values()) {
      const id = `au-marker-${n++}`;
      const status = worstOf(members.map((m) => m.status));
      const lon = members.reduce((a, m) => a + m.lon!, 0) / members.length;
      const lat = members.reduce((a, m) => a + m.lat!, 0) / members.length;
      const position = Cartesian3.fromDegrees(lon, lat);
      this.billboards.add({ id, position, image: markerImage(status, members.length), scale: 0.5, disableDepthTestDistance: Number.POSITIVE_INFINITY });
      if (named && members.length === 1) {
        this.labels.add({
          id,
          position,
          text: `${members[0]!.name}（${STATUS_ZH[status]}）`,
          ...mapLabelStyle(14),
          pixelOffset: new Cartesian2(0, -14),
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        });
      }
      this.drawn.push({ id, status, sites: members.map((m) => m.id) });
    }
    scene.requestRender();
  }
}
