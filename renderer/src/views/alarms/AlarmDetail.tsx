import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmDetail as AlarmDetailReply, UserRole } from '../../../../electron/common/api.js';
import { isUnacknowledged } from '../../../../electron/common/alarms.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { AlarmState } from '../../state/alarm-state.js';
import type { SiteState } from '../../state/site-state.js';
import type { ApiClient } from '../../transport/api-client.js';
import { AlarmActions } from './AlarmActions.js';
import { PriorityBadge, RefusalText, StateWords, useUnitWord, ValueVsLimit } from './AlarmBits.js';
import { AlarmTimeline } from './AlarmTimeline.js';
import { alarmSourceName, formatMeasure } from './alarm-format.js';
import { useAlarm } from './use-alarms.js';
import { ValueChart } from './ValueChart.js';
import { alarmMessage } from './alarm-text.js';
import { EvidenceClips } from './EvidenceClips.js';
import { DeviceViewLinks } from '../../app/ViewLinks.js';
import { CapturePhoto } from './CapturePhoto.js';

/**
 * One alarm occurrence (level 3): its fields, the live trend of its value against the limit,
 * its timeline from the audit log, and the actions this user may take now.
 */
export function AlarmDetail({ id, alarms, site, client, timeZone, role }: { id: string; alarms: AlarmState; site: SiteState; client: ApiClient; timeZone: string; role: UserRole }) {
  const { t, i18n } = useTranslation();
  const unitWord = useUnitWord();
  const live = useAlarm(alarms, id);
  const [detail, setDetail] = useState<AlarmDetailReply | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Re-read the history whenever the live copy changes (ack, reset, comment…).
  useEffect(() => {
    let cancelled = false;
    client.call('getAlarm', { id }).then(
      (reply) => {
        if (cancelled) return;
        setDetail(reply);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [client, id, live]);

  const alarm = live ?? detail?.alarm;
  const time = (ms: number | null) => (ms === null ? '—' : formatSiteTime(ms, timeZone, i18n.language, true));
  const by = (user: string | null, at: number | null) => (at === null ? '—' : user ? t('alarm.detail.atBy', { time: time(at), user }) : time(at));

  return (
    <main className="alarms-view alarm-detail" data-testid="alarm-detail">
      <p>
        <a href="#/alarms" className="back-link">
          ← {t('alarm.detail.back')}
        </a>
      </p>
      <RefusalText error={error} />
      {alarm && (
        <>
          <header className="detail-header">
            <PriorityBadge priority={alarm.priority} blink={isUnacknowledged(alarm)} />
            {/* The condition key is for diagnostics: on hover, not on the screen (ISA-101 operator language). */}
            <h2 title={`${t('alarm.detail.condition')}: ${alarm.conditionKey}`}>{alarmMessage(alarm, t)}</h2>
            <StateWords alarm={alarm} timeZone={timeZone} />
            <DeviceViewLinks deviceId={alarm.sourceDevice.split('~')[0]!} show={['in3d', 'device']} />
          </header>
          <div className="detail-grid">
            <section className="panel">
              <dl className="detail-fields">
                <Field label={t('alarm.list.col.device')} value={alarmSourceName(site.devices, t)(alarm.sourceDevice)} />
                <Field label={t('alarm.list.col.value')} value={<ValueVsLimit alarm={alarm} />} />
                <Field label={t('alarm.detail.peak')} value={formatMeasure(alarm.peakValue, alarm.unit, unitWord)} />
                <Field label={t('alarm.detail.activated')} value={time(alarm.activatedAt)} />
                <Field label={t('alarm.detail.acknowledged')} value={by(alarm.ackedBy, alarm.ackedAt)} testId="field-acked" />
                <Field label={t('alarm.detail.returned')} value={time(alarm.rtnAt)} />
                <Field label={t('alarm.detail.reset')} value={by(alarm.resetBy, alarm.resetAt)} />
                <Field label={t('alarm.detail.latched')} value={alarm.latched ? t('alarm.detail.yes') : t('alarm.detail.no')} />
                <Field label={t('alarm.detail.escalated')} value={alarm.escalated ? time(alarm.escalatedAt) : t('alarm.detail.no')} />
                {alarm.shelved && <Field label={t('alarm.detail.shelved')} value={`${by(alarm.shelved.by, alarm.shelved.at)} — ${alarm.shelved.reason}`} />}
              </dl>
            </section>
            <section className="panel">
              <h3>{t('alarm.detail.actions')}</h3>
              <AlarmActions alarm={alarm} client={client} role={role} />
            </section>
          </div>
          <section className="panel">
            <ValueChart alarm={alarm} site={site} client={client} timeZone={timeZone} />
          </section>
          {alarm.photo && <CapturePhoto path={alarm.photo} />}
          {detail && <EvidenceClips alarm={alarm} clips={detail.clips ?? []} client={client} timeZone={timeZone} />}
          <section className="panel">
            <h3>{t('alarm.detail.timeline')}</h3>
            {detail ? <AlarmTimeline history={detail.history} timeZone={timeZone} /> : <p className="hint">{t('app.loading')}</p>}
          </section>
        </>
      )}
    </main>
  );
}

function Field({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div className="detail-field" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
