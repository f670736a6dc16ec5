import { useEffect, useRef, useState, type DragEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../../electron/common/api.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { codecFamily } from '../../video/codec-support.js';
import { isTransientReason, offlineReasonKey } from './offline-reason.js';
import { PtzControls } from './PtzControls.js';
import type { ApiClient } from '../../transport/api-client.js';
import { useFrameHandoff } from './use-frame-handoff.js';
import { useLivePlayer, type LivePlayerView } from './use-live-player.js';
import { useStampLag } from './use-stamp-lag.js';
import type { StampLagReading } from '../../video/stamp-reader.js';
import '../../video/webrtc-path-strings.js';

export const CAMERA_DRAG_TYPE = 'application/x-site-command-camera';

export interface CameraTileProps {
  index: number;
  camera: CameraView | null;
  quality: 'main' | 'sub';
  origin: string | null;
  timeZone: string;
  selected: boolean;
  large?: boolean;
  onSelect(): void;
  onOpen(): void;
  onClear?(): void;
  onDropCamera(cameraId: string): void;
  onSnapshot(camera: CameraView): void;
  /** The stream state this tile's socket reports (fresher than the polled camera list). */
  onStreamState?(cameraId: string, state: string): void;
  /** Given when the user may turn PTZ cameras: the client PTZ commands go through. */
  ptzClient?: ApiClient;
}

/**
 * One tile of the wall: a live player, the camera's name and state in words, and its actions. A
 * grid tile plays the sub stream; in full screen (the Fullscreen API on the tile itself) it plays
 * the main stream, and every switch keeps the previous picture up until the new stream's first
 * frame (use-frame-handoff.ts).
 */
export function CameraTile(props: CameraTileProps) {
  const { t, i18n } = useTranslation();
  const { index, camera, selected } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const posterRef = useRef<HTMLCanvasElement>(null);
  const tileRef = useRef<HTMLElement>(null);
  const fullscreen = useOwnFullscreen(tileRef);
  const quality = fullscreen ? 'main' : props.quality;
  const player = useLivePlayer(videoRef, tileRef, props.origin, camera?.id ?? null, quality);
  useFrameHandoff(videoRef, posterRef, camera?.id ?? null, quality);
  const stampLag = useStampLag(videoRef, player.state === 'playing');
  // Frames on screen mean live, even before the core's next 2-s status message says so.
  const streamState = player.state === 'playing' && player.status?.state !== 'offline' ? 'live' : player.status?.state;
  const { onStreamState } = props;
  useEffect(() => {
    if (camera && streamState) onStreamState?.(camera.id, streamState);
  }, [camera, streamState, onStreamState]);
  const line = statusLine(player, camera, quality, props.timeZone, t, i18n.language);

  const onDrop = (event: DragEvent) => {
    const id = event.dataTransfer.getData(CAMERA_DRAG_TYPE) || event.dataTransfer.getData('text/plain');
    event.preventDefault();
    if (id) props.onDropCamera(id);
  };

  return (
    <section
      ref={tileRef}
      className={`tile tile-${line.kind}${selected ? ' tile-selected' : ''}${props.large ? ' tile-large' : ''}`}
      data-testid={`tile-${index}`}
      data-camera={camera?.id ?? ''}
      data-quality={quality}
      data-state={line.kind}
      tabIndex={0}
      aria-label={camera ? camera.name : t('camera.emptyTile', { n: index + 1 })}
      aria-current={selected ? 'true' : undefined}
      onClick={props.onSelect}
      onFocus={props.onSelect}
      onDoubleClick={() => camera && props.onOpen()}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget) return;
        if (event.key === 'Enter' && camera) props.onOpen();
        if ((event.key === 'Delete' || event.key === 'Backspace') && props.onClear) props.onClear();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={onDrop}
    >
      <div className="tile-picture">
        <video ref={videoRef} muted autoPlay playsInline disablePictureInPicture />
        <canvas ref={posterRef} className="tile-poster" data-testid={`tile-${index}-poster`} hidden aria-hidden="true" />
      </div>
      {!camera && <p className="tile-empty">{t('camera.emptyTile', { n: index + 1 })}</p>}
      {camera && (
        <>
          <header className="tile-bar">
            <span className="tile-name">{camera.name}</span>
            <span
              className="tile-path"
              data-testid={`tile-${index}-path`}
              data-path={player.path.path}
              title={`${t(`videoPath.why.${player.path.why}`)}${player.path.detail ? `（${player.path.detail}）` : ''}`}
            >
              {t(`videoPath.label.${player.path.path}`)}
            </span>
            <span className="tile-state" data-testid={`tile-${index}-state`}>
              <span className="shape" aria-hidden="true">{line.shape}</span> {line.text}
            </span>
          </header>
          <footer className="tile-actions">
            <ReadoutLine player={player} stampLag={stampLag} index={index} t={t} />
            <button type="button" onClick={(e) => (e.stopPropagation(), props.onSnapshot(camera))} title={t('camera.snapshot')}>
              ◉ {t('camera.snapshot')}
            </button>
            {props.quality === 'sub' && (
              <button type="button" onClick={(e) => (e.stopPropagation(), props.onOpen())} title={t('camera.open')}>
                ⤢ <span className="visually-hidden">{t('camera.open')}</span>
              </button>
            )}
            <button type="button" data-testid={`tile-${index}-fullscreen`} onClick={(e) => (e.stopPropagation(), toggleFullscreen(tileRef.current))} title={t('camera.tileFullscreen')}>
              ⛶ <span className="visually-hidden">{t('camera.tileFullscreen')}</span>
            </button>
          </footer>
          {camera.ptz && props.ptzClient && <PtzControls client={props.ptzClient} cameraId={camera.id} tileRef={tileRef} />}
        </>
      )}
    </section>
  );
}

/** Whether `ref`'s element is the document's full-screen element (WHATWG Fullscreen API). */
function useOwnFullscreen(ref: RefObject<HTMLElement | null>): boolean {
  const [own, setOwn] = useState(false);
  useEffect(() => {
    const onChange = () => setOwn(document.fullscreenElement !== null && document.fullscreenElement === ref.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [ref]);
  return own;
}

function toggleFullscreen(tile: HTMLElement | null): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void tile?.requestFullscreen?.().catch(() => undefined);
}

type Translate = (key: string, options?: Record<string, unknown>) => string;
type LineKind = 'live' | 'offline' | 'problem' | 'pending' | 'vacant';

/** The tile's state in a shape and words; colour (in CSS) only doubles them. */
function statusLine(
  player: LivePlayerView,
  camera: CameraView | null,
  quality: 'main' | 'sub',
  timeZone: string,
  t: Translate,
  language: string,
): { kind: LineKind; shape: string; text: string } {
  if (!camera) return { kind: 'vacant', shape: '', text: '' };
  const listed = quality === 'sub' ? (camera.streams.sub ?? camera.streams.main) : camera.streams.main;
  const status = player.status ?? (listed ? { state: listed.state, since: listed.since, reason: listed.reason } : null);
  if (player.state === 'unsupported') {
    const codec = player.detail ?? '';
    return { kind: 'problem', shape: '⚠', text: t('camera.unsupported', { codec, family: codecFamily(codec) }) };
  }
  if (player.state === 'unauthorized') return { kind: 'problem', shape: '⚠', text: t('camera.state.unauthorized') };
  if (player.state === 'unknown-camera') return { kind: 'problem', shape: '⚠', text: t('camera.state.unknownCamera') };
  if (status?.state === 'offline' && isTransientReason(status.reason)) {
    return { kind: 'pending', shape: '◌', text: t(offlineReasonKey(status.reason)!) };
  }
  if (status?.state === 'offline') {
    const time = formatSiteTime(status.since, timeZone, language);
    const key = offlineReasonKey(status.reason);
    const reason = key ? t(key) : status.reason;
    return { kind: 'offline', shape: '✕', text: reason ? t('camera.offlineReason', { time, reason }) : t('camera.offline', { time }) };
  }
  if (player.state === 'retrying') return { kind: 'problem', shape: '⚠', text: t('camera.state.retrying') };
  if (player.state === 'playing') return { kind: 'live', shape: '●', text: t('camera.state.live') };
  if (player.status?.state === 'live' && player.status.awaiting === 'keyframe') return { kind: 'pending', shape: '◌', text: t('camera.state.awaitingKeyframe') };
  // Frames had come (first frame timed) and stopped while the core still calls the camera live.
  if (player.state === 'waiting' && status?.state === 'live' && player.stats?.firstFrameMs !== undefined) {
    return { kind: 'problem', shape: '⚠', text: t('camera.state.stalled') };
  }
  if (status?.state === 'starting') return { kind: 'pending', shape: '◌', text: t('camera.state.starting') };
  const pending = player.state === 'paused' ? 'paused' : player.state === 'waiting' ? 'waiting' : 'connecting';
  return { kind: 'pending', shape: '◌', text: t(`camera.state.${pending}`) };
}

/**
 * The hover readout. The lag is camera-to-screen where the camera stamps its frames (measured on
 * the frames shown), else the player's buffer gap, labelled as such; the tooltip says which.
 */
function ReadoutLine(props: { player: LivePlayerView; stampLag: StampLagReading | null; index: number; t: Translate }) {
  const { player, stampLag, t } = props;
  const parts: string[] = [];
  const { stats, status } = player;
  const source = stampLag ? 'camera' : 'buffer';
  if (stats && player.state === 'playing') {
    const lagMs = stampLag ? stampLag.medianMs : stats.lagMs;
    const lag = Number.isFinite(lagMs) ? `${(lagMs / 1000).toFixed(2)} s` : t('camera.unknownValue');
    parts.push(t(stampLag ? 'cameraLag.stamped' : 'cameraLag.buffered', { fps: stats.fps.toFixed(0), kbps: stats.kbps, lag }));
  }
  if (status?.fps !== undefined) parts.push(t('camera.readoutCore', { fps: status.fps.toFixed(0), kbps: Math.round(status.bitrateKbps ?? 0) }));
  return (
    <span
      className="readout"
      data-testid={`tile-${props.index}-readout`}
      data-lag-source={source}
      data-lag-ms={stampLag ? Math.round(stampLag.medianMs) : undefined}
      title={t(stampLag ? 'cameraLag.stampedTitle' : 'cameraLag.bufferedTitle')}
    >
      {parts.join(' · ')}
    </span>
  );
}
