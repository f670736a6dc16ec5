import type { SessionInfo } from '../../../../electron/common/api.js';
import { mayPerform, type AlarmState } from '../../state/alarm-state.js';
import type { SiteState } from '../../state/site-state.js';
import type { ApiClient } from '../../transport/api-client.js';
import { AlarmDetail } from './AlarmDetail.js';
import { AlarmList } from './AlarmList.js';
import { AuditVerify } from './AuditVerify.js';
import { EscalationOutbox } from './EscalationOutbox.js';
import { KpiPanel } from './KpiPanel.js';
import './alarms.css';

/** `#/alarms`: the list with the KPI panel; `#/alarms/ID`: one alarm's detail. */
export function AlarmsView({
  client,
  state,
  alarms,
  session,
  alarmId,
  timeZone,
}: {
  client: ApiClient;
  state: SiteState;
  alarms: AlarmState;
  session: SessionInfo;
  alarmId: string | null;
  timeZone: string;
}) {
  const deviceFilter = alarmId?.startsWith('device:') ? alarmId.slice('device:'.length) : null;
  if (alarmId && !deviceFilter) return <AlarmDetail id={alarmId} alarms={alarms} site={state} client={client} timeZone={timeZone} role={session.role} />;
  return (
    <main className="alarms-view">
      <AlarmList key={deviceFilter ?? ''} alarms={alarms} site={state} client={client} timeZone={timeZone} role={session.role} device={deviceFilter} />
      <aside className="alarms-side">
        <KpiPanel alarms={alarms} site={state} />
        <EscalationOutbox client={client} />
        {mayPerform(session.role, 'verifyAudit') && <AuditVerify client={client} />}
      </aside>
    </main>
  );
}
