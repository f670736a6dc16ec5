import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../electron/common/api.js';
import type { QualityPhotoView } from '../../../../electron/common/api/quality.js';
import type { Checklist } from '../../../../electron/common/quality-checklists.js';
import type { ItemResult, QualityLocation } from '../../../../electron/common/quality.js';
import type { ApiClient } from '../../transport/api-client.js';
import { LocationPicker } from './LocationPicker.js';
import { PhotoPicker } from './PhotoPicker.js';
import { announceQualityChange } from './quality-changed.js';
import { goToQuality } from './quality-route.js';

interface ItemDraft {
  result: ItemResult;
  remark: string;
  photos: QualityPhotoView[];
}

/** Records an inspection: a checklist's items as 合格 / 不合格 / 不适用, each with a remark and photos, and where. */
export function InspectionForm({ client, session }: { client: ApiClient; session: SessionInfo }) {
  const { t } = useTranslation();
  const [checklists, setChecklists] = useState<Checklist[]>([]);
  const [checklistId, setChecklistId] = useState('');
  const [items, setItems] = useState<Record<string, ItemDraft>>({});
  const [location, setLocation] = useState<QualityLocation | null>(null);
  const [remark, setRemark] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.call('listQualityChecklists').then((c) => {
      setChecklists(c);
      setChecklistId((id) => id || (c[0]?.id ?? ''));
    });
  }, [client]);
  const checklist = checklists.find((c) => c.id === checklistId);
  const draft = (code: string): ItemDraft => items[code] ?? { result: 'pass', remark: '', photos: [] };
  const edit = (code: string, change: Partial<ItemDraft>) => setItems((all) => ({ ...all, [code]: { ...draft(code), ...change } }));
  const save = async () => {
    if (!checklist) return;
    setError(null);
    try {
      const saved = await client.call('recordInspection', {
        checklistId,
        location,
        remark,
        items: checklist.items.map((i) => ({ code: i.code, result: draft(i.code).result, remark: draft(i.code).remark, photos: draft(i.code).photos.map((p) => p.file) })),
      });
      announceQualityChange();
      goToQuality(`inspection/${saved.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="panel q-form" data-testid="q-inspection-form">
      <h2>{t('quality.actions.inspect')}</h2>
      <div className="q-row">
        <label className="field">
          <span>{t('quality.form.checklist')}</span>
          <select value={checklistId} onChange={(e) => (setChecklistId(e.target.value), setItems({}))} data-testid="q-checklist">
            {checklists.map((c) => (
              <option key={c.id} value={c.id}>
                {c.zh}
              </option>
            ))}
          </select>
        </label>
        <LocationPicker client={client} value={location} onChange={setLocation} />
      </div>
      {checklist && <p className="q-dim">{checklist.standard}</p>}
      <table className="q-table">
        <tbody>
          {checklist?.items.map((item) => (
            <tr key={item.code} data-testid={`q-item-${item.code}`}>
              <td>
                {item.zh}
                <div className="q-dim">{item.clause}</div>
              </td>
              <td className="q-results">
                {(['pass', 'fail', 'na'] as const).map((r) => (
                  <label key={r}>
                    <input type="radio" name={`r-${item.code}`} checked={draft(item.code).result === r} onChange={() => edit(item.code, { result: r })} data-testid={`q-item-${item.code}-${r}`} /> {t(`quality.result.${r}`)}
                  </label>
                ))}
              </td>
              <td>
                <input className="q-remark" value={draft(item.code).remark} onChange={(e) => edit(item.code, { remark: e.target.value })} placeholder={t('quality.col.remark')} />
              </td>
              <td>
                <PhotoPicker token={session.token} photos={draft(item.code).photos} onChange={(photos) => edit(item.code, { photos })} testId={`q-item-${item.code}-photos`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field">
        <span>{t('quality.form.remark')}</span>
        <textarea value={remark} onChange={(e) => setRemark(e.target.value)} rows={2} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button primary" onClick={() => void save()} data-testid="q-save-inspection">
        {t('quality.actions.save')}
      </button>
    </section>
  );
}
