import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRole } from '../../../../electron/common/api.js';
import type { Alarm } from '../../../../electron/common/alarms.js';
import { ackNeedsComment, availableActions } from '../../state/alarm-state.js';
import type { ApiClient } from '../../transport/api-client.js';
import { RefusalText } from './AlarmBits.js';

const SHELVE_MINUTES = [15, 30, 60, 120, 480] as const;

/**
 * Buttons for what this user may do to this alarm now (the core checks again and its refusal is
 * shown in words): acknowledge, reset a cleared latched alarm, shelve, unshelve, comment.
 */
export function AlarmActions({ alarm, client, role }: { alarm: Alarm; client: ApiClient; role: UserRole }) {
  const { t } = useTranslation();
  const actions = availableActions(alarm, role);
  if (actions.length === 0) return <p className="hint" data-testid="no-actions">{t('alarm.detail.noActions')}</p>;
  const needsComment = ackNeedsComment(alarm.priority);
  return (
    <div className="alarm-actions" data-testid="alarm-actions">
      {actions.includes('acknowledge') && (
        <ActionForm
          testId="ack-form"
          label={t('alarm.action.acknowledge')}
          textLabel={needsComment ? t('alarm.ack.commentRequired') : t('alarm.ack.commentOptional')}
          textRequired={needsComment}
          primary
          run={(text) => client.call('acknowledgeAlarm', text ? { id: alarm.id, comment: text } : { id: alarm.id })}
        />
      )}
      {actions.includes('reset') && (
        <ActionForm
          testId="reset-form"
          label={t('alarm.action.reset')}
          textLabel={t('alarm.detail.resetComment')}
          primary
          run={(text) => client.call('resetAlarm', text ? { id: alarm.id, comment: text } : { id: alarm.id })}
        />
      )}
      {actions.includes('shelve') && <ShelveForm alarm={alarm} client={client} />}
      {actions.includes('unshelve') && <ActionForm testId="unshelve-form" label={t('alarm.action.unshelve')} run={() => client.call('unshelveAlarm', { id: alarm.id })} />}
      {actions.includes('comment') && (
        <ActionForm testId="comment-form" label={t('alarm.action.comment')} textLabel={t('alarm.detail.commentText')} textRequired run={(text) => client.call('commentAlarm', { id: alarm.id, text })} />
      )}
    </div>
  );
}

/** One action: optional text, a button, the refusal in words. */
function ActionForm({
  testId,
  label,
  textLabel,
  textRequired = false,
  primary = false,
  run,
  extra,
}: {
  testId: string;
  label: string;
  textLabel?: string;
  textRequired?: boolean;
  primary?: boolean;
  run: (text: string) => Promise<unknown>;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (textRequired && !value) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await run(value);
      setText('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="action-form" data-testid={testId} onSubmit={(e) => void submit(e)}>
      {textLabel && (
        <label>
          {textLabel}
          <textarea
            name="text"
            rows={2}
            value={text}
            aria-invalid={missing}
            onChange={(e) => {
              setText(e.target.value);
              setMissing(false);
            }}
          />
        </label>
      )}
      {extra}
      <button type="submit" className={primary ? 'action primary' : 'action'} disabled={busy}>
        {label}
      </button>
      {missing && (
        <p className="form-error" role="alert" data-testid="comment-missing">
          ⚠ {t('alarm.ack.missing')}
        </p>
      )}
      <RefusalText error={error} />
    </form>
  );
}

function ShelveForm({ alarm, client }: { alarm: Alarm; client: ApiClient }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState<number>(60);
  return (
    <ActionForm
      testId="shelve-form"
      label={t('alarm.action.shelve')}
      textLabel={t('alarm.detail.shelveReason')}
      textRequired
      run={(reason) => client.call('shelveAlarm', { id: alarm.id, reason, minutes })}
      extra={
        <label>
          {t('alarm.detail.shelveFor')}
          <select name="minutes" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {SHELVE_MINUTES.map((m) => (
              <option key={m} value={m}>
                {t('alarm.detail.minutes', { count: m })}
              </option>
            ))}
          </select>
        </label>
      }
    />
  );
}
