import './strings.js';
import { useTranslation } from 'react-i18next';

/** "⊘ Blacklisted": a shape and a word in the neutral emphasis style (alarm colours are for alarms). */
export function BlacklistTag() {
  const { t } = useTranslation();
  return (
    <span className="blacklist-tag" data-testid="blacklist-tag">
      <span aria-hidden>⊘</span> {t('devices.blacklisted')}
    </span>
  );
}
