import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkAckReply, UserRole } from '../../../../electron/common/api.js';
import { isUnacknowledged, type Alarm, type AlarmPriority } from '../../../../electron/common/alarms.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import { navigate } from '../../app/routes.js';
import { ackNeedsComment, ALARM_PRIORITIES, bulkAckNeedsComment, DEFAULT_FILTER, filterAlarms, mayPerform, type AlarmFilter, type AlarmState, type AlarmStateFilter } from '../../state/alarm-state.js';
import { type SiteState } from '../../state/site-state.js';
import { useDeviceIds } from '../../state/site-state-hooks.js';
import type { ApiClient } from '../../transport/api-client.js';
import { AckDialog } from './AckDialog.js';
import { isBlinking, PriorityBadge, RefusalText, StateWords, ValueVsLimit } from './AlarmBits.js';
import { useAllAlarms } from './use-alarms.js';
import { alarmMessage } from './alarm-text.js';
import { alarmSourceName } from './alarm-format.js';

const STATE_FILTERS: readonly AlarmStateFilter[] = ['annunciated', 'unacked', 'shelved', 'all'];

/**
 * The alarm list: filters, one row per alarm (priority as colour + shape + word, state in words,
 * value against its limit), multi-select with one-comment bulk acknowledgement, and the keyboard
 * workflow (↑/↓ move, Enter opens, A acknowledges, Space selects).
 */
export function AlarmList({ alarms, site, client, timeZone, role, device = null }: { alarms: AlarmState; site: SiteState; client: ApiClient; timeZone: string; role: UserRole; device?: string | null }) {
  const { t, i18n } = useTranslation();
  const all = useAllAlarms(alarms);
  const deviceIds = useDeviceIds(site);
  // `#/alarms/device:ID` (from the 3D view or a device's detail) opens the list on that device.
  const [filter, setFilter] = useState<AlarmFilter>(device ? { ...DEFAULT_FILTER, state: 'all', device } : DEFAULT_FILTER);
  const [focusIndex, setFocusIndex] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [ackTarget, setAckTarget] = useState<Alarm | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bulkReply, setBulkReply] = useState<BulkAckReply | null>(null);
  const rows = useMemo(() => filterAlarms(all, filter), [all, filter]);
  const rowRefs = useRef(new Map<string, HTMLTableRowElement>());
  const mayAck = mayPerform(role, 'acknowledge');
  const chosen = rows.filter((a) => selected.has(a.id));
  const focused = rows[Math.min(focusIndex, rows.length - 1)];
  const nameOf = alarmSourceName(site.devices, t);

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setFocusIndex(next);
    const alarm = rows[next];
    if (alarm) rowRefs.current.get(alarm.id)?.focus();
  };

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const acknowledge = async (alarm: Alarm) => {
    setError(null);
    if (!isUnacknowledged(alarm)) return;
    if (ackNeedsComment(alarm.priority)) {
      setAckTarget(alarm);
      return;
    }
    try {
      await client.call('acknowledgeAlarm', { id: alarm.id });
    } catch (e) {
      setError(e);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if ((event.target as HTMLElement).tagName === 'INPUT' && event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          moveFocus(focusIndex + 1);
          return true;
        case 'ArrowUp':
          moveFocus(focusIndex - 1);
          return true;
        case 'Home':
          moveFocus(0);
          return true;
        case 'End':
          moveFocus(rows.length - 1);
          return true;
        case 'Enter':
          if (focused) navigate('alarms', focused.id);
          return true;
        case ' ':
          if (focused) toggle(focused.id);
          return true;
        case 'a':
        case 'A':
          if (focused && mayAck) void acknowledge(focused);
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  };

  return (
    <section className="alarm-list" aria-labelledby="alarm-list-heading">
      <header className="alarm-list-header">
        <h2 id="alarm-list-heading">{t('alarm.list.heading')}</h2>
        <div className="alarm-filters">
          <label>
            {t('alarm.list.filterState')}
            <select data-testid="filter-state" value={filter.state} onChange={(e) => setFilter({ ...filter, state: e.target.value as AlarmStateFilter })}>
              {STATE_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {t(`alarm.list.stateFilter.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('alarm.list.filterPriority')}
            <select
              data-testid="filter-priority"
              value={filter.priority ?? ''}
              onChange={(e) => setFilter({ ...filter, priority: (e.target.value || null) as AlarmPriority | null })}
            >
              <option value="">{t('alarm.list.any')}</option>
              {ALARM_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`alarm.priority.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('alarm.list.filterDevice')}
            <select data-testid="filter-device" value={filter.device ?? ''} onChange={(e) => setFilter({ ...filter, device: e.target.value || null })}>
              <option value="">{t('alarm.list.any')}</option>
              {deviceIds.map((id) => (
                <option key={id} value={id}>
                  {nameOf(id)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="hint keyboard-hint">{t('alarm.list.keyboardHint')}</p>
      </header>
      {mayAck && chosen.length > 0 && (
        <BulkAck
          client={client}
          chosen={chosen}
          onDone={(reply) => {
            setBulkReply(reply);
            setSelected(new Set());
          }}
        />
      )}
      {bulkReply && (
        <p className="bulk-reply" role="status" data-testid="bulk-reply">
          {t('alarm.list.bulkDone', { count: bulkReply.acknowledged.length })}
          {bulkReply.refused.map((r) => (
            <span key={r.alarmId} className="refused">
              {' '}
              ⚠ {r.alarmId}: {r.error}
            </span>
          ))}
        </p>
      )}
      <RefusalText error={error} />
      <table className="alarm-table">
        <thead>
          <tr>
            <th className="col-select">
              <input
                type="checkbox"
                aria-label={t('alarm.list.selectAll')}
                checked={rows.length > 0 && chosen.length === rows.length}
                onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((a) => a.id)) : new Set())}
              />
            </th>
            <th>{t('alarm.list.col.priority')}</th>
            <th>{t('alarm.list.col.state')}</th>
            <th>{t('alarm.list.col.device')}</th>
            <th>{t('alarm.list.col.message')}</th>
            <th>{t('alarm.list.col.value')}</th>
            <th>{t('alarm.list.col.time')}</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {rows.map((alarm, i) => (
            <tr
              key={alarm.id}
              ref={(el) => {
                if (el) rowRefs.current.set(alarm.id, el);
                else rowRefs.current.delete(alarm.id);
              }}
              tabIndex={alarm === focused ? 0 : -1}
              aria-selected={selected.has(alarm.id)}
              className={`alarm-row${isUnacknowledged(alarm) ? ' unacked' : ''}${selected.has(alarm.id) ? ' selected' : ''}`}
              data-testid="alarm-row"
              data-alarm-id={alarm.id}
              data-condition={alarm.conditionKey}
              onFocus={() => setFocusIndex(i)}
              onDoubleClick={() => navigate('alarms', alarm.id)}
            >
              <td className="col-select">
                <input type="checkbox" tabIndex={-1} aria-label={t('alarm.list.select')} checked={selected.has(alarm.id)} onChange={() => toggle(alarm.id)} />
              </td>
              <td>
                <PriorityBadge priority={alarm.priority} blink={isBlinking(alarm)} />
              </td>
              <td>
                <StateWords alarm={alarm} timeZone={timeZone} />
              </td>
              <td>
                {nameOf(alarm.sourceDevice)}{' '}
                <a className="in3d-link" href={`#/site3d/${encodeURIComponent(alarm.sourceDevice)}`} tabIndex={-1} data-testid="alarm-in3d" title={t('links.in3d')}>
                  ◎ {t('links.in3d')}
                </a>
              </td>
              <td className="col-message">
                <a href={`#/alarms/${encodeURIComponent(alarm.id)}`} tabIndex={-1}>
                  {alarmMessage(alarm, t, nameOf)}
                </a>
              </td>
              <td className="col-value">
                <ValueVsLimit alarm={alarm} />
              </td>
              <td className="col-time">{alarm.activatedAt !== null ? formatSiteTime(alarm.activatedAt, timeZone, i18n.language) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">{t('alarm.list.empty')}</p>}
      {ackTarget && (
        <AckDialog
          alarm={ackTarget}
          client={client}
          onClose={() => {
            const id = ackTarget.id;
            setAckTarget(null);
            rowRefs.current.get(id)?.focus();
          }}
        />
      )}
    </section>
  );
}

/** One comment for every selected alarm; the reply says which ones were refused and why. */
function BulkAck({ client, chosen, onDone }: { client: ApiClient; chosen: Alarm[]; onDone: (reply: BulkAckReply) => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const needed = bulkAckNeedsComment(chosen);
  const unacked = chosen.filter(isUnacknowledged);

  const submit = async () => {
    const text = comment.trim();
    if (needed && !text) {
      setMissing(true);
      return;
    }
    setError(null);
    try {
      const result = await client.call('acknowledgeAlarms', text ? { ids: unacked.map((a) => a.id), comment: text } : { ids: unacked.map((a) => a.id) });
      setComment('');
      onDone(result);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form
      className="bulk-ack"
      data-testid="bulk-ack"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <span className="bulk-count">{t('alarm.list.selected', { count: chosen.length, unacked: unacked.length })}</span>
      <input
        name="bulk-comment"
        value={comment}
        placeholder={needed ? t('alarm.ack.commentRequired') : t('alarm.ack.commentOptional')}
        aria-label={t('alarm.ack.comment')}
        aria-invalid={missing}
        onChange={(e) => {
          setComment(e.target.value);
          setMissing(false);
        }}
      />
      <button type="submit" className="action primary" disabled={unacked.length === 0} data-testid="bulk-ack-submit">
        {t('alarm.list.bulkAck', { count: unacked.length })}
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
