import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSE_KINDS } from '../../../../../electron/common/workforce.js';
import { INDUCTION_LEVELS, type CourseDetail, type CourseSettings } from '../../../../../electron/common/api.js';
import type { ApiClient } from '../../../transport/api-client.js';
import { MaterialsEditor } from './MaterialsEditor.js';
import { QuestionsEditor } from './QuestionsEditor.js';

export const NEW_COURSE: CourseSettings = { kind: 'topic', level: null, title: '', description: '', hours: 1, questionCount: 10, passMark: 80, timeLimitMinutes: 20, attemptsAllowed: 3, active: true };

const settingsOf = (c: CourseSettings): CourseSettings => ({
  kind: c.kind,
  level: c.level,
  title: c.title,
  description: c.description,
  hours: c.hours,
  questionCount: c.questionCount,
  passMark: c.passMark,
  timeLimitMinutes: c.timeLimitMinutes,
  attemptsAllowed: c.attemptsAllowed,
  active: c.active,
});

/** A course's settings form; for a saved course also its materials, question bank and links. */
export function CourseEditor({ client, token, canEdit, course, onSaved }: { client: ApiClient; token: string; canEdit: boolean; course: CourseSettings | CourseDetail; onSaved: (c: CourseDetail) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<CourseSettings>(settingsOf(course));
  const [message, setMessage] = useState<string | null>(null);
  const saved = 'id' in course ? course : null;
  const set = <K extends keyof CourseSettings>(key: K, value: CourseSettings[K]) => setForm((f) => ({ ...f, [key]: value }));
  const num = (key: 'hours' | 'questionCount' | 'passMark' | 'timeLimitMinutes' | 'attemptsAllowed', label: string, step = 1) => (
    <label>
      {label}
      <input type="number" min={0} step={step} value={form[key]} disabled={!canEdit} onChange={(e) => set(key, Number(e.target.value))} data-testid={`course-${key}`} />
    </label>
  );
  const save = async () => {
    setMessage(null);
    try {
      const settings = { ...form, level: form.kind === 'induction' ? (form.level ?? 'project') : null };
      const result = saved ? await client.call('updateCourse', { id: saved.id, ...settings }) : await client.call('createCourse', settings);
      setMessage(t('training.saved'));
      onSaved(result);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <div data-testid="training-course-editor">
      <div className="training-form">
        <label className="wide">
          {t('training.title')}
          <input value={form.title} disabled={!canEdit} onChange={(e) => set('title', e.target.value)} data-testid="course-title" />
        </label>
        <label>
          {t('training.kindLabel')}
          <select value={form.kind} disabled={!canEdit} onChange={(e) => set('kind', e.target.value as CourseSettings['kind'])} data-testid="course-kind">
            {COURSE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`training.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('training.levelLabel')}
          <select value={form.level ?? ''} disabled={!canEdit || form.kind !== 'induction'} onChange={(e) => set('level', (e.target.value || null) as CourseSettings['level'])}>
            <option value="">—</option>
            {INDUCTION_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`training.level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="full">
          {t('training.description')}
          <textarea rows={2} value={form.description} disabled={!canEdit} onChange={(e) => set('description', e.target.value)} />
        </label>
        {num('hours', t('training.hours'), 0.5)}
        {num('questionCount', t('training.questionCount'))}
        {num('passMark', t('training.passMark'))}
        {num('timeLimitMinutes', t('training.timeLimit'))}
        {num('attemptsAllowed', t('training.attempts'))}
        <label>
          <span>
            <input type="checkbox" checked={form.active} disabled={!canEdit} onChange={(e) => set('active', e.target.checked)} /> {t('training.active')}
          </span>
        </label>
        {canEdit && (
          <button type="button" onClick={() => void save()} data-testid="course-save">
            {t('training.save')}
          </button>
        )}
        {saved && (
          <span>
            <a href={`#/workforce/training/print/${saved.id}`} data-testid="course-print-qr">
              {t('training.printQr')}
            </a>
            {' · '}
            <a href={`#/workforce/training/results/${saved.id}`}>{t('training.nav.results')}</a>
          </span>
        )}
      </div>
      {message && <p className="training-message">{message}</p>}
      {saved && (
        <>
          <MaterialsEditor client={client} token={token} canEdit={canEdit} course={saved} onChanged={() => onSaved(saved)} />
          <QuestionsEditor client={client} canEdit={canEdit} course={saved} onChanged={() => onSaved(saved)} />
        </>
      )}
    </div>
  );
}
