import { useTranslation } from 'react-i18next';
import type { ConfigProblem } from '../../../../electron/common/site.js';

export function ConfigProblems({ problems }: { problems: ConfigProblem[] }) {
  const { t } = useTranslation();
  return (
    <section className="banner banner-error" role="alert" data-testid="config-problems">
      <p>⚠ {t('config.heading')}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.file}</code> · <code>{p.field}</code>: {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
