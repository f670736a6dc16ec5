import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { PanoramaCaptureView } from '../../../../electron/common/panorama/types.js';
import { projectToScreen, screenToDirection } from '../../../../electron/common/panorama/view-math.js';
import { SphereRenderer } from './sphere-renderer.js';
import { useView, type ViewStore } from './view-store.js';

/** Something drawn over the panorama at a world direction (hotspot, issue pin, measured point). */
export interface PanoramaMarker {
  key: string;
  bearingDeg: number;
  pitchDeg: number;
  render: () => ReactNode;
}

const DRAG_THRESHOLD_PX = 4;

/**
 * One capture in three.js with drag-to-look, wheel-to-zoom and click-to-pick. The view lives in
 * a ViewStore so two viewers can share it; `data-view` exposes it for tests and for the bench.
 * Mount it with `key={capture.id}`: a canvas whose WebGL context was released cannot get another (the renderer releases it only once the canvas has left the page).
 */
export function PanoramaViewer(props: {
  capture: PanoramaCaptureView;
  store: ViewStore;
  token: string;
  markers?: PanoramaMarker[];
  onPick?: (bearingDeg: number, pitchDeg: number) => void;
  testId?: string;
}) {
  const { capture, store, token } = props;
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const sphere = useRef<SphereRenderer | null>(null);
  const [size, setSize] = useState({ width: 800, height: 500 });
  const [firstView, setFirstView] = useState<number | null>(null);
  const view = useView(store);

  useEffect(() => {
    if (!canvas.current) return;
    const r = new SphereRenderer(canvas.current, capture.id, capture.levels, capture.headingDeg ?? 0, token, (ms) => setFirstView(ms));
    sphere.current = r;
    r.setView(store.get(), size.width, size.height);
    return () => {
      r.dispose();
      sphere.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [capture.id, token]);

  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    setSize({ width: el.clientWidth, height: el.clientHeight });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    sphere.current?.setView(view, size.width, size.height);
  }, [view, size]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const v = store.get();
      store.set({ ...v, fovDeg: v.fovDeg * Math.pow(1.1, Math.sign(event.deltaY)) });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [store]);

  const drag = useRef<{ x: number; y: number; moved: number; start: typeof view } | null>(null);
  const onPointerDown = (event: React.PointerEvent) => {
    (event.target as Element).setPointerCapture?.(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, moved: 0, start: store.get() };
  };
  const onPointerMove = (event: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    d.moved = Math.max(d.moved, Math.hypot(dx, dy));
    if (d.moved < DRAG_THRESHOLD_PX) return;
    // Degrees per screen pixel at the current zoom: the scene follows the hand.
    const k = d.start.fovDeg / size.height;
    store.set({ ...d.start, bearingDeg: d.start.bearingDeg - dx * k, pitchDeg: d.start.pitchDeg + dy * k });
  };
  const onPointerUp = (event: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved >= DRAG_THRESHOLD_PX || !props.onPick) return;
    const rect = host.current!.getBoundingClientRect();
    const dir = screenToDirection(event.clientX - rect.left, event.clientY - rect.top, store.get(), size.width, size.height);
    props.onPick(dir.bearingDeg, dir.pitchDeg);
  };

  return (
    <div
      ref={host}
      className="pano-viewer"
      data-testid={props.testId ?? 'pano-viewer'}
      data-capture={capture.id}
      data-view={`${view.bearingDeg.toFixed(4)},${view.pitchDeg.toFixed(4)},${view.fovDeg.toFixed(4)}`}
      data-first-view-ms={firstView === null ? '' : firstView.toFixed(0)}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
    >
      <canvas ref={canvas} className="pano-canvas" />
      {props.markers?.map((m) => {
        const at = projectToScreen(m.bearingDeg, m.pitchDeg, view, size.width, size.height);
        if (!at || at.x < -20 || at.y < -20 || at.x > size.width + 20 || at.y > size.height + 20) return null;
        return (
          <div key={m.key} className="pano-marker" style={{ left: at.x, top: at.y }} onPointerDown={(e) => e.stopPropagation()} onPointerUp={(e) => e.stopPropagation()}>
            {m.render()}
          </div>
        );
      })}
    </div>
  );
}
