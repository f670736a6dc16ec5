import type { ExamResultDetail } from '../../../electron/common/api/worker-portal.js';
import type { WorkerStrings } from './strings.js';

/** Score, pass or fail, and each question with the right answer and why. */
export function ResultScreen({ result, s, back }: { result: ExamResultDetail; s: WorkerStrings; back: () => void }) {
  const letters = (options: string[], picked: number[]) => (picked.length ? picked.map((i) => options[i]).join('、') : s.none);
  return (
    <>
      <section className={`w-card w-result ${result.passed ? 'ok' : 'bad'}`} data-testid="worker-result">
        <div className="w-score" data-testid="worker-score">
          {result.score}
        </div>
        <div className="w-verdict">{result.passed ? `✔ ${s.pass}` : `✘ ${s.fail}`}</div>
        <div className="w-dim">
          {s.passMark} {result.passMark}
          {result.passed && result.hoursCredited > 0 ? ` · ${s.hoursCredited(result.hoursCredited)}` : ''}
        </div>
        {result.timedOut && <p className="w-banner">{s.timeUp}</p>}
      </section>
      <ol className="w-review">
        {result.questions.map((q) => (
          <li key={q.id} className={q.correct ? 'ok' : 'bad'}>
            <div className="w-review-q">
              {q.correct ? '✔' : '✘'} {q.text}
            </div>
            <div className="w-dim">
              {s.yourAnswer}: {letters(q.options, q.chosen)}
            </div>
            {!q.correct && (
              <div>
                {s.rightAnswer}: {letters(q.options, q.answer)}
              </div>
            )}
            {q.explanation && <div className="w-explain">{q.explanation}</div>}
          </li>
        ))}
      </ol>
      <button type="button" className="w-primary" onClick={back} data-testid="worker-back-home">
        {s.backHome}
      </button>
    </>
  );
}
