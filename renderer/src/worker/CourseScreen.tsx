import { useEffect, useState } from 'react';
import type { WorkerCourseDetail } from '../../../electron/common/api/worker-portal.js';
import { errorText } from './errors.js';
import type { PortalClient } from './portal-client.js';
import type { WorkerLanguage, WorkerStrings } from './strings.js';

/** A course's materials, its exam rules and the button to start (or resume) the exam. */
export function CourseScreen({ client, s, lang, courseId, back, start }: { client: PortalClient; s: WorkerStrings; lang: WorkerLanguage; courseId: number; back: () => void; start: () => void }) {
  const [course, setCourse] = useState<WorkerCourseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client
      .call('course', { courseId })
      .then(setCourse)
      .catch((e: unknown) => setError(errorText(e, lang, s)));
  }, [client, courseId, lang, s]);

  if (error) return <p className="w-error">{error}</p>;
  if (!course) return <p className="w-hint">{s.loading}</p>;
  const attemptsLeft = course.attemptsAllowed === 0 || course.attemptsUsed < course.attemptsAllowed;
  return (
    <>
      <button type="button" className="w-link" onClick={back}>
        ‹ {s.backHome}
      </button>
      <section className="w-card">
        <div className="w-course-kind">
          {s.kind[course.kind]}
          {course.level ? ` · ${s.level[course.level]}` : ''}
        </div>
        <h2 data-testid="worker-course-title">{course.title}</h2>
        {course.description && <p>{course.description}</p>}
        <p className="w-dim">
          {course.hours} {s.hours} · {s.attempts(course.attemptsUsed, course.attemptsAllowed)}
        </p>
      </section>
      {course.materials.length > 0 && <h2 className="w-section">{s.materials}</h2>}
      {course.materials.map((m) => (
        <section key={m.id} className="w-card w-material">
          <h3>{m.title}</h3>
          {m.kind === 'text' && <p className="w-text">{m.body}</p>}
          {m.kind === 'image' && m.url && <img src={m.url} alt={m.title} />}
          {m.kind === 'video' && m.url && <video src={m.url} controls playsInline preload="metadata" />}
          {m.kind === 'pdf' && m.url && (
            <a className="w-secondary" href={m.url} target="_blank" rel="noreferrer">
              {s.openPdf}
            </a>
          )}
        </section>
      ))}
      <section className="w-card">
        <p>{s.examRules(course.questionCount, course.passMark, course.timeLimitMinutes)}</p>
        {course.passed ? (
          <p className="w-ok">✔ {s.passed}</p>
        ) : (
          <button type="button" className="w-primary" onClick={start} disabled={!attemptsLeft && course.openAttemptId === null} data-testid="worker-start-exam">
            {course.openAttemptId !== null ? s.resumeExam : s.startExam}
          </button>
        )}
      </section>
    </>
  );
}
