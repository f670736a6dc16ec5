import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MATERIAL_COURSE_HEADER, MATERIAL_FILENAME_HEADER, MATERIAL_TITLE_HEADER, MATERIAL_UPLOAD_PATH, type CourseDetail } from '../../../../../electron/common/api.js';
import type { ApiClient } from '../../../transport/api-client.js';
import { coreOrigin } from '../../../video/session-token.js';

/** A course's materials: text typed here, files uploaded as the raw body (checked by their bytes in the core). */
export function MaterialsEditor({ client, token, canEdit, course, onChanged }: { client: ApiClient; token: string; canEdit: boolean; course: CourseDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const fail = (e: unknown) => setMessage((e as Error).message);
  const addText = () =>
    client.call('addTextMaterial', { courseId: course.id, title, body }).then(() => {
      setTitle('');
      setBody('');
      onChanged();
    }, fail);
  const upload = async (file: File) => {
    setMessage(null);
    const headers = { Authorization: `Bearer ${token}`, [MATERIAL_COURSE_HEADER]: String(course.id), [MATERIAL_TITLE_HEADER]: encodeURIComponent(file.name.replace(/\.[^.]+$/, '')), [MATERIAL_FILENAME_HEADER]: encodeURIComponent(file.name) };
    const response = await fetch(new URL(MATERIAL_UPLOAD_PATH, coreOrigin() ?? window.location.href), { method: 'POST', headers, body: file });
    const result = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) setMessage(result.error ?? `HTTP ${response.status}`);
    onChanged();
  };
  return (
    <>
      <h3>{t('training.materials', { n: course.materials.length })}</h3>
      <ul data-testid="course-materials">
        {course.materials.map((m) => (
          <li key={m.id}>
            [{m.kind}] {m.title}
            {m.bytes ? ` · ${(m.bytes / 2 ** 20).toFixed(1)} MiB` : ''}
            {canEdit && (
              <button type="button" onClick={() => client.call('removeMaterial', { id: m.id }).then(onChanged, fail)}>
                {t('training.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <div className="training-form">
          <label>
            {t('training.textTitle')}
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="wide">
            {t('training.textBody')}
            <textarea rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
          </label>
          <button type="button" disabled={!title.trim() || !body.trim()} onClick={() => void addText()}>
            {t('training.addText')}
          </button>
          <label className="full">
            {t('training.upload')} — {t('training.uploadHint')}
            <input type="file" accept="image/*,application/pdf,video/mp4,video/webm" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} data-testid="course-upload" />
          </label>
        </div>
      )}
      {message && <p className="training-error">{message}</p>}
    </>
  );
}
