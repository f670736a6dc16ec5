import './training/strings.js';
import './training/training.css';
import { useTranslation } from 'react-i18next';
import { CoursesPanel } from './training/CoursesPanel.js';
import { QrPrintSheet } from './training/QrPrintSheet.js';
import { ResultsPanel } from './training/ResultsPanel.js';
import { WorkersPanel } from './training/WorkersPanel.js';
import type { WorkforceTabProps } from './WorkforceView.js';

/**
 * `#/workforce/training[/courses/ID | /results | /workers | /print/ID]`: courses with their
 * materials, question banks and exam settings; results per course and per worker; one-time codes;
 * the printable QR sheet that leads phones to the worker page.
 */
export function TrainingTab(props: WorkforceTabProps) {
  const { t } = useTranslation();
  const [section = 'courses', arg] = (props.param ?? '').split('/').filter(Boolean);
  if (section === 'print') return <QrPrintSheet client={props.client} courseId={arg ? Number(arg) : undefined} />;
  return (
    <section className="panel training" data-testid="workforce-training">
      <nav className="training-nav">
        {(['courses', 'results', 'workers'] as const).map((name) => (
          <a key={name} href={`#/workforce/training/${name}`} className={section === name ? 'active' : ''} data-testid={`training-nav-${name}`}>
            {t(`training.nav.${name}`)}
          </a>
        ))}
      </nav>
      {section === 'courses' && <CoursesPanel {...props} courseId={arg ? Number(arg) : null} />}
      {section === 'results' && <ResultsPanel client={props.client} courseId={arg ? Number(arg) : undefined} />}
      {section === 'workers' && <WorkersPanel {...props} />}
    </section>
  );
}
