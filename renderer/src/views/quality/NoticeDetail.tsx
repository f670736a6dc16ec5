import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../electron/common/api.js';
import type { NoticeView, QualityPhotoView } from '../../../../electron/common/api/quality.js';
import { mayQuality } from '../../../../electron/common/quality-permissions.js';
import { formatSiteTime } from '../../../../electron/common/time.js';
import type { ApiClient } from '../../transport/api-client.js';
import { PhotoPicker } from './PhotoPicker.js';
import { announceQualityChange } from './quality-changed.js';
import { StateTag } from './StateTag.js';

/** One notice: what, to whom, by when, its evidence, its history, and the next step for whoever may take it. */
export function NoticeDetail({ id, client, session, timeZone }: { id: number; client: ApiClient; session: SessionInfo; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState<NoticeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<QualityPhotoView[]>([]);
  const load = useCallback(() => client.call('getNotice', { id }).then(setNotice, (e: Error) => setError(e.message)), [client, id]);
  useEffect(() => void load(), [load]);
  const act = (work: () => Promise<NoticeView>) => async () => {
    setError(null);
    try {
      setNotice(await work());
      announceQualityChange();
      setText('');
      setPhotos([]);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  if (!notice) return <section className="panel">{error ? <p className="form-error">{error}</p> : null}</section>;
  const role = session.role;
  const when = (ms: number) => formatSiteTime(ms, timeZone, i18n.language, true);
  return (
    <section className="panel q-detail" data-testid="q-notice-detail">
      <p>
        <a href="#/quality">← {t('quality.actions.back')}</a>
      </p>
      <h2>
        {t('quality.detail', { number: notice.number })} <StateTag state={notice.state} />
        {notice.overdue && <span className="q-tag q-bad-tag">▲ {t('quality.overdue')}</span>}
      </h2>
      <dl className="q-fields">
        <dt>{t('quality.col.company')}</dt>
        <dd>
          {notice.companyName}
          {notice.teamName ? ` / ${notice.teamName}` : ''}
        </dd>
        <dt>{t('quality.col.due')}</dt>
        <dd className="mono">{notice.dueDate}</dd>
        <dt>{t('quality.col.location')}</dt>
        <dd>{notice.locationText || '—'}</dd>
        <dt>{t('quality.form.source')}</dt>
        <dd>
          {notice.source.kind === 'inspection' ? (
            <a href={`#/quality/inspection/${notice.source.inspectionId}`}>{t('quality.form.sourceItem', { id: notice.source.inspectionId, code: notice.source.itemCode })}</a>
          ) : notice.source.kind === 'panorama' ? (
            t('quality.form.sourcePanorama')
          ) : (
            t(notice.origin === 'authority' ? 'quality.origin.authority' : 'quality.form.sourceDirect')
          )}
          {notice.externalRef && ` · ${t('quality.externalRef')} ${notice.externalRef}`}
        </dd>
        <dt>{t('quality.col.description')}</dt>
        <dd className="q-text">{notice.description}</dd>
      </dl>
      <PhotoPicker token={session.token} photos={notice.photos} />
      <h3>{t('quality.history')}</h3>
      <ol className="q-log" data-testid="q-log">
        {notice.log.map((l) => (
          <li key={l.seq}>
            <span className="mono q-dim">{when(l.at)}</span> <strong>{t(`quality.action.${l.action}`)}</strong> · {l.actor}
            {l.text && <div className="q-text">{l.text}</div>}
            {l.photos.length > 0 && <PhotoPicker token={session.token} photos={l.photos} />}
          </li>
        ))}
      </ol>
      {error && (
        <p className="form-error" role="alert" data-testid="q-error">
          {error}
        </p>
      )}
      {notice.state === 'raised' && mayQuality(role, 'respond') && (
        <button type="button" className="button primary" onClick={act(() => client.call('acknowledgeNotice', { id }))} data-testid="q-acknowledge">
          {t('quality.actions.acknowledge')}
        </button>
      )}
      {notice.state === 'rectifying' && mayQuality(role, 'respond') && (
        <div className="q-step" data-testid="q-answer-form">
          <label>
            {t('quality.form.answerText')}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} data-testid="q-answer-text" />
          </label>
          <span className="q-dim">{t('quality.form.answerPhotos')}</span>
          <PhotoPicker token={session.token} photos={photos} onChange={setPhotos} testId="q-answer-photos" />
          <button type="button" className="button primary" onClick={act(() => client.call('answerNotice', { id, text, photos: photos.map((p) => p.file) }))} data-testid="q-answer">
            {t('quality.actions.answer')}
          </button>
        </div>
      )}
      {notice.state === 'answered' && mayQuality(role, 'verify') && (
        <div className="q-step">
          <button type="button" className="button primary" onClick={act(() => client.call('verifyNotice', { id, pass: true }))} data-testid="q-verify-pass">
            {t('quality.actions.verifyPass')}
          </button>
          <label>
            {t('quality.form.reason')}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} />
          </label>
          <button type="button" className="button danger" onClick={act(() => client.call('verifyNotice', { id, pass: false, text }))} data-testid="q-verify-fail">
            {t('quality.actions.verifyFail')}
          </button>
        </div>
      )}
    </section>
  );
}
