import { addStrings } from '../../i18n/add-strings.js';

/** Messages of the quality area's alarms (overdue rectification notices), merged under `alarmText.`. */
addStrings(
  'alarmText',
  { quality: { overdue: 'Rectification notice {{number}} to {{company}} was due on {{date}} and is not closed' } },
  { quality: { overdue: '整改通知单 {{number}}（{{company}}）整改期限 {{date}} 已过，尚未闭合' } },
);
