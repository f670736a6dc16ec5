import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExamAttemptView, ExamResultDetail } from '../../../electron/common/api/worker-portal.js';
import { errorText } from './errors.js';
import type { PortalClient } from './portal-client.js';
import type { WorkerLanguage, WorkerStrings } from './strings.js';

/**
 * One question per screen (big options a thumb hits), a countdown from the core's clock, each
 * answer saved as it is chosen (a dropped connection loses nothing), and the hand-in.
 */
export function ExamScreen({ client, s, lang, courseId, done }: { client: PortalClient; s: WorkerStrings; lang: WorkerLanguage; courseId: number; done: (result: ExamResultDetail) => void }) {
  const [exam, setExam] = useState<ExamAttemptView | null>(null);
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [left, setLeft] = useState(0);
  const offset = useRef(0);
  const submitting = useRef(false);

  useEffect(() => {
    client
      .call('startExam', { courseId })
      .then((e) => {
        offset.current = e.serverNow - Date.now();
        setExam(e);
        setAnswers(e.answers);
      })
      .catch((e: unknown) => setError(errorText(e, lang, s)));
  }, [client, courseId, lang, s]);

  const submit = useCallback(async () => {
    if (!exam || submitting.current) return;
    submitting.current = true;
    try {
      done(await client.call('submitExam', { attemptId: exam.attemptId, answers }));
    } catch (e) {
      submitting.current = false;
      setError(errorText(e, lang, s));
    }
  }, [answers, client, done, exam, lang, s]);

  useEffect(() => {
    if (!exam) return;
    const tick = () => setLeft(Math.max(0, exam.deadlineAt - (Date.now() + offset.current)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [exam]);

  useEffect(() => {
    // At the deadline the phone hands in what it has; the core grades it as at the deadline anyway.
    if (exam && left === 0 && Date.now() + offset.current >= exam.deadlineAt) void submit();
  }, [exam, left, submit]);

  if (error && !exam) return <p className="w-error">{error}</p>;
  if (!exam) return <p className="w-hint">{s.loading}</p>;
  const q = exam.questions[index]!;
  const chosen = answers[String(q.id)] ?? [];
  const choose = (option: number) => {
    const next = q.kind === 'multiple' ? (chosen.includes(option) ? chosen.filter((c) => c !== option) : [...chosen, option].sort()) : [option];
    setAnswers((a) => ({ ...a, [String(q.id)]: next }));
    client.call('answer', { attemptId: exam.attemptId, questionId: q.id, choice: next }).catch((e: unknown) => setError(errorText(e, lang, s)));
  };
  const unanswered = exam.questions.filter((x) => !(answers[String(x.id)]?.length)).length;
  const minutes = Math.floor(left / 60_000);
  const seconds = Math.floor((left % 60_000) / 1000);
  return (
    <div className="w-exam" data-testid="worker-exam">
      <div className={`w-timer ${left < 60_000 ? 'urgent' : ''}`} aria-live="polite">
        <span>{exam.courseTitle}</span>
        <span data-testid="worker-timer">
          {s.timeLeft} {String(minutes).padStart(2, '0')}:{String(seconds).padStart(2, '0')}
        </span>
      </div>
      <div className="w-progress">
        {exam.questions.map((x, i) => (
          <button key={x.id} type="button" className={`${i === index ? 'here' : ''} ${answers[String(x.id)]?.length ? 'done' : ''}`} onClick={() => setIndex(i)} aria-label={s.question(i + 1, exam.questions.length)} />
        ))}
      </div>
      <section className="w-card w-question" data-testid="worker-question" data-question-id={q.id}>
        <div className="w-dim">
          {s.question(index + 1, exam.questions.length)} · {s.kindLabel[q.kind]}
        </div>
        <h2>{q.text}</h2>
        <div className="w-options" role={q.kind === 'multiple' ? 'group' : 'radiogroup'}>
          {q.options.map((option, i) => (
            <button
              key={i}
              type="button"
              role={q.kind === 'multiple' ? 'checkbox' : 'radio'}
              aria-checked={chosen.includes(i)}
              className={chosen.includes(i) ? 'chosen' : ''}
              onClick={() => choose(i)}
              data-testid={`worker-option-${i}`}
            >
              <span className="w-letter">{q.kind === 'true-false' ? (i === 0 ? '✔' : '✘') : String.fromCharCode(65 + i)}</span>
              {option}
            </button>
          ))}
        </div>
      </section>
      {error && <p className="w-error">{error}</p>}
      <div className="w-nav">
        <button type="button" className="w-secondary" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          {s.prev}
        </button>
        {index < exam.questions.length - 1 ? (
          <button type="button" className="w-primary" onClick={() => setIndex(index + 1)} data-testid="worker-next">
            {s.next}
          </button>
        ) : (
          <button type="button" className="w-primary" onClick={() => (unanswered === 0 || window.confirm(s.confirmSubmit(unanswered))) && void submit()} data-testid="worker-submit">
            {s.submit}
          </button>
        )}
      </div>
    </div>
  );
}
