import './strings.js';
import './quality-alarm-text.js';
import './quality.css';
import { useTranslation } from 'react-i18next';
import { mayQuality } from '../../../../electron/common/quality-permissions.js';
import type { ViewProps } from '../view-props.js';
import { InspectionDetail } from './InspectionDetail.js';
import { InspectionForm } from './InspectionForm.js';
import { InspectionList } from './InspectionList.js';
import { NoticeDetail } from './NoticeDetail.js';
import { NoticeForm } from './NoticeForm.js';
import { NoticeList } from './NoticeList.js';
import { QualityPanel } from './panels/QualityPanel.js';
import { parseQualityParam } from './quality-route.js';

/** Quality (质量): inspections and rectification notices (整改通知单); `#/quality/…` picks the page. */
export function QualityView(props: ViewProps) {
  const { t } = useTranslation();
  const route = parseQualityParam(props.param);
  const listTab = route.page === 'inspections' || route.page === 'inspection' || route.page === 'new-inspection' ? 'inspections' : 'notices';
  const role = props.session.role;
  return (
    <main className="quality-view" data-testid="quality-view">
      <header className="q-head">
        <div className="q-panel-box">
          <QualityPanel {...props} />
        </div>
        <div className="q-actions">
          {mayQuality(role, 'inspect') && (
            <a className="button primary" href="#/quality/new-inspection" data-testid="q-new-inspection">
              {t('quality.actions.inspect')}
            </a>
          )}
          {mayQuality(role, 'raise') && (
            <a className="button primary" href="#/quality/new-notice" data-testid="q-new-notice">
              {t('quality.actions.raise')}
            </a>
          )}
        </div>
      </header>
      <nav className="workforce-tabs" aria-label={t('nav.quality')}>
        {(['notices', 'inspections'] as const).map((tab) => (
          <a key={tab} href={`#/quality/${tab === 'notices' ? '' : tab}`} className={tab === listTab ? 'active' : ''} aria-current={tab === listTab ? 'page' : undefined} data-testid={`q-tab-${tab}`}>
            {t(`quality.tabs.${tab}`)}
          </a>
        ))}
      </nav>
      {route.page === 'notices' && <NoticeList client={props.client} />}
      {route.page === 'notice' && <NoticeDetail key={route.id} id={route.id} client={props.client} session={props.session} timeZone={props.timeZone} />}
      {route.page === 'inspections' && <InspectionList client={props.client} timeZone={props.timeZone} />}
      {route.page === 'inspection' && <InspectionDetail key={route.id} id={route.id} client={props.client} session={props.session} timeZone={props.timeZone} />}
      {route.page === 'new-inspection' && <InspectionForm client={props.client} session={props.session} />}
      {route.page === 'new-notice' && <NoticeForm client={props.client} session={props.session} inspectionId={route.inspectionId} itemCode={route.itemCode} />}
    </main>
  );
}
