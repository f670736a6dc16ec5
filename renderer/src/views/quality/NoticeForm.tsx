import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../electron/common/api.js';
import type { QualityAssignee, QualityPhotoView } from '../../../../electron/common/api/quality.js';
import type { QualityLocation } from '../../../../electron/common/quality.js';
import type { ApiClient } from '../../transport/api-client.js';
import { LocationPicker } from './LocationPicker.js';
import { PhotoPicker } from './PhotoPicker.js';
import { announceQualityChange } from './quality-changed.js';
import { goToQuality } from './quality-route.js';

/** Raises a 整改通知单: from a failed inspection item (in the route) or directly; to a company or team on site. */
export function NoticeForm({ client, session, inspectionId, itemCode }: { client: ApiClient; session: SessionInfo; inspectionId: number | null; itemCode: string | null }) {
  const { t } = useTranslation();
  const [assignees, setAssignees] = useState<QualityAssignee[]>([]);
  const [companyId, setCompanyId] = useState<number | null>(null);
  const [teamId, setTeamId] = useState<number | null>(null);
  const [dueDate, setDueDate] = useState('');
  const [today, setToday] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<QualityPhotoView[]>([]);
  const [location, setLocation] = useState<QualityLocation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.call('listQualityAssignees').then(setAssignees, () => undefined);
    void client.call('getQualitySummary').then((s) => setToday(s.today), () => undefined);
  }, [client]);
  useEffect(() => {
    if (!inspectionId || !itemCode) return;
    void client.call('getInspection', { id: inspectionId }).then((i) => {
      const item = i.items.find((x) => x.code === itemCode);
      if (item) {
        setDescription((d) => d || `${item.text}：${item.remark}`);
        setPhotos((p) => (p.length ? p : item.photos));
      }
    }, () => undefined);
  }, [client, inspectionId, itemCode]);
  const company = assignees.find((a) => a.companyId === companyId);
  const save = async () => {
    setError(null);
    try {
      const saved = await client.call('raiseNotice', {
        source: inspectionId && itemCode ? { kind: 'inspection', inspectionId, itemCode } : { kind: 'direct' },
        companyId: companyId ?? 0,
        teamId,
        dueDate,
        description,
        photos: photos.map((p) => p.file),
        ...(location ? { location } : {}),
      });
      announceQualityChange();
      goToQuality(`notice/${saved.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="panel q-form" data-testid="q-notice-form">
      <h2>{t('quality.actions.raise')}</h2>
      <p className="q-dim">
        {t('quality.form.source')}: {inspectionId && itemCode ? t('quality.form.sourceItem', { id: inspectionId, code: itemCode }) : t('quality.form.sourceDirect')}
      </p>
      <div className="q-row">
        <label className="field">
          <span>{t('quality.form.company')}</span>
          <select value={companyId ?? ''} onChange={(e) => (setCompanyId(e.target.value ? Number(e.target.value) : null), setTeamId(null))} data-testid="q-company">
            <option value="">—</option>
            {assignees.map((a) => (
              <option key={a.companyId} value={a.companyId}>
                {a.companyName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('quality.form.team')}</span>
          <select value={teamId ?? ''} onChange={(e) => setTeamId(e.target.value ? Number(e.target.value) : null)} disabled={!company} data-testid="q-team">
            <option value="">{t('quality.form.noTeam')}</option>
            {company?.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('quality.form.dueDate')}</span>
          <input type="date" value={dueDate} min={today} onChange={(e) => setDueDate(e.target.value)} data-testid="q-due" />
        </label>
        {!inspectionId && <LocationPicker client={client} value={location} onChange={setLocation} />}
      </div>
      <label className="field">
        <span>{t('quality.form.description')}</span>
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} data-testid="q-description" />
      </label>
      <span className="q-dim">{t('quality.form.evidence')}</span>
      <PhotoPicker token={session.token} photos={photos} onChange={setPhotos} testId="q-notice-photos" />
      {error && (
        <p className="form-error" role="alert" data-testid="q-error">
          {error}
        </p>
      )}
      <button type="button" className="button primary" onClick={() => void save()} data-testid="q-save-notice">
        {t('quality.actions.raise')}
      </button>
    </section>
  );
}
