import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRAINING_EDITORS, type CourseDetail, type CourseSummary } from '../../../../../electron/common/api.js';
import type { WorkforceTabProps } from '../WorkforceView.js';
import { CourseEditor, NEW_COURSE } from './CourseEditor.js';

/** Courses on the left, the chosen one (settings, materials, questions) on the right. */
export function CoursesPanel({ client, session, courseId }: WorkforceTabProps & { courseId: number | null }) {
  const { t } = useTranslation();
  const [courses, setCourses] = useState<CourseSummary[]>([]);
  const [detail, setDetail] = useState<CourseDetail | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canEdit = TRAINING_EDITORS.includes(session.role);

  const reload = useCallback(() => {
    client.call('listCourses').then(setCourses, (e: Error) => setError(e.message));
    // No course chosen: the detail is not shown (see `shownDetail`), so it need not be cleared here.
    if (courseId) client.call('getCourse', { id: courseId }).then(setDetail, (e: Error) => setError(e.message));
  }, [client, courseId]);
  useEffect(reload, [reload]);

  const shown = courseId ?? courses[0]?.id ?? null;
  useEffect(() => {
    if (!courseId && shown) location.hash = `#/workforce/training/courses/${shown}`;
  }, [courseId, shown]);

  return (
    <div className="training-split">
      <div>
        <ul className="training-list" data-testid="training-courses">
          {courses.map((c) => (
            <li key={c.id}>
              <a href={`#/workforce/training/courses/${c.id}`} className={c.id === shown && !creating ? 'active' : ''} onClick={() => setCreating(false)}>
                {c.title}
                <small>
                  {t(`training.kind.${c.kind}`)}
                  {c.level ? ` · ${t(`training.level.${c.level}`)}` : ''} · {c.hours} h{c.active ? '' : ' · ⏸'}
                </small>
                <small>{t('training.summary', { bank: c.bankSize, materials: c.materialCount, passed: c.passedWorkers, attempts: c.attempts })}</small>
              </a>
            </li>
          ))}
        </ul>
        {courses.length === 0 && <p className="training-message">{t('training.noCourses')}</p>}
        <p>
          {canEdit && (
            <button type="button" onClick={() => setCreating(true)} data-testid="training-new-course">
              {t('training.newCourse')}
            </button>
          )}{' '}
          <a href="#/workforce/training/print">{t('training.gateQr')}</a>
        </p>
        {error && <p className="training-error">{error}</p>}
      </div>
      <div>
        {creating ? (
          <CourseEditor
            client={client}
            token={session.token}
            canEdit={canEdit}
            course={{ ...NEW_COURSE }}
            onSaved={(c) => {
              setCreating(false);
              location.hash = `#/workforce/training/courses/${c.id}`;
              reload();
            }}
          />
        ) : (
          detail &&
          detail.id === courseId && <CourseEditor key={detail.id} client={client} token={session.token} canEdit={canEdit} course={detail} onSaved={reload} />
        )}
      </div>
    </div>
  );
}
