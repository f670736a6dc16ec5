import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bearingToYaw, enuToBearingPitch, yawToBearing } from '../../../../electron/common/panorama/equirect.js';
import { measure, MEASUREMENT_POINTS, type MeasurementKind } from '../../../../electron/common/panorama/measure.js';
import type { PanoramaCaptureView, PanoramaIssueCategory, PanoramaIssueView, PanoramaMeasurementView, PanoramaPointView } from '../../../../electron/common/panorama/types.js';
import type { SiteModel } from '../../../../electron/common/site-model.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { navigate } from '../../app/routes.js';
import { loadSession } from '../../app/session.js';
import type { SiteState } from '../../state/site-state.js';
import type { ApiClient } from '../../transport/api-client.js';
import { AnnotationsPanel } from './AnnotationsPanel.js';
import { formatMeasured } from './format.js';
import { Minimap } from './Minimap.js';
import { PanoramaViewer, type PanoramaMarker } from './PanoramaViewer.js';
import { CaptureDevices } from './CaptureDevices.js';
import { ProgressLine, UploadButton } from './ProgressLine.js';
import { AssignCapture } from './AssignCapture.js';
import { useMediaUrl } from '../../video/media-tickets.js';
import './panoramas.css';
import { ensurePanoramaStrings } from './strings.js';
import { ViewStore, useView } from './view-store.js';

type Mode = 'single' | 'compare' | 'swipe';
type Tool = 'look' | MeasurementKind | 'issue';
type Pick = { yawDeg: number; pitchDeg: number };

const captureTime = (c: PanoramaCaptureView) => c.capturedAt ?? c.ingestedAt;
const defaultViewStore = () => new ViewStore({ bearingDeg: 0, pitchDeg: -30, fovDeg: 75 });

/** `#/panoramas` and `#/panoramas/POINT_ID`: review a capture point over time, compare dates, measure, pin issues. */
export function PanoramasView({ client, state, param }: { client: ApiClient; state: SiteState; param: string | null }) {
  ensurePanoramaStrings();
  const { t, i18n } = useTranslation();
  const token = loadSession()?.token ?? '';
  const [points, setPoints] = useState<PanoramaPointView[]>([]);
  const [model, setModel] = useState<SiteModel | null>(null);
  const [captures, setCaptures] = useState<PanoramaCaptureView[]>([]);
  const [leftId, setLeftId] = useState<string | null>(null);
  const [rightId, setRightId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('single');
  const [swipe, setSwipe] = useState(50);
  const [tool, setTool] = useState<Tool>('look');
  const [picks, setPicks] = useState<Pick[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const [measurements, setMeasurements] = useState<PanoramaMeasurementView[]>([]);
  const [issues, setIssues] = useState<PanoramaIssueView[]>([]);
  const [draftIssue, setDraftIssue] = useState<Pick | null>(null);
  const [reload, setReload] = useState(0);
  const pointId = param ?? points[0]?.id ?? null;
  const point = points.find((p) => p.id === pointId) ?? null;
  // Each point opens on the default view: a new store when the point changes, held in state (a
  // useMemo value may be dropped and made again at any time, which would reset the view).
  const [pointView, setPointView] = useState(() => ({ pointId, store: defaultViewStore() }));
  if (pointView.pointId !== pointId) setPointView({ pointId, store: defaultViewStore() });
  const store = pointView.store;
  const view = useView(store);

  useEffect(() => {
    void client.call('listPanoramaPoints').then(setPoints);
    void client.call('getSiteModel').then(setModel).catch(() => setModel(null));
  }, [client, reload]);

  useEffect(() => {
    if (!pointId) return;
    let cancelled = false;
    void client.call('listPanoramaCaptures', { pointId }).then((list) => {
      if (cancelled) return;
      const ready = list.filter((c) => c.state === 'ready').sort((a, b) => captureTime(a) - captureTime(b));
      setCaptures(ready);
      const newest = ready[ready.length - 1] ?? null;
      setLeftId((id) => (ready.some((c) => c.id === id) ? id : (newest?.id ?? null)));
      setRightId((id) => (ready.some((c) => c.id === id) ? id : (ready[ready.length - 2]?.id ?? newest?.id ?? null)));
      if (newest && store.get().bearingDeg === 0) store.set({ ...store.get(), bearingDeg: newest.headingDeg ?? 0 });
    });
    return () => {
      cancelled = true;
    };
  }, [client, pointId, store, reload]);

  const left = captures.find((c) => c.id === leftId) ?? null;
  const right = captures.find((c) => c.id === rightId) ?? null;

  const refreshAnnotations = useCallback(() => {
    if (left) void client.call('listPanoramaMeasurements', { captureId: left.id }).then(setMeasurements);
    if (pointId) void client.call('listPanoramaIssues', { pointId }).then(setIssues);
  }, [client, left, pointId]);
  useEffect(refreshAnnotations, [refreshAnnotations]);

  const save = useCallback(
    async (kind: MeasurementKind, pts: Pick[]) => {
      if (!left) return;
      // Shown at once from the shared maths; the core recomputes the same numbers when saving.
      const local = measure(kind, pts, { cameraHeightM: left.cameraHeightM, imageWidthPx: left.width, headingDeg: left.headingDeg ?? 0 });
      setResult(`${t(`panorama.${kind}`)}: ${formatMeasured(local.value, local.uncertainty, local.unit)}`);
      setPicks([]);
      await client.call('savePanoramaMeasurement', { captureId: left.id, kind, points: pts });
      refreshAnnotations();
    },
    [client, left, refreshAnnotations, t],
  );

  const onPick = (bearingDeg: number, pitchDeg: number) => {
    if (!left || tool === 'look') return;
    const pick = { yawDeg: bearingToYaw(bearingDeg, left.headingDeg ?? 0), pitchDeg };
    if (tool === 'issue') return setDraftIssue(pick);
    const next = [...picks, pick];
    try {
      if (tool !== 'area' && next.length === MEASUREMENT_POINTS[tool].max) void save(tool, next).catch((e: Error) => setResult(e.message));
      else setPicks(next);
    } catch (e) {
      setResult((e as Error).message);
      setPicks([]);
    }
  };

  const markers = (capture: PanoramaCaptureView | null): PanoramaMarker[] => {
    if (!capture || !point) return [];
    const list: PanoramaMarker[] = [];
    for (const id of point.neighbours) {
      const n = points.find((p) => p.id === id);
      if (!n) continue;
      const d = enuToBearingPitch({ e: n.position.e - point.position.e, n: n.position.n - point.position.n, u: 0 });
      list.push({
        key: `hot-${id}`,
        bearingDeg: d.bearingDeg,
        pitchDeg: -8,
        render: () => (
          <button className="pano-hotspot" data-testid={`hotspot-${id}`} onClick={() => navigate('panoramas', id)} title={t('panorama.goTo', { name: n.name })}>
            ➜ {n.id}
          </button>
        ),
      });
    }
    // Issues pinned on this or an earlier capture of the point stay visible on later ones.
    for (const issue of issues) {
      const from = captures.find((c) => c.id === issue.captureId);
      if (from && captureTime(from) > captureTime(capture)) continue;
      list.push({ key: `issue-${issue.id}`, bearingDeg: issue.bearingDeg, pitchDeg: issue.pitchDeg, render: () => <span className={`pano-pin pano-issue-${issue.category}`} title={issue.text}>⚑ {issue.id}</span> });
    }
    if (capture === left) {
      picks.forEach((p, i) => list.push({ key: `pick-${i}`, bearingDeg: yawToBearing(p.yawDeg, capture.headingDeg ?? 0), pitchDeg: p.pitchDeg, render: () => <span className="pano-pick">+</span> }));
    }
    return list;
  };

  // Capture times in the site's time zone, like every other time in the console.
  const dateLabel = (c: PanoramaCaptureView) => formatSiteTime(captureTime(c), state.site.get()?.timeZone ?? 'Asia/Shanghai', i18n.language, true);
  const captureSelect = (value: string | null, set: (id: string) => void, testId: string) => (
    <select data-testid={testId} value={value ?? ''} onChange={(e) => set(e.target.value)}>
      {captures.map((c) => (
        <option key={c.id} value={c.id}>
          {dateLabel(c)}
        </option>
      ))}
    </select>
  );

  return (
    <main className="pano-view" data-testid="panoramas-view">
      <nav className="pano-nav">
        <h3>{t('panorama.points')}</h3>
        <ul>
          {points.map((p) => (
            <li key={p.id} className={p.id === pointId ? 'current' : ''}>
              <a href={`#/panoramas/${encodeURIComponent(p.id)}`} data-testid={`point-${p.id}`}>
                {p.name}
              </a>{' '}
              <small>{t('panorama.captures', { count: p.captureCount })}</small>
            </li>
          ))}
          <li className={pointId === 'unassigned' ? 'current' : ''}>
            <a href="#/panoramas/unassigned" data-testid="point-unassigned">
              {t('panorama.unassigned')}
            </a>
          </li>
        </ul>
        <Minimap model={model} points={points} current={pointId} bearingDeg={view.bearingDeg} />
        <h3>{t('panorama.timeline')}</h3>
        <ol className="pano-timeline" data-testid="pano-timeline">
          {captures.map((c) => (
            <li key={c.id} className={c.id === leftId ? 'current' : ''}>
              <button onClick={() => setLeftId(c.id)}>
                <CaptureThumbnail path={c.thumbnailUrl} />
                <span>{dateLabel(c)}</span>
              </button>
            </li>
          ))}
        </ol>
        {leftId && (
          <AssignCapture
            client={client}
            captureId={leftId}
            points={points.filter((p) => p.id !== 'unassigned' && p.id !== pointId)}
            onDone={() => setReload((n) => n + 1)}
          />
        )}
        <UploadButton token={token} pointId={pointId === 'unassigned' ? null : pointId} onDone={() => setReload((n) => n + 1)} />
      </nav>
      <section className="pano-main">
        <div className="pano-toolbar">
          {(['single', 'compare', 'swipe'] as const).map((m) => (
            <button key={m} aria-pressed={mode === m} data-testid={`mode-${m}`} onClick={() => setMode(m)}>
              {t(`panorama.${m}`)}
            </button>
          ))}
          <span className="pano-sep" />
          {(['look', 'distance', 'range', 'height', 'area', 'issue'] as const).map((k) => (
            <button key={k} aria-pressed={tool === k} data-testid={`tool-${k}`} onClick={() => (setTool(k), setPicks([]))}>
              {t(`panorama.${k}`)}
            </button>
          ))}
          {tool === 'area' && picks.length >= 3 && <button onClick={() => void save('area', picks)}>{t('panorama.finishArea')}</button>}
          <span className="pano-hint">{t(`panorama.hint${tool}`)}</span>
          {result && (
            <output className="pano-result" data-testid="measure-result">
              {result}
            </output>
          )}
        </div>
        <ProgressLine state={state} onDone={() => setReload((n) => n + 1)} />
        <CaptureDevices client={client} />
        {!left && <p className="pano-empty">{t('panorama.noCaptures')}</p>}
        {left && (
          <>
            <div className="pano-meta">
              {mode !== 'single' && (
                <>
                  {t('panorama.left')} {captureSelect(leftId, setLeftId, 'select-left')} · {t('panorama.right')} {captureSelect(rightId, setRightId, 'select-right')} ·{' '}
                </>
              )}
              {t('panorama.cameraHeight', { h: left.cameraHeightM })} · {left.headingDeg === null ? t('panorama.unknownHeading') : t('panorama.heading', { deg: left.headingDeg })}
            </div>
            <div className={`pano-stage pano-${mode}`}>
              <PanoramaViewer key={left.id} capture={left} store={store} token={token} markers={markers(left)} onPick={onPick} testId="pano-viewer-left" />
              {mode !== 'single' && right && (
                <div className="pano-right" style={mode === 'swipe' ? { clipPath: `inset(0 0 0 ${swipe}%)` } : undefined}>
                  <PanoramaViewer key={right.id} capture={right} store={store} token={token} markers={markers(right)} onPick={mode === 'compare' ? undefined : onPick} testId="pano-viewer-right" />
                </div>
              )}
              {mode === 'swipe' && <input className="pano-swipe-slider" data-testid="swipe-slider" type="range" min={0} max={100} value={swipe} onChange={(e) => setSwipe(Number(e.target.value))} aria-label={t('panorama.swipe')} />}
            </div>
          </>
        )}
        {draftIssue && left && <IssueForm client={client} captureId={left.id} at={draftIssue} onClose={() => (setDraftIssue(null), refreshAnnotations())} />}
      </section>
      <AnnotationsPanel client={client} pointId={pointId} measurements={measurements} issues={issues} onIssueChanged={refreshAnnotations} />
    </main>
  );
}

function IssueForm({ client, captureId, at, onClose }: { client: ApiClient; captureId: string; at: Pick; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [category, setCategory] = useState<PanoramaIssueCategory>('safety');
  const [assignee, setAssignee] = useState('');
  const submit = async () => {
    if (!text.trim()) return;
    await client.call('createPanoramaIssue', { captureId, yawDeg: at.yawDeg, pitchDeg: at.pitchDeg, text, category, ...(assignee ? { assignee } : {}) });
    onClose();
  };
  return (
    <form className="pano-issue-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <input placeholder={t('panorama.issueText')} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <select value={category} onChange={(e) => setCategory(e.target.value as PanoramaIssueCategory)} aria-label={t('panorama.category')}>
        {(['quality', 'safety', 'progress'] as const).map((c) => (
          <option key={c} value={c}>
            {t(`panorama.${c}`)}
          </option>
        ))}
      </select>
      <input placeholder={t('panorama.assignee')} value={assignee} onChange={(e) => setAssignee(e.target.value)} />
      <button type="submit">{t('panorama.save')}</button>
      <button type="button" onClick={onClose}>
        {t('panorama.cancel')}
      </button>
    </form>
  );
}

/** A capture's thumbnail, through a media ticket for that capture. */
function CaptureThumbnail({ path }: { path: string }) {
  const url = useMediaUrl(path);
  // The same <img> before and after the ticket arrives, so the timeline's layout does not shift under the viewer.
  return <img src={url ?? undefined} alt="" width={128} height={64} style={{ width: 128, height: 64 }} />;
}
