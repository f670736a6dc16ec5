import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanoramaCaptureView } from '../../../../electron/common/panorama/types.js';
import { siteDayOf, type BuildingProgress, type ProgressOverview } from '../../../../electron/common/progress.js';
import type { ApiClient } from '../../transport/api-client.js';

interface Props {
  client: ApiClient;
  building: BuildingProgress;
  timeZone: string;
  today: string;
  onSaved: (o: ProgressOverview) => void;
}

/**
 * 登记楼层完成: a floor (the lowest not done by default) and its day, or a panorama capture of one of
 * the building's capture points that shows it (the capture's day is used when no day is given; the
 * capture is kept as evidence).
 */
export function CompletionForm({ client, building, timeZone, today, onSaved }: Props) {
  const { t } = useTranslation();
  const firstOpen = building.floors.find((f) => f.completed === null)?.floor ?? building.plannedFloors;
  const [floor, setFloor] = useState(firstOpen);
  const [day, setDay] = useState(today);
  const [captureId, setCaptureId] = useState('');
  const [captures, setCaptures] = useState<PanoramaCaptureView[]>([]);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const points = building.capturePoints.join(',');

  useEffect(() => {
    let cancelled = false;
    const ids = points ? points.split(',') : [];
    void Promise.all(ids.map((pointId) => client.call('listPanoramaCaptures', { pointId }).catch(() => [] as PanoramaCaptureView[]))).then((lists) => {
      if (cancelled) return;
      const all = lists.flat().filter((c) => c.state === 'ready');
      all.sort((a, b) => (b.capturedAt ?? b.ingestedAt) - (a.capturedAt ?? a.ingestedAt));
      setCaptures(all.slice(0, 50));
    });
    return () => {
      cancelled = true;
    };
  }, [client, points]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    client
      .call('completeFloor', { buildingId: building.id, floor, ...(day ? { completed: day } : {}), ...(captureId ? { captureId } : {}) })
      .then(
        (o) => {
          onSaved(o);
          setMessage({ error: false, text: t('progress.saved') });
          setFloor(Math.min(building.plannedFloors, floor + 1));
        },
        (e: Error) => setMessage({ error: true, text: e.message }),
      );
  };

  return (
    <form className="progress-form" onSubmit={submit} data-testid="progress-complete-form">
      <h3>{t('progress.complete')}</h3>
      <label>
        {t('progress.floor')}
        <select value={floor} onChange={(e) => setFloor(Number(e.target.value))} data-testid="progress-complete-floor">
          {building.floors.map((f) => (
            <option key={f.floor} value={f.floor}>
              {f.floor}
              {f.completed ? ` ✓ ${f.completed}` : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('progress.completeOn')}
        <input type="date" value={day} max={today} onChange={(e) => setDay(e.target.value)} data-testid="progress-complete-day" />
      </label>
      <label>
        {t('progress.orCapture')}
        <select value={captureId} onChange={(e) => setCaptureId(e.target.value)} data-testid="progress-complete-capture">
          <option value="">{t('progress.noCapture')}</option>
          {captures.map((c) => (
            <option key={c.id} value={c.id}>
              {c.pointId} · {siteDayOf(c.capturedAt ?? c.ingestedAt, timeZone)} · {c.originalName}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="progress-complete-save">
        {t('progress.save')}
      </button>
      {message && (
        <p className={message.error ? 'form-error' : 'hint'} role={message.error ? 'alert' : 'status'} data-testid="progress-complete-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
