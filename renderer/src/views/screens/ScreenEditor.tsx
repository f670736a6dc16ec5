import { useEffect, useMemo, useState } from 'react';
import ReactGridLayout, { getCompactor, useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { useTranslation } from 'react-i18next';
import type { CameraView, PanelPlacement, Screen } from '../../../../electron/common/api.js';
import { findFreeSpot, screenProblems, type PanelKind, type PanelOptions } from '../../../../electron/common/screens.js';
import { useDeviceIds } from '../../state/site-state-hooks.js';
import { RefusalText } from '../alarms/AlarmBits.js';
import type { ViewProps } from '../view-props.js';
import { PANEL_REGISTRY, panelEntry } from './panel-registry.js';

/** Free placement: panels stay where the admin puts them and never push each other (a wall is a fixed grid). */
const FIXED_GRID = getCompactor(null, false, true);
const MARGIN = 8;

/**
 * The layout editor (admins only): drag a panel by its title, resize from its corner, add and
 * remove panels, choose each panel's devices or cameras, save. The core checks the same rules on
 * save and refuses a save based on an older version of the screen.
 */
export function ScreenEditor(props: ViewProps & { screen: Screen; onSaved: (screen: Screen) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const { screen } = props;
  const [panels, setPanels] = useState<PanelPlacement[]>(screen.panels);
  const [title, setTitle] = useState(screen.title);
  const [newName, setNewName] = useState('');
  const [addKind, setAddKind] = useState<PanelKind>('alarms');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cameras, setCameras] = useState<CameraView[]>([]);
  const { width, containerRef, mounted } = useContainerWidth();
  const [height, setHeight] = useState(() => window.innerHeight);
  const english = i18n.language.startsWith('en');

  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    void props.client.call('listCameras').then(setCameras, () => undefined);
    return () => window.removeEventListener('resize', onResize);
  }, [props.client]);

  const toolbarHeight = 3.2 * parseFloat(getComputedStyle(document.documentElement).fontSize || '16');
  const rowHeight = Math.max(20, (height - toolbarHeight - MARGIN * (screen.rows + 1)) / screen.rows);
  const layout: Layout = useMemo(() => panels.map((p) => ({ i: p.id, x: p.x, y: p.y, w: p.w, h: p.h })), [panels]);

  const onLayoutChange = (next: Layout) => {
    setPanels((current) =>
      current.map((p) => {
        const item = next.find((l) => l.i === p.id);
        return item ? { ...p, x: item.x, y: item.y, w: item.w, h: item.h } : p;
      }),
    );
  };

  const add = () => {
    const entry = panelEntry(addKind)!;
    const spot = findFreeSpot(panels, screen.columns, screen.rows, entry.defaultSize.w, entry.defaultSize.h) ?? findFreeSpot(panels, screen.columns, screen.rows, 2, 2);
    if (!spot) return setNote(t('wall.full'));
    const size = findFreeSpot(panels, screen.columns, screen.rows, entry.defaultSize.w, entry.defaultSize.h) ? entry.defaultSize : { w: 2, h: 2 };
    let n = 1;
    while (panels.some((p) => p.id === `${addKind}-${n}`)) n++;
    setPanels([...panels, { id: `${addKind}-${n}`, kind: addKind, ...spot, ...size, options: {} }]);
    setNote(null);
  };

  const setOptions = (id: string, options: PanelOptions) => setPanels(panels.map((p) => (p.id === id ? { ...p, options } : p)));

  const save = async (asNew: boolean) => {
    const draft = { name: asNew ? newName.trim() : screen.name, title: title.trim(), columns: screen.columns, rows: screen.rows, panels, version: asNew ? 0 : screen.version };
    const problems = screenProblems(draft);
    if (problems.length) return setError(new Error(problems.map((p) => p.message).join('; ')));
    setBusy(true);
    try {
      props.onSaved(await props.client.call('saveScreen', draft));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="wall-editor" data-testid="wall-editor">
      <div className="wall-editor-bar">
        <label>
          {t('wall.title')} <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="wall-title" />
        </label>
        <select value={addKind} onChange={(e) => setAddKind(e.target.value as PanelKind)} data-testid="wall-add-kind">
          {PANEL_REGISTRY.map((entry) => (
            <option key={entry.kind} value={entry.kind}>
              {english ? entry.nameEn : entry.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={add} data-testid="wall-add">
          ＋ {t('wall.add')}
        </button>
        <button type="button" onClick={() => void save(false)} disabled={busy} data-testid="wall-save">
          {t('wall.save')}
        </button>
        <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder={t('wall.newName')} data-testid="wall-new-name" />
        <button type="button" onClick={() => void save(true)} disabled={busy || !newName.trim()} data-testid="wall-save-as">
          {t('wall.saveAs')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('wall.cancel')}
        </button>
        {note && <span className="wall-note">{note}</span>}
        {error !== null && (
          <span className="wall-note" role="alert" data-testid="wall-save-error">
            <RefusalText error={error} />
          </span>
        )}
      </div>
      <div ref={containerRef} className="wall-editor-grid">
        {mounted && (
          <ReactGridLayout
            width={width}
            layout={layout}
            gridConfig={{ cols: screen.columns, rowHeight, margin: [MARGIN, MARGIN], containerPadding: [MARGIN, MARGIN], maxRows: screen.rows }}
            dragConfig={{ enabled: true, bounded: true, handle: '.wall-edit-handle' }}
            resizeConfig={{ enabled: true, handles: ['se'] }}
            compactor={FIXED_GRID}
            onLayoutChange={onLayoutChange}
          >
            {panels.map((panel) => {
              const entry = panelEntry(panel.kind);
              return (
                <div key={panel.id} className="wall-edit-panel" data-testid={`wall-edit-${panel.id}`}>
                  <header className="wall-edit-handle">
                    <strong>{entry ? (english ? entry.nameEn : entry.name) : panel.kind}</strong>
                    <button type="button" onMouseDown={(e) => e.stopPropagation()} onClick={() => setPanels(panels.filter((p) => p.id !== panel.id))} data-testid={`wall-remove-${panel.id}`}>
                      ✕ {t('wall.remove')}
                    </button>
                  </header>
                  <OptionsEditor panel={panel} cameras={cameras} state={props.state} onChange={(o) => setOptions(panel.id, o)} />
                </div>
              );
            })}
          </ReactGridLayout>
        )}
      </div>
    </div>
  );
}

function OptionsEditor({ panel, cameras, state, onChange }: { panel: PanelPlacement; cameras: CameraView[]; state: ViewProps['state']; onChange: (o: PanelOptions) => void }) {
  const { t } = useTranslation();
  const entry = panelEntry(panel.kind);
  const ids = useDeviceIds(state);
  const o = panel.options;
  const toggle = (list: string[] | undefined, id: string) => (list?.includes(id) ? list.filter((x) => x !== id) : [...(list ?? []), id]);
  switch (entry?.options) {
    case 'devices': {
      const choices = ids.flatMap((id) => {
        const device = state.devices.get(id);
        return device && device.kind === entry.deviceKind ? [device] : [];
      });
      return (
        <fieldset className="wall-options">
          <legend>{t('wall.allDevices')}</legend>
          {choices.map((d) => (
            <label key={d.id}>
              <input type="checkbox" checked={o.devices?.includes(d.id) ?? false} onChange={() => onChange({ ...o, devices: toggle(o.devices, d.id) })} /> {d.name}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'cameras':
      return (
        <fieldset className="wall-options">
          <legend>{t('wall.allCameras')}</legend>
          <label>
            {t('wall.columns')}{' '}
            <select value={o.columns ?? 4} onChange={(e) => onChange({ ...o, columns: Number(e.target.value) })}>
              {[1, 2, 3, 4].map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </label>
          {cameras.map((c) => (
            <label key={c.id}>
              <input type="checkbox" checked={o.cameras?.includes(c.id) ?? false} onChange={() => onChange({ ...o, cameras: toggle(o.cameras, c.id) })} /> {c.name}
            </label>
          ))}
        </fieldset>
      );
    case 'alarm-rows':
      return (
        <label className="wall-options">
          {t('wall.rows')} <input type="number" min={1} max={50} value={o.maxRows ?? 8} onChange={(e) => onChange({ ...o, maxRows: Math.max(1, Math.min(50, Number(e.target.value) || 1)) })} data-testid={`wall-rows-${panel.id}`} />
        </label>
      );
    case 'site3d-view':
      return (
        <label className="wall-options">
          {t('wall.view')}{' '}
          <select value={o.view ?? 'overview'} onChange={(e) => onChange({ ...o, view: e.target.value as 'overview' | 'top' })}>
            <option value="overview">{t('wall.viewOverview')}</option>
            <option value="top">{t('wall.viewTop')}</option>
          </select>
        </label>
      );
    default:
      return null;
  }
}
