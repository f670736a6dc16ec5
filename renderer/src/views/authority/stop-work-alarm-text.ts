import { addStrings } from '../../i18n/add-strings.js';

/** The site's alarm for a stop-work order received from the supervising authority (merged under `alarmText.`). */
addStrings(
  'alarmText',
  { quality: { stopWork: 'Stop-work order {{number}} from the supervising authority: {{title}}' } },
  { quality: { stopWork: '监督机构停工整改令 {{number}}：{{title}}' } },
);
