import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type CameraView, type SnapshotInfo } from '../../../../electron/common/api.js';
import { useRoute } from '../../app/routes.js';
import { type SiteState } from '../../state/site-state.js';
import { useValue } from '../../state/site-state-hooks.js';
import type { ApiClient } from '../../transport/api-client.js';
import { coreOrigin } from '../../video/session-token.js';
import { CameraList } from './CameraList.js';
import { CameraSettings } from './CameraSettings.js';
import { loadSession } from '../../app/session.js';
import { CameraTile } from './CameraTile.js';
import { DiscoverDialog } from './DiscoverDialog.js';
import { loadWallSettings, saveWallSettings, screenName, tileCameras, TILE_COUNT, type WallSettings } from './layouts.js';
import { SnapshotDialog } from './SnapshotDialog.js';
import { WallToolbar } from './WallToolbar.js';
import './cameras.css';

/** The camera list is refreshed this often for the list's state marks (tiles get status from their sockets). */
const LIST_REFRESH_MS = 3_000;

/**
 * `#/cameras[/SCREEN]`: the live camera wall. Tiles play the sub stream; double-click (or Enter)
 * opens one camera on the main stream, Esc returns. Layout, tile assignment and tour interval are
 * remembered per screen.
 */
export function CameraWall({ client, state }: { client: ApiClient; state: SiteState }) {
  const { t } = useTranslation();
  const site = useValue(state.site);
  const route = useRoute();
  // `#/cameras/camera:ID` opens one camera (from the 3D view, an alarm…); any other param names the screen.
  const openCamera = route.param?.startsWith('camera:') ? route.param.slice('camera:'.length) : null;
  const screenKey = screenName(openCamera ? null : route.param, window.screen);
  const [settings, setSettings] = useState<WallSettings>(() => loadWallSettings(localStorage, screenKey, window.screen));
  const [cameras, setCameras] = useState<CameraView[] | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [cameraListVersion, setCameraListVersion] = useState(0);
  const role = loadSession()?.role;
  const isAdmin = role === 'admin';
  /** Who may turn PTZ cameras (the core's ONVIF routes say the same: api/onvif.ts). */
  const mayPtz = role === 'admin' || role === 'operator' || role === 'safety';
  const [discoverOpen, setDiscoverOpen] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [selectedTile, setSelectedTile] = useState(0);
  const [single, setSingle] = useState<string | null>(openCamera);
  // A new `camera:ID` in the route opens that camera, in the same render (React's "adjusting state
  // when a prop changes"); leaving the route keeps whatever the operator has open.
  const [routedCamera, setRoutedCamera] = useState(openCamera);
  if (openCamera !== routedCamera) {
    setRoutedCamera(openCamera);
    if (openCamera) setSingle(openCamera);
  }
  const [tour, setTour] = useState(false);
  const [tourStep, setTourStep] = useState(0);
  const [snapshot, setSnapshot] = useState<SnapshotInfo | null>(null);
  const [snapshotBusy, setSnapshotBusy] = useState<string | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [tileStates, setTileStates] = useState<Record<string, string>>({});
  const onStreamState = useCallback((id: string, streamState: string) => setTileStates((s) => (s[id] === streamState ? s : { ...s, [id]: streamState })), []);
  const wallRef = useRef<HTMLDivElement>(null);
  const origin = coreOrigin();
  const timeZone = site?.timeZone ?? 'UTC';

  // Another screen name: that screen's remembered settings.
  const [settingsScreen, setSettingsScreen] = useState(screenKey);
  if (screenKey !== settingsScreen) {
    setSettingsScreen(screenKey);
    setSettings(loadWallSettings(localStorage, screenKey, window.screen));
  }

  const update = useCallback(
    (change: (s: WallSettings) => WallSettings) =>
      setSettings((s) => {
        const next = change(s);
        saveWallSettings(localStorage, screenKey, next);
        return next;
      }),
    [screenKey],
  );

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const list = await client.call('listCameras');
        if (!cancelled) {
          setCameras(list);
          setTileStates({});
          setListError(null);
        }
      } catch (e) {
        if (!cancelled) setListError(e instanceof ApiError ? e.message : String(e));
      }
    };
    void load();
    const timer = setInterval(load, LIST_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client, cameraListVersion]);

  useEffect(() => {
    if (!tour) return;
    const timer = setInterval(() => setTourStep((n) => n + 1), settings.tourSec * 1000);
    return () => clearInterval(timer);
  }, [tour, settings.tourSec]);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  useEffect(() => {
    if (!single) return;
    const onKey = (event: KeyboardEvent) => {
      // In full screen the browser takes the first Esc itself; the second one comes here.
      if (event.key === 'Escape' && !snapshot) setSingle(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [single, snapshot]);

  // The wall fills the window below the console's bars, whatever their height.
  const [height, setHeight] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const measure = () => {
      const top = wallRef.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(320, window.innerHeight - top));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [fullscreen]);

  const byId = useMemo(() => new Map((cameras ?? []).map((c) => [c.id, c])), [cameras]);
  const ids = useMemo(() => (cameras ?? []).map((c) => c.id), [cameras]);
  const tiles = useMemo(() => tileCameras(settings, ids, tour ? tourStep : null), [settings, ids, tour, tourStep]);
  const unavailable = cameras?.find((c) => c.unavailable)?.unavailable;

  const assign = (tile: number, cameraId: string | null) =>
    update((s) => {
      const next = [...tiles];
      const previous = next[tile] ?? null;
      const elsewhere = cameraId ? next.indexOf(cameraId) : -1;
      next[tile] = cameraId;
      if (elsewhere >= 0 && elsewhere !== tile) next[elsewhere] = previous; // swap, so no camera shows twice
      return { ...s, tiles: [...next, ...s.tiles.slice(next.length)] };
    });

  const takeSnapshot = async (camera: CameraView) => {
    setSnapshotBusy(camera.id);
    try {
      setSnapshot(await client.call('takeSnapshot', { id: camera.id, quality: 'main' }));
      setListError(null);
    } catch (e) {
      setListError(e instanceof Error ? e.message : String(e));
    } finally {
      setSnapshotBusy(null);
    }
  };

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void wallRef.current?.requestFullscreen?.().catch(() => undefined);
  };

  const singleCamera = single ? (byId.get(single) ?? null) : null;
  const tileProps = (index: number, camera: CameraView | null) => ({
    index,
    camera,
    origin,
    timeZone,
    selected: !single && selectedTile === index,
    onSelect: () => setSelectedTile(index),
    onDropCamera: (id: string) => assign(index, id),
    onSnapshot: (c: CameraView) => void takeSnapshot(c),
    onStreamState,
    ...(mayPtz ? { ptzClient: client } : {}),
  });

  return (
    <main className={`camera-wall${fullscreen ? ' is-fullscreen' : ''}`} data-testid="camera-wall" aria-label={t('camera.wallLabel')}>
      {!origin && <p className="banner" role="status">⚠ {t('camera.noOrigin')}</p>}
      {unavailable && (
        <p className="banner banner-video" role="alert" data-testid="video-unavailable">
          ⚠ {t('camera.unavailable', { reason: unavailable })}
        </p>
      )}
      {listError && (
        <p className="banner" role="alert">
          ⚠ {t('error.generic', { message: listError })}
        </p>
      )}
      <div className="wall-body" ref={wallRef} style={{ height }}>
        <WallToolbar
          settings={settings}
          single={singleCamera}
          tour={tour}
          fullscreen={fullscreen}
          snapshotBusy={snapshotBusy !== null}
          onLayout={(layout) => update((s) => ({ ...s, layout }))}
          onTour={(on) => {
            setTour(on);
            setTourStep(0);
          }}
          onTourSec={(tourSec) => update((s) => ({ ...s, tourSec }))}
          onFullscreen={toggleFullscreen}
          onBack={() => setSingle(null)}
        />
        <div className="wall-main">
          {!single && (
            <div className="camera-side">
              <CameraList cameras={cameras ?? []} tileStates={tileStates} selectedTile={selectedTile} onAssign={(id) => assign(selectedTile, id)} />
              {isAdmin && (
                <button type="button" className="camera-settings-open" data-testid="camera-settings-open" onClick={() => setSettingsOpen(true)}>
                  ⚙ {t('cameraSettings.open')}
                </button>
              )}
              {isAdmin && (
                <button type="button" className="camera-settings-open" data-testid="onvif-open" onClick={() => setDiscoverOpen(true)}>
                  ⌕ {t('onvif.discover')}
                </button>
              )}
            </div>
          )}
          {settingsOpen && cameras && (
            <CameraSettings cameras={cameras} client={client} onClose={() => setSettingsOpen(false)} onChanged={() => setCameraListVersion((v) => v + 1)} />
          )}
          {discoverOpen && <DiscoverDialog client={client} onClose={() => setDiscoverOpen(false)} onAdded={() => setCameraListVersion((v) => v + 1)} />}
          {singleCamera ? (
            <div className="wall-grid layout-single" data-testid="single-view">
              <CameraTile key={`single-${singleCamera.id}`} {...tileProps(0, singleCamera)} quality="main" onOpen={() => setSingle(null)} />
            </div>
          ) : (
            <div className={`wall-grid layout-${settings.layout.replace('+', 'p')}`} data-testid="wall-grid" data-layout={settings.layout}>
              {tiles.slice(0, TILE_COUNT[settings.layout]).map((id, index) => (
                <CameraTile
                  key={`${index}-${id ?? 'empty'}`}
                  {...tileProps(index, id ? (byId.get(id) ?? null) : null)}
                  quality="sub"
                  large={settings.layout === '1+5' && index === 0}
                  onOpen={() => id && setSingle(id)}
                  onClear={() => assign(index, null)}
                />
              ))}
            </div>
          )}
        </div>
      </div>
      {snapshot && (
        <SnapshotDialog snapshot={snapshot} cameraName={byId.get(snapshot.cameraId)?.name ?? snapshot.cameraId} timeZone={timeZone} onClose={() => setSnapshot(null)} />
      )}
    </main>
  );
}
