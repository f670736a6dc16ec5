import './strings.js';
import './workforce.css';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../electron/common/api.js';
import type { SiteState } from '../../state/site-state.js';
import type { ApiClient } from '../../transport/api-client.js';
import { AttendanceTab } from './AttendanceTab.js';
import { CertificatesTab } from './CertificatesTab.js';
import { OnSiteTab } from './OnSiteTab.js';
import { RosterTab } from './RosterTab.js';
import { parseWorkforceParam, WORKFORCE_TABS } from './tabs.js';
import { TrainingTab } from './TrainingTab.js';
import { PlatformTab } from './platform/PlatformTab.js';

/** What every workforce section gets; `param` is the section's own part of the route. */
export interface WorkforceTabProps {
  client: ApiClient;
  state: SiteState;
  session: SessionInfo;
  timeZone: string;
  param: string | null;
}

/**
 * `#/workforce/SECTION[/…]`: the real-name workforce (实名制): roster, who is on site now,
 * certificates, attendance and pay, training and exams. Each section is its own module.
 */
export function WorkforceView({ param, ...props }: Omit<WorkforceTabProps, 'param'> & { param: string | null }) {
  const { t } = useTranslation();
  const { tab, rest } = parseWorkforceParam(param);
  const tabProps: WorkforceTabProps = { ...props, param: rest };
  return (
    <main className="workforce-view">
      <nav className="workforce-tabs" aria-label={t('workforceShell.label')}>
        {WORKFORCE_TABS.map((name) => (
          <a key={name} href={`#/workforce/${name}`} className={name === tab ? 'active' : ''} aria-current={name === tab ? 'page' : undefined} data-testid={`workforce-tab-${name}`}>
            {t(`workforceShell.tab.${name}`)}
          </a>
        ))}
      </nav>
      {tab === 'roster' && <RosterTab {...tabProps} />}
      {tab === 'onsite' && <OnSiteTab {...tabProps} />}
      {tab === 'certificates' && <CertificatesTab {...tabProps} />}
      {tab === 'attendance' && <AttendanceTab {...tabProps} />}
      {tab === 'training' && <TrainingTab {...tabProps} />}
      {tab === 'platform' && <PlatformTab {...tabProps} />}
    </main>
  );
}
