import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Screen } from '../../../../electron/common/api.js';
import { DEFAULT_SCREEN_NAME } from '../../../../electron/common/screens.js';
import { useValue } from '../../state/site-state-hooks.js';
import type { ViewProps } from '../view-props.js';
import { panelEntry } from './panel-registry.js';
import { ScreenEditor } from './ScreenEditor.js';
import { useKiosk } from './use-kiosk.js';
import './screens.css';
import './strings.js';

/**
 * A wall screen (`#/screen/NAME`, default `default`): a named layout of panels, composed for one
 * display, no chrome. Kiosk-friendly: the cursor hides when idle, the live link reconnects by
 * itself (a small mark says so meanwhile), the corner controls (full screen; edit for admins)
 * show only while the mouse moves.
 */
export function ScreenView(props: ViewProps) {
  const { t, i18n } = useTranslation();
  const name = props.param || DEFAULT_SCREEN_NAME;
  const [screen, setScreen] = useState<Screen | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const idle = useKiosk();
  const link = useValue(props.state.link);
  const isAdmin = props.session.role === 'admin';
  const loaded = useRef(false);

  const load = useCallback(async () => {
    try {
      setScreen(await props.client.call('getScreen', { name }));
      setProblem(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'not-found') {
        const names = await props.client.call('listScreens').then(
          (list) => list.map((s) => s.name).join(', '),
          () => '',
        );
        setProblem(t('wall.notFound', { name, names }));
      } else setProblem((e as Error).message);
    }
  }, [props.client, name, t]);

  // Read on opening, and again when the live link comes back (an admin may have changed the screen meanwhile).
  const live = link === 'live';
  useEffect(() => {
    if (editing || (!live && loaded.current)) return;
    loaded.current = true;
    void load();
  }, [load, editing, live]);

  const english = i18n.language.startsWith('en');
  const fullScreen = () => (document.fullscreenElement ? void document.exitFullscreen() : void document.documentElement.requestFullscreen?.().catch(() => undefined));

  return (
    <main className={`wall${idle && !editing ? ' wall-idle' : ''}`} data-testid="screen-view" data-screen={name}>
      {link !== 'live' && (
        <span className="wall-link-lost" role="status" data-testid="wall-link-lost">
          ◆ {t('wall.linkLost')}
        </span>
      )}
      {problem && <p className="wall-problem" role="alert">⚠ {problem}</p>}
      {!screen && !problem && <p className="wall-problem">{t('wall.loading')}</p>}
      {screen && !editing && (
        <div className="wall-grid" style={{ gridTemplateColumns: `repeat(${screen.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${screen.rows}, minmax(0, 1fr))` }}>
          {screen.panels.map((panel) => {
            const entry = panelEntry(panel.kind);
            const Component = entry?.component;
            return (
              <section
                key={panel.id}
                className={`wall-panel wall-panel-${panel.kind}`}
                data-testid={`wall-panel-${panel.id}`}
                data-kind={panel.kind}
                style={{ gridColumn: `${panel.x + 1} / span ${panel.w}`, gridRow: `${panel.y + 1} / span ${panel.h}` }}
              >
                <h2 className="wall-panel-title">{entry ? (english ? entry.nameEn : entry.name) : panel.kind}</h2>
                <div className="wall-panel-body">{Component ? <Component {...props} options={panel.options} /> : null}</div>
              </section>
            );
          })}
        </div>
      )}
      {screen && editing && (
        <ScreenEditor
          {...props}
          screen={screen}
          onSaved={(saved) => {
            setEditing(false);
            if (saved.name !== screen.name) window.location.hash = `#/screen/${encodeURIComponent(saved.name)}`;
            else setScreen(saved);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {!editing && (
        <nav className="wall-corner" aria-label={screen?.title ?? name}>
          <button type="button" onClick={fullScreen} data-testid="wall-fullscreen">
            ⤢ {t('wall.fullScreen')}
          </button>
          {isAdmin && screen && (
            <button type="button" onClick={() => setEditing(true)} data-testid="wall-edit">
              ✎ {t('wall.edit')}
            </button>
          )}
        </nav>
      )}
    </main>
  );
}
