import { useTranslation } from 'react-i18next';
import { navigate, VIEWS, type ViewName } from './routes.js';

/** The view switcher; Alt+1…Alt+9 jump to a view from the keyboard. */
export function NavTabs({ current }: { current: ViewName }) {
  const { t } = useTranslation();
  return (
    <nav className="nav-tabs" aria-label={t('nav.label')}>
      {VIEWS.map((view, i) => (
        <a
          key={view}
          href={`#/${view}`}
          className={view === current ? 'active' : ''}
          aria-current={view === current ? 'page' : undefined}
          data-testid={`nav-${view}`}
          title={`Alt+${i + 1}`}
        >
          {t(`nav.${view}`)}
        </a>
      ))}
    </nav>
  );
}

export function handleNavShortcut(event: KeyboardEvent): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey) return false;
  const index = Number(event.key) - 1;
  const view = VIEWS[index];
  if (!view) return false;
  navigate(view);
  return true;
}
