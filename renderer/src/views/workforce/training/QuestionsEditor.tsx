import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTION_KINDS, type CourseDetail, type QuestionKind } from '../../../../../electron/common/api.js';
import type { ApiClient } from '../../../transport/api-client.js';

const letter = (i: number) => String.fromCharCode(65 + i);

/** The question bank: each question with its options, the right ones marked, and its explanation. */
export function QuestionsEditor({ client, canEdit, course, onChanged }: { client: ApiClient; canEdit: boolean; course: CourseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<QuestionKind>('single');
  const [text, setText] = useState('');
  const [options, setOptions] = useState('');
  const [answer, setAnswer] = useState('');
  const [explanation, setExplanation] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const fail = (e: unknown) => setMessage((e as Error).message);
  const add = () => {
    const opts = kind === 'true-false' ? ['对', '错'] : options.split('\n').map((o) => o.trim()).filter(Boolean);
    const right = answer
      .toUpperCase()
      .split(/[^A-H]+/)
      .filter(Boolean)
      .map((a) => a.charCodeAt(0) - 65);
    client.call('addQuestion', { courseId: course.id, kind, text, options: opts, answer: right, explanation }).then(() => {
      setText('');
      setOptions('');
      setAnswer('');
      setExplanation('');
      setMessage(null);
      onChanged();
    }, fail);
  };
  return (
    <>
      <h3>{t('training.bank', { n: course.questions.length })}</h3>
      <div data-testid="course-questions">
        {course.questions.map((q, n) => (
          <div key={q.id} className="training-question">
            <div>
              {n + 1}. [{t(`training.qkind.${q.kind}`)}] {q.text}
              {canEdit && (
                <button type="button" onClick={() => client.call('removeQuestion', { id: q.id }).then(onChanged, fail)}>
                  {t('training.remove')}
                </button>
              )}
            </div>
            <ol type="A">
              {q.options.map((o, i) => (
                <li key={i} className={q.answer.includes(i) ? 'right' : ''}>
                  {o}
                </li>
              ))}
            </ol>
            {q.explanation && <small className="training-message">{q.explanation}</small>}
          </div>
        ))}
      </div>
      {canEdit && (
        <div className="training-form">
          <label>
            {t('training.kindLabel')}
            <select value={kind} onChange={(e) => setKind(e.target.value as QuestionKind)}>
              {QUESTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`training.qkind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="wide">
            {t('training.question')}
            <input value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <label>
            {t('training.answer')}
            <input value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={kind === 'true-false' ? 'A = 对, B = 错' : 'A'} />
          </label>
          {kind !== 'true-false' && (
            <label className="wide">
              {t('training.options')}
              <textarea rows={3} value={options} onChange={(e) => setOptions(e.target.value)} placeholder={[0, 1, 2, 3].map(letter).join('\n')} />
            </label>
          )}
          <label className="wide">
            {t('training.explanation')}
            <textarea rows={2} value={explanation} onChange={(e) => setExplanation(e.target.value)} />
          </label>
          <button type="button" disabled={!text.trim() || !answer.trim()} onClick={add}>
            {t('training.addQuestion')}
          </button>
        </div>
      )}
      {message && <p className="training-error">{message}</p>}
    </>
  );
}
