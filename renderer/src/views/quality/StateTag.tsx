import { useTranslation } from 'react-i18next';
import type { NoticeState } from '../../../../electron/common/quality.js';

/** A notice's state in words with a shape (closed: ✓; waiting on the site: ○; waiting on the verifier: ◐). */
export function StateTag({ state }: { state: NoticeState }) {
  const { t } = useTranslation();
  const shape = state === 'closed' ? '✓' : state === 'answered' ? '◐' : '○';
  return (
    <span className={`q-state q-state-${state}`} data-testid="q-state">
      {shape} {t(`quality.state.${state}`)}
    </span>
  );
}
