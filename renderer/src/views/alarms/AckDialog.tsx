import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm } from '../../../../electron/common/alarms.js';
import { ackNeedsComment } from '../../state/alarm-state.js';
import type { ApiClient } from '../../transport/api-client.js';
import { PriorityBadge, RefusalText } from './AlarmBits.js';
import { alarmMessage } from './alarm-text.js';

/**
 * Asks for the acknowledgement comment (required for critical and high: who acknowledged and
 * why is the point of the record). Escape cancels; the core's refusal is shown in words.
 */
export function AckDialog({ alarm, client, onClose }: { alarm: Alarm; client: ApiClient; onClose: (acked: boolean) => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const required = ackNeedsComment(alarm.priority);

  useEffect(() => input.current?.focus(), []);

  const submit = async () => {
    const text = comment.trim();
    if (required && !text) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await client.call('acknowledgeAlarm', text ? { id: alarm.id, comment: text } : { id: alarm.id });
      onClose(true);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onClick={() => onClose(false)}>
      <form
        className="ack-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ack-title"
        data-testid="ack-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose(false);
          e.stopPropagation();
        }}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="ack-title">
          <PriorityBadge priority={alarm.priority} /> {t('alarm.ack.title')}
        </h2>
        <p className="ack-message">{alarmMessage(alarm, t)}</p>
        <label>
          {required ? t('alarm.ack.commentRequired') : t('alarm.ack.commentOptional')}
          <textarea
            ref={input}
            name="comment"
            rows={3}
            value={comment}
            aria-invalid={missing}
            onChange={(e) => {
              setComment(e.target.value);
              setMissing(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
          />
        </label>
        {missing && (
          <p className="form-error" role="alert" data-testid="comment-missing">
            ⚠ {t('alarm.ack.missing')}
          </p>
        )}
        <RefusalText error={error} />
        <div className="form-buttons">
          <button type="submit" className="action primary" disabled={busy} data-testid="ack-submit">
            {t('alarm.action.acknowledge')}
          </button>
          <button type="button" className="action" onClick={() => onClose(false)}>
            {t('alarm.action.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
