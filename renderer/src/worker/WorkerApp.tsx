import { useEffect, useMemo, useState } from 'react';
import type { ExamResultDetail } from '../../../electron/common/api/worker-portal.js';
import { CourseScreen } from './CourseScreen.js';
import { ExamScreen } from './ExamScreen.js';
import { HomeScreen } from './HomeScreen.js';
import { IdentifyScreen } from './IdentifyScreen.js';
import { PortalClient } from './portal-client.js';
import { ResultScreen } from './ResultScreen.js';
import { initialWorkerLanguage, WORKER_STRINGS, type WorkerLanguage } from './strings.js';

type Screen = { name: 'home' } | { name: 'course'; courseId: number } | { name: 'exam'; courseId: number } | { name: 'result'; result: ExamResultDetail };

/** The course a QR code pointed at (`#/course/ID`), opened once the worker is identified. */
function courseFromHash(): number | null {
  const m = /^#\/course\/(\d+)$/.exec(location.hash);
  return m ? Number(m[1]) : null;
}

/** The workers' phone page: identify, study, take the exam, see the result and one's own record. */
export function WorkerApp() {
  const client = useMemo(() => new PortalClient(), []);
  const [lang, setLang] = useState<WorkerLanguage>(initialWorkerLanguage);
  const s = WORKER_STRINGS[lang];
  const [signedIn, setSignedIn] = useState(client.signedIn);
  const [screen, setScreen] = useState<Screen>(() => {
    const courseId = courseFromHash();
    return courseId ? { name: 'course', courseId } : { name: 'home' };
  });

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = s.title;
  }, [lang, s]);

  const switchLanguage = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('site-command.worker-language', next);
    setLang(next);
  };
  const signOut = () => {
    void client.call('signOut').catch(() => undefined);
    client.setToken(null);
    setSignedIn(false);
    setScreen({ name: 'home' });
  };

  return (
    <div className="w-page">
      <header className="w-top">
        <h1>{s.title}</h1>
        <div>
          <button type="button" className="w-small" onClick={switchLanguage} data-testid="worker-language">
            {s.language}
          </button>
          {signedIn && (
            <button type="button" className="w-small" onClick={signOut}>
              {s.signOut}
            </button>
          )}
        </div>
      </header>
      <main>
        {!signedIn ? (
          <IdentifyScreen client={client} s={s} lang={lang} onIn={() => setSignedIn(true)} />
        ) : screen.name === 'home' ? (
          <HomeScreen client={client} s={s} lang={lang} open={(courseId) => setScreen({ name: 'course', courseId })} />
        ) : screen.name === 'course' ? (
          <CourseScreen client={client} s={s} lang={lang} courseId={screen.courseId} back={() => setScreen({ name: 'home' })} start={() => setScreen({ name: 'exam', courseId: screen.courseId })} />
        ) : screen.name === 'exam' ? (
          <ExamScreen client={client} s={s} lang={lang} courseId={screen.courseId} done={(result) => setScreen({ name: 'result', result })} />
        ) : (
          <ResultScreen result={screen.result} s={s} back={() => setScreen({ name: 'home' })} />
        )}
      </main>
    </div>
  );
}
