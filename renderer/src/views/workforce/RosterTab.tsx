import './roster/strings.js';
import './roster/roster.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterCounts } from '../../../../electron/common/api.js';
import { mayWorkforce } from '../../../../electron/common/workforce-permissions.js';
import { ImportDialog } from './roster/ImportDialog.js';
import { RegisterForm } from './roster/RegisterForm.js';
import { RosterList } from './roster/RosterList.js';
import { WorkerDetailView } from './roster/WorkerDetail.js';
import type { WorkforceTabProps } from './WorkforceView.js';

/**
 * `#/workforce/roster[/new|/import|/ID]`: the real-name roster (花名册). Roles that may not read
 * the registry (viewer) see the counts only (workforce-permissions.ts).
 */
export function RosterTab(props: WorkforceTabProps) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<RosterCounts | null>(null);
  const { client, param, session } = props;
  useEffect(() => {
    void client.call('getRosterCounts').then(setCounts);
  }, [client, param]);
  const canRead = mayWorkforce(session.role, 'readRegistry');
  return (
    <section className="panel roster" data-testid="workforce-roster">
      {counts && <p className="roster-counts" data-testid="roster-counts">{t('wfRoster.counts', { ...counts })}</p>}
      {!canRead && <p className="hint">{t('wfRoster.countsOnly')}</p>}
      {canRead && param === null && <RosterList {...props} />}
      {canRead && param === 'new' && <RegisterForm {...props} />}
      {canRead && param === 'import' && <ImportDialog {...props} />}
      {canRead && param !== null && /^\d+$/.test(param) && <WorkerDetailView {...props} workerId={Number(param)} />}
    </section>
  );
}
