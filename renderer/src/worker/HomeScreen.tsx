import { useEffect, useState } from 'react';
import type { WorkerCourseView, WorkerSelfView } from '../../../electron/common/api/worker-portal.js';
import { errorText } from './errors.js';
import type { PortalClient } from './portal-client.js';
import type { WorkerLanguage, WorkerStrings } from './strings.js';

/** Courses to take (induction first while not passed), hours and attendance days. */
export function HomeScreen({ client, s, lang, open }: { client: PortalClient; s: WorkerStrings; lang: WorkerLanguage; open: (courseId: number) => void }) {
  const [me, setMe] = useState<WorkerSelfView | null>(null);
  const [courses, setCourses] = useState<WorkerCourseView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([client.call('me'), client.call('courses')])
      .then(([m, c]) => {
        setMe(m);
        setCourses(c);
      })
      .catch((e: unknown) => setError(errorText(e, lang, s)));
  }, [client, lang, s]);

  if (error) return <p className="w-error">{error}</p>;
  if (!me || !courses) return <p className="w-hint">{s.loading}</p>;
  return (
    <>
      <section className="w-card w-me" data-testid="worker-me">
        <div className="w-me-name">
          {me.name} <span className="w-dim">{me.trade}</span>
        </div>
        <div className="w-dim">{[me.company, me.team].filter(Boolean).join(' · ')}</div>
        <div className="w-stats">
          <div>
            <b data-testid="worker-hours">{me.trainingHours}</b>
            <span>{s.hours}</span>
          </div>
          <div>
            <b data-testid="worker-days">{me.attendanceDaysThisMonth}</b>
            <span>
              {s.attendance} ({me.month})
            </span>
          </div>
        </div>
      </section>
      {!me.inductionPassed && <p className="w-banner">{s.inductionNeeded}</p>}
      <h2 className="w-section">{s.courses}</h2>
      <ul className="w-courses">
        {courses.map((c) => (
          <li key={c.id}>
            <button type="button" className={`w-course ${c.required ? 'required' : ''}`} onClick={() => open(c.id)} data-testid={`worker-course-${c.id}`}>
              <span className="w-course-kind">
                {s.kind[c.kind]}
                {c.level ? ` · ${s.level[c.level]}` : ''}
                {c.required && <em>{s.required}</em>}
              </span>
              <span className="w-course-title">{c.title}</span>
              <span className={`w-course-state ${c.passed ? 'ok' : c.attemptsUsed ? 'bad' : ''}`}>
                {c.passed ? `✔ ${s.passed} ${c.bestScore ?? ''}` : c.attemptsUsed ? `✘ ${s.notPassed} ${c.bestScore ?? ''}` : s.notTaken} · {c.hours} {s.hours}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {me.records.length > 0 && (
        <>
          <h2 className="w-section">{s.myRecord}</h2>
          <ul className="w-records">
            {me.records.map((r, i) => (
              <li key={i}>
                <span>{r.title}</span>
                <span className="w-dim">
                  {r.score !== null ? `${r.score} · ` : ''}
                  {r.hours} {s.hours} · {new Date(r.at).toLocaleDateString(lang)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
