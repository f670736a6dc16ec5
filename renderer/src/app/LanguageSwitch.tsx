import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES } from '../i18n/setup.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('top.language')}</span>
      <select aria-label={t('top.language')} value={i18n.language} onChange={(e) => changeLanguage(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
